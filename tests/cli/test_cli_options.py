"""Shared options of `kit`: dates and the steps of `--only` are checked where they are parsed."""

from __future__ import annotations

from datetime import date

import pytest
import typer

from kit.cli.options import LanguageChoice, StatusChoice, parse_date, parse_steps
from kit.errors import ConfigError
from kit.i18n import LANGUAGES
from kit.rollout import STATUSES


def test_the_choices_are_the_kits_own_sets() -> None:
    assert tuple(c.value for c in LanguageChoice) == LANGUAGES
    assert tuple(c.value for c in StatusChoice) == STATUSES


def test_parse_date() -> None:
    assert parse_date(None, "--as-of") is None
    assert parse_date("2026-06-30", "--as-of") == date(2026, 6, 30)
    with pytest.raises(ConfigError) as error:
        parse_date("30.06.2026", "--as-of")
    assert error.value.key == "--as-of" and error.value.value == "30.06.2026"


def test_parse_steps_takes_numbers_and_notebook_names() -> None:
    assert parse_steps(None) is None
    assert parse_steps("01, 04") == ["01", "04"]
    assert parse_steps("4,05_strategy") == ["4", "05_strategy"]
    with pytest.raises(typer.BadParameter, match="'09'"):
        parse_steps("01,09")
