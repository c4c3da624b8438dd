"""The questionnaire definition is sound data: conditions point to real things, every text translated."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from portal.questionnaire import definition as definitions
from portal.questionnaire.definition import Definition, DefinitionError, Question, Section

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def current() -> Definition:
    return definitions.load()


def test_definition_loads_with_nine_sections(current):
    assert [s.key for s in current.sections] == list("ABCDEFGHI")
    assert sum(len(s.questions) for s in current.sections) >= 45


def test_every_meeting_kind_has_sections_and_first_meeting_covers_b_to_e(current):
    for kind in definitions.MEETING_KINDS:
        assert current.sections_for(kind)
    first = [s.key for s in current.sections_for("first")]
    assert {"B", "C", "D", "E"} <= set(first)
    assert "G" in [s.key for s in current.sections_for("after_practicum")]


def test_sensitive_questions_need_consent_and_are_optional(current):
    sensitive = [q for s in current.sections for q in s.questions if q.sensitive]
    assert {"H1", "H2", "H3", "H4", "H5", "H6", "F2"} <= {q.key for q in sensitive}
    assert all(q.condition == {"consent": True} and not q.required for q in sensitive)
    assert current.question("H0").type == "consent"


def test_every_condition_names_a_known_fact(current):
    for section in current.sections:
        for question in section.questions:
            assert set(question.condition) <= definitions.CONDITIONS


def test_visibility_follows_conditions(current):
    a3, h1, b1 = current.question("A3"), current.question("H1"), current.question("B1")
    assert not definitions.visible(a3, open_homework=False, consent=False)
    assert definitions.visible(a3, open_homework=True, consent=False)
    assert not definitions.visible(h1, open_homework=True, consent=False)
    assert definitions.visible(h1, open_homework=False, consent=True)
    assert definitions.visible(b1, open_homework=False, consent=False)


def test_every_definition_text_is_translated_to_english(current):
    with open(ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = {m.id: m for m in read_po(handle) if m.id}
    texts = []
    for section in current.sections:
        texts += [section.title] + ([section.intro] if section.intro else [])
        for q in section.questions:
            texts += [q.text] + ([q.hint] if q.hint else []) + [o.label for o in q.options] + list(q.scale_labels or ())
    missing = [t for t in texts if t not in catalog or not catalog[t].string or catalog[t].fuzzy]
    assert not missing, f"{len(missing)} definition texts without English, e.g. {missing[:3]}"


def bad(**changes) -> Definition:
    question = Question(
        key="X1",
        type="single",
        text="?",
        section_key="X",
        options=(definitions.Option("a", "A"), definitions.Option("b", "B")),
    )
    question = Question(**{**question.__dict__, **changes})
    section = Section(key="X", title="X", questions=(question,))
    return Definition(version=99, sections=(section,), meeting_kinds=dict.fromkeys(definitions.MEETING_KINDS, ("X",)))


@pytest.mark.parametrize(
    "changes",
    [
        {"type": "essay"},
        {"condition": {"moon_phase": True}},
        {"options": ()},
        {"sensitive": True},  # sensitive without the consent condition
        {"condition": {"consent": True}},  # no H0 in this definition
    ],
)
def test_check_refuses_broken_definitions(changes):
    with pytest.raises(DefinitionError):
        definitions.check(bad(**changes))


def test_check_refuses_unknown_sections_in_meeting_kinds():
    broken = bad()
    broken = Definition(
        version=99, sections=broken.sections, meeting_kinds={**broken.meeting_kinds, "first": ("X", "Z")}
    )
    with pytest.raises(DefinitionError):
        definitions.check(broken)
