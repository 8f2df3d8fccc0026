"""Session-wide settings: strict message lookups and a shell with no language preference."""

from __future__ import annotations

import os

from kit.i18n.translations import STRICT_ENV

# A lookup whose message id is missing from the catalogue of its language raises, in this
# process and in every notebook kernel a test starts (kernels inherit the environment).
os.environ.setdefault(STRICT_ENV, "1")
# Outside an engagement the CLI speaks the shell's language (KIT_LANGUAGE, then the locale); the
# tests that expect one set it themselves, so the developer's own shell does not decide.
for _name in ("KIT_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"
