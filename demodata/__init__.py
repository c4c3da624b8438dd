"""Demo and scale data for development and measuring: never part of the running portal.

`flask --app wsgi demo seed` fills an empty database with the demo accounts; `flask --app wsgi demo
scale` writes synthetic data at national scale. The commands come in through the `flask.commands`
entry point (pyproject.toml), so the portal itself never imports this package, and both refuse to
run in production.
"""
