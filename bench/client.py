"""A tiny HTTP client for preparing the load: logs in, keeps cookies, reads forms."""

from __future__ import annotations

import http.client
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from bs4 import BeautifulSoup

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]*)"')


@dataclass
class Response:
    status: int
    location: str
    body: str


class Browser:
    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    @property
    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def get(self, path: str) -> Response:
        return self.send("GET", path, None)

    def post(self, path: str, fields: list[tuple[str, str]]) -> Response:
        return self.send("POST", path, urlencode(fields))

    def follow(self, path: str, hops: int = 4) -> tuple[str, Response]:
        response = self.get(path)
        while response.status in (301, 302, 303) and hops:
            path, response, hops = response.location, self.get(response.location), hops - 1
        return path, response

    def log_in(self, email: str, password: str) -> None:
        token = CSRF.search(self.get("/login").body).group(1)
        response = self.post("/login", [("csrf_token", token), ("email", email), ("password", password)])
        if response.status != 302 or "/login" in response.location:
            raise RuntimeError(f"could not log in as {email} (HTTP {response.status})")

    def send(self, method: str, path: str, body: str | None) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": self.cookie_header} if self.cookies else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        raw = connection.getresponse()
        for header, value in raw.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookie_value = rest.split(";", 1)[0]
                if cookie_value and "max-age=0" not in value.lower():
                    self.cookies[name] = cookie_value
                else:
                    self.cookies.pop(name, None)
        response = Response(raw.status, raw.getheader("Location") or "", raw.read().decode())
        connection.close()
        return response


def form_fields(html: str, form_with: str) -> tuple[str, list[tuple[str, str]]]:
    """The action and the current values of the first form holding a field named `form_with`,
    as a browser would submit them (checked boxes only, selected options, textarea text)."""
    soup = BeautifulSoup(html, "html.parser")
    form = next(f for f in soup.find_all("form") if f.find(attrs={"name": form_with}))
    fields: list[tuple[str, str]] = []
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or element.get("type") in ("submit", "button") or element.has_attr("disabled"):
            continue
        if element.name == "textarea":
            # HTML drops one newline right after <textarea>, as a browser would.
            fields.append((name, element.text.removeprefix("\n")))
        elif element.name == "select":
            chosen = element.find("option", selected=True) or element.find("option")
            fields.append((name, chosen.get("value", chosen.text) if chosen else ""))
        elif element.get("type") in ("radio", "checkbox"):
            if element.has_attr("checked"):
                fields.append((name, element.get("value", "on")))
        else:
            fields.append((name, element.get("value", "")))
    return form.get("action") or "", fields
