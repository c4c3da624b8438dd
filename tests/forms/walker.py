"""Walking every form the portal renders and asking the server, field by field, whether it accepts the
field empty when everything else is valid; then holding each label to the answer.

A form is read from its page as a browser reads it (its fields, the values it would send, its main
button). "Everything else valid" is found from the server: start from the page's values (a guess for
an empty box), send, and while the server names a field in its error summary, try that field's next
guess. Whether a field may be empty can hang on another field ("Virksomhed" for a job application),
so each field is tried empty in several situations: as filled, with every field the page marks
"(frivilligt)" left empty, and with each choice of every other radio group, select and checkbox. Each
try runs in a savepoint that is rolled back, with the browser's cookies put back, so every try starts
from the same page.

The label must then say:
- "(frivilligt)" when the server accepted the field empty in every situation,
- nothing when it refused it empty in every situation,
- when it is needed, in brackets ("(skal udfyldes ved jobsøgning)"), when that depends.
A single checkbox and a select without an empty choice cannot be sent empty: they say nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from werkzeug.datastructures import MultiDict

from portal.auth import throttle
from portal.clock import local_today
from portal.extensions import limiter
from tests.field_labels import label_element

OPTIONAL = "(frivilligt)"
#: How many guesses the walk makes before it gives up on filling a form validly.
MAX_TRIES = 12
#: Choices of one field tried as situations for the others (a condition names one of the first few).
MAX_CHOICES = 6
NOT_A_FIELD = ("submit", "button", "reset", "image")


def typed_date(days: int) -> str:
    day = local_today() + timedelta(days=days)
    return f"{day.day}.{day.month}.{day.year}"


#: What a person might type into a box, tried in this order after what fits the box's kind.
TEXT_GUESSES = ["Tekst", "10:30", "5", "https://www.jobnet.dk/job/1", "navn@eksempel.dk", "010190-1234"]


@dataclass
class Field:
    name: str
    kind: str  # text | textarea | select | radio | checkboxes | checkbox | hidden
    id: str  # what its label is for: the control's id, or a group's id (its options are <id>-0, …)
    sent: list[str]  # what the page sends untouched
    options: list[str] = field(default_factory=list)
    input_type: str = "text"
    hint: str = ""
    numeric: bool = False

    @property
    def targets(self) -> set[str]:
        """The ids the error summary links to for this field."""
        return {self.id, f"{self.id}-0"}

    def can_be_empty(self) -> bool:
        if self.kind == "select":
            return "" in self.options
        return self.kind in ("text", "textarea", "radio", "checkboxes")

    def empty(self) -> list[str]:
        return [] if self.kind in ("radio", "checkboxes", "checkbox") else [""]

    def guesses(self, known: dict[str, str]) -> list[list[str]]:
        """Values that may be valid, the first one to start from."""
        if self.kind == "hidden":
            return [self.sent]
        if self.kind == "checkbox":
            return [self.sent, [] if self.sent else self.options[:1]]
        if self.kind == "select":  # as the page shows it first, then each other choice
            return [self.sent] + [[option] for option in self.options if [option] != self.sent]
        if self.kind in ("radio", "checkboxes"):  # as the page shows it, or the first choice
            chosen = [self.sent] if self.sent else []
            return chosen + [[option] for option in self.options if [option] != self.sent]
        typed = [known[self.name]] if self.name in known else []
        if self.input_type == "email":
            typed.append("navn@eksempel.dk")
        elif self.input_type == "password":  # the same in every password box: "type it again" too
            typed.append(known.get("password", "en lang og god adgangskode"))
        if self.numeric:
            typed += ["5", "1"]
        if "24.12.2026" in self.hint:
            typed += [typed_date(10), typed_date(-10)]
        start = [self.sent] if self.sent and self.sent[0].strip() else []
        return start + [[text] for text in dict.fromkeys([*typed, *TEXT_GUESSES, typed_date(10), typed_date(-10)])]


@dataclass
class Form:
    page: str
    action: str
    method: str
    fields: dict[str, Field]
    button: tuple[str, str] | None  # the main button's name and value, when it has a name

    def answerable(self) -> list[Field]:
        return [f for f in self.fields.values() if f.kind != "hidden"]


def read_forms(page_url: str, soup) -> list[Form]:
    """The forms on a page that have something to fill in."""
    forms = []
    for tag in soup.find_all("form"):
        fields: dict[str, Field] = {}
        for control in tag.find_all(["input", "select", "textarea"]):
            name = control.get("name")
            if not name or control.has_attr("disabled") or control.get("type") in NOT_A_FIELD:
                continue
            _add_control(fields, control, soup)
        target = urlsplit(tag.get("action") or page_url)
        form = Form(
            page=page_url,
            action=target.path + (f"?{target.query}" if target.query else ""),
            method=(tag.get("method") or "get").lower(),
            fields=fields,
            button=_main_button(tag),
        )
        if form.answerable():
            forms.append(form)
    return forms


def _add_control(fields: dict[str, Field], control, soup) -> None:
    name, kind = control["name"], control.get("type", "text")
    if control.name == "select":
        options = [option.get("value", option.get_text()) for option in control.find_all("option")]
        chosen = control.find("option", selected=True) or control.find("option")
        sent = [chosen.get("value", chosen.get_text())] if chosen else []
        fields[name] = Field(name, "select", control["id"], sent, options)
    elif control.name == "textarea":
        fields[name] = Field(name, "textarea", control["id"], [control.get_text().removeprefix("\n")])
    elif kind in ("radio", "checkbox") and control.find_parent("fieldset") is not None:
        group = fields.setdefault(
            name, Field(name, "radio" if kind == "radio" else "checkboxes", control["id"].rsplit("-", 1)[0], [])
        )
        group.options.append(control.get("value", "on"))
        if control.has_attr("checked"):
            group.sent.append(control.get("value", "on"))
    elif kind == "checkbox":
        value = control.get("value", "y")
        fields[name] = Field(name, "checkbox", control["id"], [value] if control.has_attr("checked") else [], [value])
    elif kind == "hidden" or control.has_attr("hidden"):  # e.g. the user name for a password manager
        fields[name] = Field(name, "hidden", control.get("id", name), [control.get("value", "")])
    else:
        hint = soup.find(id=f"{control.get('id')}-hint")
        fields[name] = Field(
            name,
            "text",
            control["id"],
            [control.get("value", "")],
            input_type=kind,
            hint=hint.get_text() if hint else "",
            numeric=control.get("inputmode") == "numeric",
        )


def _main_button(form_tag) -> tuple[str, str] | None:
    buttons = [b for b in form_tag.find_all("button") if b.get("type", "submit") == "submit"]
    main = next((b for b in buttons if "button-primary" in (b.get("class") or [])), buttons[0] if buttons else None)
    if main is None or not main.get("name"):
        return None
    return main["name"], main.get("value", "")


def label_note(soup, item: Field) -> str:
    """What the label says besides the field's name: "(frivilligt)", "(skal udfyldes …)" or ""."""
    whole = label_element(soup, item.id).get_text(" ", strip=True)
    name = soup.find(id=f"{item.id}-label-text")
    return whole.removeprefix(name.get_text(" ", strip=True)).strip() if name else ""


@dataclass
class Outcome:
    accepted: bool
    status: int
    error_fields: set[str]
    soup: BeautifulSoup | None


@dataclass
class Walk:
    """Sends forms for one logged-in (or anonymous) browser inside the test's transaction."""

    app: object
    client: object
    connection: object
    known: dict[str, str] = field(default_factory=dict)
    requests: int = 0
    findings: list = field(default_factory=list)
    _cache: dict = field(default_factory=dict)

    def send(self, form: Form, values: dict[str, list[str]]) -> Outcome:
        """Send the form with these values and undo whatever it did."""
        key = (form.action, form.method, tuple(sorted((k, tuple(v)) for k, v in values.items())))
        if key in self._cache:
            return self._cache[key]
        data = MultiDict([(name, value) for name, sent in values.items() for value in sent])
        if form.button:
            data.add(*form.button)
        cookies = dict(self.client._cookies)  # the browser as it was: logged in, same form token
        savepoint = self.connection.begin_nested()
        limiter.reset()
        throttle.reset(self.app)
        try:
            if form.method == "post":
                response = self.client.post(form.action, data=data)
            else:
                response = self.client.get(form.action, query_string=data)
        finally:
            savepoint.rollback()
            self.client._cookies.clear()
            self.client._cookies.update(cookies)
        self.requests += 1
        outcome = self._judge(form, response)
        self._cache[key] = outcome
        return outcome

    def _judge(self, form: Form, response) -> Outcome:
        assert response.status_code < 500, f"{form.action} answered {response.status_code}"
        if response.status_code in (302, 303):
            assert not response.headers["Location"].startswith("/login"), f"{form.action}: logged out"
            return Outcome(True, response.status_code, set(), None)
        assert response.status_code == 200, f"{form.action} answered {response.status_code}"
        soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        summary = soup.find(attrs={"data-module": "error-summary"})
        if summary is None:
            return Outcome(True, 200, set(), soup)
        linked = {a["href"].lstrip("#") for a in summary.find_all("a", href=True)}
        named = {f.name for f in form.fields.values() if f.targets & linked}
        return Outcome(False, 200, named, soup)

    def valid_values(self, form: Form, fixed: dict[str, list[str]], start: dict | None = None) -> dict | None:
        """Values the server accepts with the `fixed` ones as given, or None when there are none."""
        values = dict(start or {name: f.guesses(self.known)[0] for name, f in form.fields.items()})
        values.update(fixed)
        tried: dict[str, int] = {}
        for _ in range(MAX_TRIES):
            outcome = self.send(form, values)
            if outcome.accepted:
                return values
            broken = outcome.error_fields - set(fixed)
            if not broken:
                return None
            for name in broken:
                guesses = form.fields[name].guesses(self.known)
                tried[name] = tried.get(name, 0) + 1
                if tried[name] >= len(guesses):
                    return None
                values[name] = guesses[tried[name]]
        return None


@dataclass
class Finding:
    """One field's label and what the server did with the field empty."""

    page: str
    field: str
    note: str
    accepted_empty: set[bool]

    def fits(self) -> bool:
        if self.accepted_empty == {True}:
            return self.note == OPTIONAL
        if self.accepted_empty == {False}:
            return self.note == ""
        return self.note.startswith("(") and self.note.endswith(")") and self.note != OPTIONAL

    def server_says(self) -> str:
        return {frozenset({True}): "accepts", frozenset({False}): "refuses"}.get(
            frozenset(self.accepted_empty), "sometimes accepts"
        )


def situations(walk: Walk, form: Form, first_view) -> list[dict[str, list[str]]]:
    """The other fields' values each field is tried empty with: as filled; the fields marked
    "(frivilligt)" empty; and each choice of every other choice field."""
    optional = {
        f.name: f.empty() for f in form.answerable() if f.can_be_empty() and label_note(first_view, f) == OPTIONAL
    }
    found = [{}, optional]
    for choice in form.answerable():
        if choice.kind in ("radio", "select", "checkbox", "checkboxes"):
            found += [{choice.name: value} for value in choice.guesses(walk.known)[1 : MAX_CHOICES + 1]]
    return found


def check_form(walk: Walk, form: Form, first_view) -> list[str]:
    """Every way this form's labels fail to say what the server does; empty when they tell the truth."""
    problems = []
    start = walk.valid_values(form, {})
    if start is None:
        return [f"{form.page} -> {form.action}: the walk found no values the server accepts; add a guess"]
    notes = {f.name: label_note(first_view, f) for f in form.answerable()}
    problems += [
        f"{form.page}: the hint of {item.name} gives more than one example: {item.hint!r}"
        for item in form.answerable()
        if len(re.findall(r"\b(?:fx|For eksempel)\b", item.hint)) > 1
    ]
    base_values = {}
    for fixed in situations(walk, form, first_view):
        values = walk.valid_values(form, fixed, start)
        if values is not None:
            base_values[tuple(sorted((k, tuple(v)) for k, v in fixed.items()))] = (fixed, values)
    for item in form.answerable():
        if not item.can_be_empty():
            if notes[item.name]:
                problems.append(f"{form.page}: {item.name} cannot be sent empty, yet its label says {notes[item.name]}")
            continue
        accepted = set()
        for fixed, values in base_values.values():
            if item.name in fixed and fixed[item.name] != item.empty():
                continue
            outcome_values = walk.valid_values(form, {**fixed, item.name: item.empty()}, values)
            accepted.add(outcome_values is not None)
            if len(accepted) == 2 and notes[item.name] not in ("", OPTIONAL):
                break  # needed sometimes: found both, and the label says when
        finding = Finding(form.page, item.name, notes[item.name], accepted)
        walk.findings.append(finding)
        if not finding.fits():
            problems.append(
                f"{form.page} -> {form.action}: {item.name} says {finding.note or 'nothing'!r}, "
                f"but the server {finding.server_says()} it empty"
            )
        refused = walk.send(form, {**start, item.name: item.empty()})
        if not refused.accepted and refused.soup is not None:
            problems += _same_labels_after_errors(form, refused.soup, notes, item.name)
    return problems


def _same_labels_after_errors(form: Form, soup, notes: dict[str, str], emptied: str) -> list[str]:
    problems = []
    for item in form.answerable():
        after = label_note(soup, item)
        if after != notes[item.name]:
            problems.append(
                f"{form.page}: with {emptied} empty the page with errors labels {item.name} {after!r}, "
                f"first {notes[item.name]!r}"
            )
    return problems
