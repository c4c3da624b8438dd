"""The caseload's filters: search by name, a view, an order (sent by POST; see the caseload view)."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict
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

    @classmethod
    def from_link(cls, args: MultiDict) -> CaseloadFilterForm:
        """The filters a link chose: the view and the order only; a search in a URL is ignored, so
        no page or bookmark ever carries one."""
        return cls(MultiDict([(key, value) for key, value in args.items(multi=True) if key != "q"]))
