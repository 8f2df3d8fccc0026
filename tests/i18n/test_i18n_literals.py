"""No user-facing string literal outside the catalogues: a narrow `ast` check of kit/.

It looks where words reach a reader and a literal would bypass the catalogue:
- keyword arguments that carry display text (caption=, title=, xlabel=, label=, note=, ...)
  and the `labels=` mapping of a table, in every module of kit/;
- the text argument of the display helpers (note, Tile, Column, Sheet, headline, ax.set_title,
  ax.set_xlabel, ax.set_ylabel, typer.echo);
- strings returned or appended by the step text modules (kit/steps/**/text.py, wording.py).

A literal counts when it holds a word (two letters or more); ids, CSS classes, file names and
format codes have no spaces or are listed below. Every exception names the file, the literal
and why it is not a catalogue message.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

KIT = Path(__file__).resolve().parents[2] / "kit"

#: Keyword arguments whose value a reader sees.
TEXT_KEYWORDS = frozenset(
    {
        "caption",
        "title",
        "xlabel",
        "ylabel",
        "label",
        "note",
        "takeaway",
        "value_text",
        "unit",
        "empty",
        "help",
    }
)
#: Functions and methods whose first text argument a reader sees (argument index).
TEXT_CALLS = {
    "note": 1,
    "Tile": 0,
    "Column": 0,
    "Sheet": 0,
    "set_title": 0,
    "set_xlabel": 0,
    "set_ylabel": 0,
    "suptitle": 0,
    "echo": 0,
    "secho": 0,
}
#: Step text modules: what their functions return or collect is report prose.
TEXT_MODULES = ("text.py", "wording.py")

#: (path relative to kit/, literal) -> why it is not a catalogue message.
EXCEPTIONS: dict[tuple[str, str], str] = {}
#: (path relative to kit/, keyword) -> why every literal of that keyword there is not a message.
KEYWORD_EXCEPTIONS: dict[tuple[str, str], str] = {}

WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{2,}")
# Not prose: a code-like token (identifier, dotted id, unit symbol, format code, path)
CODE_LIKE = re.compile(r"[\w.:%/-]*")


def _is_prose(text: str) -> bool:
    if not WORD.search(text):
        return False
    return not CODE_LIKE.fullmatch(text)


def _literals(node: ast.AST) -> Iterator[ast.Constant]:
    """Yield the string constants a value is built from (f-string parts, dict values, tuples)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node
    elif isinstance(node, ast.JoinedStr):
        for part in node.values:
            if isinstance(part, ast.Constant):
                yield part
    elif isinstance(node, ast.Dict):
        for value in node.values:
            yield from _literals(value)
    elif isinstance(node, (ast.Tuple, ast.List)):
        for element in node.elts:
            yield from _literals(element)
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)
    elif isinstance(node, ast.BinOp):
        yield from _literals(node.left)
        yield from _literals(node.right)


def _bilingual(name: str | None) -> bool:
    """Return True for a `*_de` / `*_en` keyword: words kept in code beside the catalogue."""
    return name is not None and name.endswith(("_de", "_en"))


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _shown(keyword: str | None) -> bool:
    return keyword in TEXT_KEYWORDS or keyword == "labels" or _bilingual(keyword)


def _call_findings(tree: ast.AST, rel: str) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if (rel, keyword.arg) not in KEYWORD_EXCEPTIONS and _shown(keyword.arg):
                for constant in _literals(keyword.value):
                    yield constant.lineno, constant.value
        index = TEXT_CALLS.get(_call_name(node) or "")
        if index is not None and len(node.args) > index:
            for constant in _literals(node.args[index]):
                yield constant.lineno, constant.value


def _prose_findings(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        value = None
        if isinstance(node, ast.Return):
            value = node.value
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("append", "extend")
            and node.args
        ):
            value = node.args[0]
        if value is not None:
            for constant in _literals(value):
                yield constant.lineno, constant.value


def _findings(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(KIT).as_posix() if path.is_relative_to(KIT) else path.name
    yield from _call_findings(tree, rel)
    if path.name in TEXT_MODULES and "steps" in path.parts:
        yield from _prose_findings(tree)


def _violations() -> list[str]:
    found = []
    for path in sorted(KIT.rglob("*.py")):
        rel = path.relative_to(KIT).as_posix()
        for line, text in _findings(path):
            if _is_prose(text) and (rel, text) not in EXCEPTIONS:
                found.append(f"kit/{rel}:{line}: {text!r}")
    return found


def test_no_user_facing_literal_bypasses_the_catalogue() -> None:
    found = _violations()
    assert found == [], "\n".join(found)


def test_every_exception_still_exists() -> None:
    seen = {
        (path.relative_to(KIT).as_posix(), text)
        for path in KIT.rglob("*.py")
        for _line, text in _findings(path)
    }
    stale = [key for key in EXCEPTIONS if key not in seen]
    assert stale == [], stale
    files = {(path.relative_to(KIT).as_posix()) for path in KIT.rglob("*.py")}
    assert all(path in files for path, _keyword in KEYWORD_EXCEPTIONS)


def test_the_check_sees_a_literal_caption(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text('table(ctx, frame, caption="Open invoices by age")\n', encoding="utf-8")
    assert [text for _line, text in _findings(probe)] == ["Open invoices by age"]
