"""What the DKFDS macro tests share: a form with every kind of field, and checks of the rendered HTML's
wiring."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice as C
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.required import RequiredWhen

REPO = Path(__file__).resolve().parents[2]


SPRITE = REPO / "templates" / "components" / "fds" / "icons-sprite.svg"


IMPORTS = (
    '{% import "components/fds/forms.html" as fds %}{% import "components/fds/feedback.html" as feedback %}'
    '{% import "components/fds/navigation.html" as nav %}{% import "components/fds/icons.html" as icons %}'
)


XSS = '<script>alert("x")</script>'


class ProfileForm(FlaskForm):
    name = StringField(
        "Navn",
        description="Fornavn og efternavn",
        validators=[InputRequired("Skriv dit navn"), Length(max=40, message="Navnet er for langt")],
    )
    nickname = StringField("Kaldenavn", validators=[Optional()])
    password = PasswordField("Adgangskode")
    note = TextAreaField("Note", validators=[Optional(), Length(max=20, message="Noten er for lang")])
    answer = RadioField(
        "Har du et job?", choices=[C("ja", "Ja"), C("nej", "Nej")], validators=[InputRequired("Vælg ja eller nej")]
    )
    topics = SelectMultipleField(
        "Emner",
        choices=[C(1, "Løn"), C(2, "Ferie"), C(3, "Kursus")],
        coerce=int,
        validators=[DataRequired("Vælg mindst ét emne")],
    )
    consent = BooleanField("Jeg har læst vilkårene", validators=[DataRequired("Sæt flueben")])
    office = SelectField(
        "Jobcenter",
        choices=[C("", "Vælg"), C("aarhus", "Aarhus"), C("odense", "Odense")],
        validators=[InputRequired("Vælg et jobcenter")],
    )
    region = SelectField(
        "Region",
        choices=[C("aarhus", "Aarhus", optgroup="Jylland"), C("kbh", "København", optgroup="Sjælland")],
        validators=[Optional()],
    )
    employer = StringField(
        "Arbejdsgiver",
        validators=[
            RequiredWhen(
                "answer", ["ja"], message="Skriv din arbejdsgiver", note="skal udfyldes, når du har et job", only=True
            )
        ],
    )
    meeting = DateField("Mødedato", format="%d.%m.%Y", validators=[InputRequired("Skriv en dato")])
    token = HiddenField(validators=[DataRequired("Siden er udløbet")])


ALL_FIELDS = (
    "{{ fds.error_summary(form) }}{{ fds.text_input(form.name) }}{{ fds.text_input(form.nickname) }}"
    "{{ fds.text_input(form.password, type='password') }}{{ fds.textarea(form.note, maxlength=20) }}"
    "{{ fds.radios(form.answer) }}{{ fds.checkboxes(form.topics) }}{{ fds.single_checkbox(form.consent) }}"
    "{{ fds.select(form.office) }}{{ fds.select(form.region) }}{{ fds.date_input(form.meeting) }}{{ form.token }}"
)


def describedby_ids(soup, element):
    """The ids in aria-describedby; fails if one of them is not on the page."""
    ids = element.get("aria-describedby", "").split()
    for id_ in ids:
        assert soup.find(id=id_) is not None, f"aria-describedby points to missing #{id_}"
    return ids


def assert_unique_ids(soup):
    counts = Counter(tag["id"] for tag in soup.find_all(id=True))
    assert [id_ for id_, n in counts.items() if n > 1] == []
