"""`next` stays on this site; the login form is rate limited with a friendly page."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from portal.urls import safe_next
from tests.factories import csrf_token_from, log_in
from tests.pages import parse_page

EVIL = [
    "https://evil.tld",
    "//evil.tld",
    "/\\evil.tld",
    "\\\\evil.tld",
    "http:/evil.tld",
    "javascript:alert(1)",
    "/%0d%0aLocation:%20https://evil.tld",
    " //evil.tld",
    "https:evil.tld",
    "/\t/evil.tld",
    "ftp://evil.tld/x",
]


@pytest.mark.parametrize("target", EVIL)
def test_next_never_leaves_the_site(client, make_citizen, target):
    response = log_in(client, make_citizen().email, next_url=target)
    location = response.headers["Location"]
    assert location == "/", f"{target!r} gave {location!r}"


def test_next_to_a_local_page_is_followed(client, make_citizen):
    response = log_in(client, make_citizen().email, next_url="/privatliv")
    assert response.headers["Location"] == "/privatliv"


def test_anonymous_is_sent_to_login_with_next(client):
    response = client.get("/caseworker/citizens/5")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/caseworker/citizens/5"


@pytest.mark.parametrize("target", ["/", "/plan/?x=1", "/caseworker/citizens/12"])
def test_safe_next_accepts_local_paths(target):
    assert safe_next(target) == target


@pytest.mark.parametrize("target", [unquote(t) for t in EVIL] + ["", "relative/path", "/" + "a" * 3000])
def test_safe_next_refuses_everything_else(target):
    # The view sees `next` after the query string is decoded, so the unit test does too.
    assert safe_next(target) is None
    assert safe_next(None) is None


def test_rapid_login_posts_are_limited_with_friendly_page(client):
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    statuses = [
        client.post("/login", data={"csrf_token": token, "email": "x@example.test", "password": "guess"}).status_code
        for _ in range(50)
    ]
    assert statuses[0] == 200
    assert 429 in statuses
    limited = client.post("/login", data={"csrf_token": token, "email": "x@example.test", "password": "guess"})
    page = parse_page(limited, status=429)
    assert "Du har prøvet for mange gange" in page.h1.get_text()
    assert client.get("/login").status_code == 200, "reading the page is not limited"


def test_rate_limit_uses_redis_when_configured(database_url, redis_url):
    """With REDIS_URL set the limiter stores its counts in Redis (shared by all workers)."""
    url = redis_url
    from portal.extensions import limiter
    from tests.conftest import make_test_app

    app = make_test_app(database_url, REDIS_URL=url)
    try:
        assert app.config["RATELIMIT_STORAGE_URI"] == url
        assert type(limiter.storage).__name__ == "RedisStorage"
        limiter.reset()
        client = app.test_client()
        token = csrf_token_from(client.get("/login").get_data(as_text=True))
        statuses = [
            client.post("/login", data={"csrf_token": token, "email": "", "password": ""}).status_code
            for _ in range(12)
        ]
        assert statuses.count(429) >= 2
        limiter.reset()
    finally:
        # The limiter is module-wide: give it back its in-memory storage for the other tests.
        limiter.init_app(make_test_app(database_url))
