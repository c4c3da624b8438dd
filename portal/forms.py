"""Forms shared across features."""

from flask_wtf import FlaskForm


class ConfirmForm(FlaskForm):
    """A button that changes something: a CSRF token and nothing else."""
