"""The caseload's filters: search by name, a view, an order (read from the query string)."""

from __future__ import annotations

from wtforms import Form, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from portal.forms import ChoiceOneOf, at_most, clean_text
from portal.i18n import lazy_gettext as _l

VIEWS = {"all": _l("Alle"), "attention": _l("Kræver opmærksomhed"), "this_week": _l("Møde i denne uge")}
ORDERS = {"meeting": _l("Næste møde"), "name": _l("Navn"), "attention": _l("Mest opmærksomhed først")}


class CaseloadFilterForm(Form):
    q = StringField(
        _l("Søg på navn"),
        filters=[clean_text],
        validators=[Optional(), at_most(100)],
    )
    view = SelectField(
        _l("Vis"),
        choices=[SelectChoice(k, v) for k, v in VIEWS.items()],
        default="all",
        validate_choice=False,
        validators=[ChoiceOneOf(VIEWS)],
    )
    order = SelectField(
        _l("Sorter efter"),
        choices=[SelectChoice(k, v) for k, v in ORDERS.items()],
        default="meeting",
        validate_choice=False,
        validators=[ChoiceOneOf(ORDERS)],
    )
