"""Locale formatting never prints a negative zero."""

from __future__ import annotations

import pytest

from kit.i18n import fmt_days, fmt_money, fmt_number, fmt_percent


@pytest.mark.parametrize("value", [-0.0, -0.001, -0.004999])
def test_negative_zero_never_prints(value: float) -> None:
    assert fmt_money(value, "de") == "0,00\u00a0€"
    assert fmt_money(value, "de", digits=0) == "0\u00a0€"
    assert fmt_money(value, "en") == "€0.00"
    assert fmt_number(value, "de", digits=2) == "0,00"
    assert fmt_percent(value, "de") == "0,0\u00a0%"
    assert fmt_days(value, "en") == "0.0\u00a0days"


def test_real_negatives_keep_their_sign() -> None:
    assert fmt_money(-12.5, "de") == "-12,50\u00a0€"
    assert fmt_number(-0.06, "en", digits=1) == "-0.1"
