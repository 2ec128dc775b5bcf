"""frontlint: a fast linter and validator for the front matter of Markdown content folders.

The package holds the `frontlint` binary (installed into the environment's scripts folder);
`python -m frontlint ARGS` runs it. `find_frontlint_bin()` returns its path.
"""

from __future__ import annotations

import os
import sys
import sysconfig


def find_frontlint_bin() -> str:
    """The path of the frontlint binary this package installed."""
    exe = "frontlint" + (sysconfig.get_config_var("EXE") or "")
    candidates = [os.path.join(sysconfig.get_path("scripts"), exe)]
    # `pip install --user` puts scripts in the user scheme.
    if sys.version_info >= (3, 10):
        user = sysconfig.get_preferred_scheme("user")
    elif os.name == "nt":
        user = "nt_user"
    elif sys.platform == "darwin" and getattr(sys, "_framework", None):
        user = "osx_framework_user"
    else:
        user = "posix_user"
    candidates.append(os.path.join(sysconfig.get_path("scripts", scheme=user), exe))
    for path in candidates:
        if os.path.isfile(path):
            return path
    raise FileNotFoundError(f"the frontlint binary is not installed (looked at {candidates})")


__all__ = ["find_frontlint_bin"]
