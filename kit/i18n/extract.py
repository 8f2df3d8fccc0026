"""A Babel extraction method that reads Python with `ast`, so calls inside f-strings count too.

Babel's own Python extractor reads tokens; before Python 3.12 an f-string is one token, so a
`tr("...")` inside `f"<h2>{tr('...')}</h2>"` would be missed. `babel.cfg` names this method, so
`pybabel extract -F babel.cfg -o kit.pot kit` finds every message on every Python version.
`extract_yaml_fields` reads message ids kept as data (the KPI registry's names and formulas).
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

__all__ = ["extract_kit", "extract_yaml_fields"]

#: What an extraction method yields: (line, function, arguments, comments).
Found = Iterator[tuple[int, str, str | tuple[str | None, ...] | None, list[str]]]


def _argument(node: ast.expr) -> str | None:
    """Return a literal string argument (implicit concatenation included), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def extract_kit(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, str | tuple[str | None, ...] | None, list[str]]]:
    """Yield (line, function, arguments, comments) for every call of a keyword function.

    Arguments are the positional arguments, a string where literal and None elsewhere; Babel
    picks the message id, plural and context from them by each keyword's spec.
    """
    del comment_tags  # translator comments are not used
    encoding = str(options.get("encoding", "utf-8"))
    tree = ast.parse(fileobj.read().decode(encoding))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = (
            func.id
            if isinstance(func, ast.Name)
            else func.attr
            if isinstance(func, ast.Attribute)
            else None
        )
        if name is None or name not in keywords:
            continue
        values = tuple(_argument(a) for a in node.args)
        yield node.lineno, name, values if len(values) > 1 else values[0], []


def _fields(spec: str) -> dict[str, str | None]:
    """Return field -> context from `name=KPI, formula=KPI formula, reference_text`."""
    found: dict[str, str | None] = {}
    for part in spec.split(","):
        field, _, context = part.strip().partition("=")
        if field:
            found[field.strip()] = context.strip() or None
    return found


def extract_yaml_fields(
    fileobj: IO[bytes], keywords: Collection[str], tags: Collection[str], options: Mapping[str, Any]
) -> Found:
    """Yield the message ids of a YAML mapping of records: the values of the named fields.

    The option `fields` names them, each with its gettext context (`name=KPI, formula=KPI
    formula, reference_text`); a field with a context is yielded as an `NP_` call, one without as
    `N_`, so both keywords must be listed for the file.
    """
    import yaml

    del keywords, tags  # the fields option says what is a message
    fields = _fields(str(options.get("fields", "")))
    root = yaml.compose(fileobj.read().decode(str(options.get("encoding", "utf-8"))))
    if not isinstance(root, yaml.MappingNode):
        return
    for _key, record in root.value:
        if not isinstance(record, yaml.MappingNode):
            continue
        for field, value in record.value:
            if field.value not in fields or not isinstance(value, yaml.ScalarNode):
                continue
            context = fields[field.value]
            line = value.start_mark.line + 1
            if context is None:
                yield line, "N_", value.value, []
            else:
                yield line, "NP_", (context, value.value), []
