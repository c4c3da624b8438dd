"""Every field a person fills in is in data_inventory.yaml with a purpose, a basis and a retention."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import yaml
from flask_wtf import FlaskForm
from wtforms import FieldList, FormField

from portal.questionnaire import definition as definitions

ROOT = Path(__file__).resolve().parents[2]
INVENTORY = yaml.safe_load((ROOT / "data_inventory.yaml").read_text(encoding="utf-8"))


def form_classes():
    """Every form class the portal defines, wherever it lives."""
    import portal

    for info in pkgutil.walk_packages(portal.__path__, "portal."):
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, FlaskForm) and cls.__module__ == module.__name__ and cls is not FlaskForm:
                yield name, cls
                yield from row_forms(cls)


def row_forms(cls):
    """The forms of the rows a form repeats (FieldList of FormField)."""
    for value in vars(cls).values():
        if getattr(value, "field_class", None) is FieldList:
            row = value.args[0]
            if getattr(row, "field_class", None) is FormField:
                yield row.args[0].__name__, row.args[0]


def test_every_form_field_is_in_the_inventory():
    missing = []
    for name, cls in form_classes():
        fields = {key for klass in cls.__mro__ for key, value in vars(klass).items() if hasattr(value, "field_class")}
        listed = set(INVENTORY["forms"].get(name, {}))
        missing += [f"{name}.{field}" for field in fields - listed]
    assert not missing, f"fields without an inventory entry: {missing}"


def test_every_question_is_in_the_inventory_and_sensitive_ones_are_marked():
    listed = INVENTORY["questionnaire"]["questions"]
    for version in (definitions.CURRENT_VERSION,):
        for section in definitions.load(version).sections:
            for question in section.questions:
                assert question.key in listed, f"{question.key} is not in data_inventory.yaml"
                assert bool(listed[question.key].get("sensitive")) == question.sensitive, question.key


def test_every_entry_names_a_known_basis_and_retention():
    bases = set(INVENTORY["bases"])
    for form, fields in INVENTORY["forms"].items():
        for field, entry in fields.items():
            assert entry["basis"] in bases and entry["purpose"] and entry["retention"], f"{form}.{field}"
    for key in ("default", "sensitive"):
        entry = INVENTORY["questionnaire"][key]
        assert entry["basis"] in bases and entry["purpose"] and entry["retention"]
