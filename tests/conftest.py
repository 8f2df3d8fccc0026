"""Session-wide settings: every message lookup of every test must find its translation."""

from __future__ import annotations

import os

from kit.i18n.translations import STRICT_ENV

# A lookup whose message id is missing from the catalogue of its language raises, in this
# process and in every notebook kernel a test starts (kernels inherit the environment).
os.environ.setdefault(STRICT_ENV, "1")
