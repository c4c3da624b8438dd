"""Babel extractor for the questionnaire definitions, so their texts land in the catalogs.

babel.cfg maps definitions/*.yaml to `extract_definition`; `make translations` then finds every
section title, intro, question text, hint, option label and scale label.
"""

from __future__ import annotations

import yaml

TEXT_KEYS = ("title", "intro", "text", "hint", "label")


def extract_definition(fileobj, keywords, comment_tags, options):
    """Yield (line number, function name, message, comments) for Babel, as its extractors do."""
    root = yaml.compose(fileobj.read().decode("utf-8"))
    yield from _walk(root)


def _walk(node):
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value in TEXT_KEYS and isinstance(value_node, yaml.ScalarNode):
                yield value_node.start_mark.line + 1, "_", value_node.value, []
            elif key_node.value == "scale_labels" and isinstance(value_node, yaml.SequenceNode):
                for item in value_node.value:
                    yield item.start_mark.line + 1, "_", item.value, []
            else:
                yield from _walk(value_node)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item)
