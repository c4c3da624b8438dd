"""The templates' url_for remembers what it built, and builds the same URLs as Flask's."""

from __future__ import annotations

from flask import url_for

from portal.templating import memoised_url_for


def test_remembered_urls_are_the_ones_flask_builds(app):
    template_url_for = memoised_url_for(size=8)
    with app.test_request_context("/"):
        for citizen_id in (1, 2, 1, 2):
            assert template_url_for("caseworker.citizen", citizen_id=citizen_id) == url_for(
                "caseworker.citizen", citizen_id=citizen_id
            )
        assert template_url_for("caseworker.caseload", q="Ib & Bo") == "/caseworker/?q=Ib+%26+Bo"
    info = template_url_for.cache_info()
    assert (info.hits, info.misses) == (2, 3)


def test_the_script_root_and_the_value_types_are_part_of_what_is_remembered(app):
    template_url_for = memoised_url_for(size=8)
    with app.test_request_context("/"):
        assert template_url_for("caseworker.caseload", page=1) == "/caseworker/?page=1"
        assert template_url_for("caseworker.caseload", page=True) == "/caseworker/?page=True"
    with app.test_request_context("/", base_url="http://localhost/minplan/"):
        assert template_url_for("caseworker.caseload", page=1) == "/minplan/caseworker/?page=1"


def test_external_urls_and_anchors_are_built_every_time(app):
    template_url_for = memoised_url_for(size=8)
    with app.test_request_context("/", base_url="https://a.example/"):
        assert template_url_for("pages.privacy", _external=True) == "https://a.example/privatliv"
    with app.test_request_context("/", base_url="https://b.example/"):
        assert template_url_for("pages.privacy", _external=True) == "https://b.example/privatliv"
        assert template_url_for("pages.privacy", _anchor="cookies").endswith("#cookies")
    assert template_url_for.cache_info().currsize == 0


def test_pages_build_their_links_through_it(app, client):
    remembered = app.jinja_env.globals["url_for"].cache_info
    first = client.get("/login").get_data(as_text=True)
    hits = remembered().hits
    second = client.get("/login").get_data(as_text=True)
    assert remembered().hits > hits
    assert 'href="/privatliv"' in first and 'href="/privatliv"' in second
