"""Fixtures of the pack tests: the sample engagement's pack data in German and in English."""

from __future__ import annotations

import pytest
from pack_fixtures import sample_pack_data

from kit.pack.collect import PackData


@pytest.fixture(scope="module")
def pack_data() -> PackData:
    """Return the sample engagement's pack data (German), once per test module."""
    return sample_pack_data()


@pytest.fixture(scope="module")
def pack_data_en() -> PackData:
    """Return the sample engagement's pack data in English, once per test module."""
    return sample_pack_data("en")
