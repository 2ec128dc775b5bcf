"""`python -m frontlint ARGS`: runs the frontlint binary with ARGS and its exit code."""

import os
import sys

from frontlint import find_frontlint_bin


def main() -> None:
    binary = os.fsdecode(find_frontlint_bin())
    if sys.platform == "win32":
        import subprocess

        sys.exit(subprocess.run([binary, *sys.argv[1:]]).returncode)
    os.execv(binary, [binary, *sys.argv[1:]])


if __name__ == "__main__":
    main()
