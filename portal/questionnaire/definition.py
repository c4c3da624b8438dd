"""The questionnaire as versioned data: sections, questions, types, options, conditions.

Definitions live in definitions/v<N>.yaml and are loaded once per process. Texts in them are Danish
source strings, translated through the Babel catalogs at display time (see babel.py for extraction).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

DEFINITIONS = Path(__file__).resolve().parent / "definitions"
CURRENT_VERSION = 1

QUESTION_TYPES = {"text", "single", "multi", "scale", "yesno", "date", "number", "consent"}
MEETING_KINDS = ("first", "follow_up", "before_practicum", "after_practicum")
CONDITIONS = {"open_homework", "consent"}
CONSENT_KEY = "H0"


class DefinitionError(ValueError):
    """The definition file breaks one of the rules checked in `load`."""


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Question:
    key: str
    type: str
    text: str
    section_key: str
    hint: str | None = None
    required: bool = False
    sensitive: bool = False
    condition: dict = field(default_factory=dict)
    options: tuple[Option, ...] = ()
    max_length: int = 2000
    min: int | None = None
    max: int | None = None
    scale_labels: tuple[str, str] | None = None

    def option_label(self, value: str) -> str | None:
        return next((o.label for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    questions: tuple[Question, ...]
    intro: str | None = None
    sensitive: bool = False
    #: False for sections about one meeting only: a new questionnaire does not copy their answers.
    carry_over: bool = True


@dataclass(frozen=True)
class Definition:
    version: int
    sections: tuple[Section, ...]
    meeting_kinds: dict[str, tuple[str, ...]]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def question(self, key: str) -> Question | None:
        return self.questions_by_key().get(key)

    def questions_by_key(self) -> dict[str, Question]:
        return {q.key: q for s in self.sections for q in s.questions}

    def carried_keys(self) -> set[str]:
        """Questions whose answers a new questionnaire starts from (never consent or sensitive ones)."""
        return {
            q.key for s in self.sections if s.carry_over for q in s.questions if not q.sensitive and q.type != "consent"
        }

    def sections_for(self, meeting_kind: str) -> list[Section]:
        """The sections a questionnaire for this kind of meeting has, in order (its steps)."""
        keys = self.meeting_kinds.get(meeting_kind) or self.meeting_kinds["follow_up"]
        by_key = {section.key: section for section in self.sections}
        return [by_key[key] for key in keys]


def visible(question: Question, *, open_homework: bool, consent: bool) -> bool:
    """Whether a question is shown, given the facts its condition may name."""
    facts = {"open_homework": open_homework, "consent": consent}
    return all(facts[name] == wanted for name, wanted in question.condition.items())


@cache
def load(version: int = CURRENT_VERSION) -> Definition:
    path = DEFINITIONS / f"v{version}.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if raw.get("version") != version:
        raise DefinitionError(f"{path.name} says version {raw.get('version')}")
    sections = tuple(_section(item) for item in raw["sections"])
    kinds = {kind: tuple(keys) for kind, keys in raw["meeting_kinds"].items()}
    definition = Definition(version=version, sections=sections, meeting_kinds=kinds)
    check(definition)
    return definition


def _section(raw: dict) -> Section:
    key = raw["key"]
    questions = tuple(
        Question(
            key=str(q["key"]),
            type=q["type"],
            text=q["text"],
            section_key=key,
            hint=q.get("hint"),
            required=bool(q.get("required", False)),
            sensitive=bool(q.get("sensitive", False)),
            condition=dict(q.get("condition") or {}),
            options=tuple(Option(str(o["value"]), o["label"]) for o in q.get("options", ())),
            max_length=int(q.get("max_length", 2000)),
            min=q.get("min"),
            max=q.get("max"),
            scale_labels=tuple(q["scale_labels"]) if q.get("scale_labels") else None,
        )
        for q in raw["questions"]
    )
    return Section(
        key=key,
        title=raw["title"],
        questions=questions,
        intro=raw.get("intro"),
        sensitive=bool(raw.get("sensitive", False)),
        carry_over=bool(raw.get("carry_over", True)),
    )


def check(definition: Definition) -> None:
    """Refuse a definition that could not be shown or answered correctly."""
    keys = [q.key for s in definition.sections for q in s.questions]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise DefinitionError(f"question keys used twice: {sorted(duplicates)}")
    section_keys = {s.key for s in definition.sections}
    for kind in MEETING_KINDS:
        if kind not in definition.meeting_kinds:
            raise DefinitionError(f"no sections for meeting kind {kind!r}")
    for kind, keys_for_kind in definition.meeting_kinds.items():
        unknown = set(keys_for_kind) - section_keys
        if unknown:
            raise DefinitionError(f"meeting kind {kind!r} names unknown sections {sorted(unknown)}")
    for section in definition.sections:
        for q in section.questions:
            if q.type not in QUESTION_TYPES:
                raise DefinitionError(f"{q.key}: unknown type {q.type!r}")
            if set(q.condition) - CONDITIONS:
                raise DefinitionError(f"{q.key}: unknown condition {sorted(set(q.condition) - CONDITIONS)}")
            if q.type in {"single", "multi"} and len(q.options) < 2:
                raise DefinitionError(f"{q.key}: a choice needs at least two options")
            if q.type not in {"single", "multi"} and q.options:
                raise DefinitionError(f"{q.key}: only choices have options")
            if q.sensitive and q.condition.get("consent") is not True:
                raise DefinitionError(f"{q.key}: a sensitive question must be conditional on consent")
            if q.sensitive and q.required:
                raise DefinitionError(f"{q.key}: a sensitive question is never required")
            if q.condition.get("consent") and definition.question(CONSENT_KEY) is None:
                raise DefinitionError(f"{q.key}: depends on consent, but there is no {CONSENT_KEY}")
