"""Domain terms are translated as translations/glossary.yaml fixes them, wherever they appear."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
GLOSSARY = yaml.safe_load((TRANSLATIONS / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
LANGUAGES = sorted(
    p.name for p in TRANSLATIONS.iterdir() if (p / "LC_MESSAGES" / "messages.po").exists() and p.name != "da"
)


def pairs(language: str):
    """(Danish text, its translation) for every translated entry, plural forms included."""
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalogue = read_po(po)
    for message in catalogue:
        if not message.id or not message.string:
            continue
        if isinstance(message.id, tuple):
            strings = [s for s in message.string if s]
            for plural_form in strings:
                yield message.id[0 if plural_form is strings[0] else 1], plural_form
        else:
            yield message.id, message.string


def test_every_term_has_a_translation_and_forms_in_every_language():
    for name, term in GLOSSARY.items():
        assert term["explanation"] and re.compile(term["da"]), name
        for language in LANGUAGES:
            entry = term.get(language)
            assert entry and entry["term"] and entry["forms"], f"{name} has no {language} translation"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_term_is_translated_as_the_glossary_says(language):
    wrong = []
    for danish, translated in pairs(language):
        for name, term in GLOSSARY.items():
            if re.search(term["da"], danish, re.IGNORECASE):
                forms = [form.lower() for form in term[language]["forms"]]
                if not any(form in translated.lower() for form in forms):
                    wrong.append(f"{name}: {danish!r} -> {translated!r} (expected one of {forms})")
    assert not wrong, f"{len(wrong)} entries leave the glossary:\n" + "\n".join(wrong[:30])


def test_the_glossary_would_catch_a_wrong_term():
    term = GLOSSARY["sagsbehandler"]
    assert re.search(term["da"], "Skriv til din sagsbehandler", re.IGNORECASE)
    assert not any(form in "write to your social worker" for form in term["en"]["forms"])
