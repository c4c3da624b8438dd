"""Sending a page's form as a browser would: the values the page shows, with what the person changed."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.pages import parse_page

TEXT_BOXES = (None, "text", "email", "tel", "number", "url", "search")


def the_form(page, action: str, *, typed: bool = True):
    """The POST form on `page` that sends to `action` (a path) and, when `typed`, has a box to type into."""
    for form in page.find_all("form", method="post"):
        target = urlsplit(form.get("action") or action).path
        if target == urlsplit(action).path and (not typed or text_boxes(form)):
            return form
    raise AssertionError(f"no form sends to {action}")


def text_boxes(form) -> list[str]:
    """The names of the boxes a person types into."""
    return [
        field["name"]
        for field in form.find_all(["input", "textarea"])
        if field.get("name") and (field.name == "textarea" or field.get("type") in TEXT_BOXES)
    ]


def values_of(form) -> dict:
    """What the browser would send from `form` untouched (hidden fields, the text shown, the choices made)."""
    values: dict = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name, kind = field.get("name"), field.get("type")
        if not name:
            continue
        if field.name == "textarea":
            values[name] = field.get_text().removeprefix("\n")
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            values[name] = chosen.get("value", "") if chosen else ""
        elif kind in ("radio", "checkbox"):
            if field.has_attr("checked"):
                values[name] = field.get("value", "on")
        elif kind not in ("submit", "button"):
            values[name] = field.get("value", "")
    return values


def send(client, page_url: str, changes: dict | None = None, *, action: str | None = None):
    """Open `page_url`, change `changes` in the form that sends to `action` (default: the page), send it."""
    action = action or page_url
    form = the_form(parse_page(client.get(page_url)), action, typed=False)
    target = form.get("action") or action
    return client.post(target, data=values_of(form) | (changes or {}))
