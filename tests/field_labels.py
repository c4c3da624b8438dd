"""Reading a field's label as a person does: the <label> of a control, the <legend> of a group of
radios or checkboxes, and an accessible name put together from aria-labelledby."""

from __future__ import annotations

OPTIONAL = "(frivilligt)"


def label_element(page, field_id: str):
    """The element that names the field with this id (a group's fields are <id>-0, <id>-1, …)."""
    control = page.find(id=field_id)
    in_a_group = control is None or control.name not in ("input", "select", "textarea")
    if not in_a_group:
        label = page.find("label", attrs={"for": field_id})
        assert label is not None, f"#{field_id} has no <label for>"
        return label
    first = page.find(id=f"{field_id}-0")
    assert first is not None, f"no field #{field_id} on the page"
    legend = first.find_parent("fieldset").find("legend")
    assert legend is not None, f"the group of #{field_id} has no legend"
    return legend


def label_text(page, field_id: str) -> str:
    return label_element(page, field_id).get_text(" ", strip=True)


def accessible_name_by_labelledby(page, element) -> str:
    """The name aria-labelledby gives `element`: the texts of the elements it names, in order."""
    ids = element.get("aria-labelledby", "").split()
    assert ids, f"#{element.get('id')} has no aria-labelledby"
    parts = []
    for id_ in ids:
        named = page.find(id=id_)
        assert named is not None, f"aria-labelledby of #{element.get('id')} names missing #{id_}"
        parts.append(named.get_text(" ", strip=True))
    return " ".join(parts)
