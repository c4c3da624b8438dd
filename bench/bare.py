"""The yardstick: one Flask route served with the portal's gunicorn settings."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hej"
