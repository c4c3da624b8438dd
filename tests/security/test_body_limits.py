"""No request body is read without limit: a big one gets 413 and a page saying what to do, whether it
says its length or comes in chunks (issue 18, items 2 and R5)."""

from __future__ import annotations

import http.client

import pytest

from tests.identity import serving
from tests.pages import parse_page

TEN_MB = 10 * 1024 * 1024


def test_a_ten_megabyte_login_post_is_refused_unread(client):
    response = client.post("/login", data={"email": "a@example.test", "password": "x" * TEN_MB})
    page = parse_page(response, status=413)
    assert page.h1.get_text(strip=True) == "Det, du sendte, er for stort"


@pytest.mark.parametrize(("chunked", "expected"), [(False, 413), (True, 411)])
def test_a_big_body_over_real_http_is_refused(app, chunked, expected):
    """With a length: 413. Chunked, without one: 411, before any of it is read (Werkzeug would cut it
    at the limit silently and the form would then fail for a reason that says nothing)."""
    with serving(app) as url:
        # A short timeout: once the server has answered it stops reading, and a send would wait.
        connection = http.client.HTTPConnection(url.removeprefix("http://"), timeout=5)
        body = b"email=a%40example.test&password=" + b"x" * (2 * 1024 * 1024)
        if chunked:
            connection.putrequest("POST", "/login")
            connection.putheader("Content-Type", "application/x-www-form-urlencoded")
            connection.putheader("Transfer-Encoding", "chunked")
            connection.endheaders()
            for start in range(0, len(body), 65536):
                piece = body[start : start + 65536]
                try:
                    connection.send(b"%x\r\n%s\r\n" % (len(piece), piece))
                except (BrokenPipeError, ConnectionResetError, TimeoutError):
                    break  # the server stopped reading: that is the point
            else:
                connection.send(b"0\r\n\r\n")
        else:
            connection.request(
                "POST", "/login", body=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
            )
        try:
            status = connection.getresponse().status
        finally:
            connection.close()  # the server may still wait for the rest of the body
        assert status == expected


def test_a_form_within_the_limit_still_works(client, make_citizen):
    from tests.factories import log_in

    assert log_in(client, make_citizen().email).status_code == 302
