"""A Babel extraction method that reads Python with `ast`, so calls inside f-strings count too.

Babel's own Python extractor reads tokens; before Python 3.12 an f-string is one token, so a
`tr("...")` inside `f"<h2>{tr('...')}</h2>"` would be missed. `babel.cfg` names this method, so
`pybabel extract -F babel.cfg -o kit.pot kit` finds every message on every Python version.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

__all__ = ["extract_kit"]


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
