"""Babel extractor for the dialog files: the texts of questions, options, dialogs, checklists.

Named in `locales/babel.cfg`, so that `pybabel extract` puts the dialog texts in the
same catalog as the strings of the code (they are translated with gettext where shown).
"""

from __future__ import annotations

TEXT_KEYS = {"text", "short", "help", "label", "title", "event"}


def extract_dialogs(fileobj, keywords, comment_tags, options):
    """Yield (line, function, message, comments) for each text of a dialog YAML file."""
    import yaml

    yield from _walk(yaml.compose(fileobj.read().decode("utf-8")))


def _walk(node):
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value in TEXT_KEYS and isinstance(value, yaml.ScalarNode):
                yield value.start_mark.line + 1, None, value.value, []
            else:
                yield from _walk(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item)
