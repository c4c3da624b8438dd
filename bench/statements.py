"""SQL statements per request, counted in this process on the same database with the same cookie
(the load's first request of each page): the load tool cannot see them, and the portal keeps no
counter of its own."""

from __future__ import annotations

from sqlalchemy import event

from bench.scenario import Page


def per_page(pages: dict[str, Page], app_config: dict) -> dict[str, int]:
    from portal import create_app
    from portal.db import db

    app = create_app(app_config)
    counted: dict[str, int] = {}
    with app.app_context():
        engine = db.engine
    statements = []

    def count(*_args) -> None:
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        for key, page in pages.items():
            request = page.requests[0]
            client = app.test_client()  # a client of its own: the account's cookies and no others
            for name, value in request.cookies.items():
                client.set_cookie(name, value)
            statements.clear()
            response = client.open(
                request.path,
                method=request.method,
                data=request.body or None,
                content_type="application/x-www-form-urlencoded" if request.body else None,
            )
            if response.status_code != page.expect:
                raise RuntimeError(f"{key}: HTTP {response.status_code} {response.location} while counting statements")
            counted[key] = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", count)
        engine.dispose()
    return counted
