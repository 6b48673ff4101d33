"""Write the package's .pyc files before timing start-up, as an installation does.

pip precompiles pydantic and Textual; our editable sources are compiled on first import, and
not at all when PYTHONDONTWRITEBYTECODE is set (as on this workplace's machines), so every
run would otherwise pay the compilation that a real installation does once.
"""

from __future__ import annotations

import compileall
from pathlib import Path


def compile_package() -> None:
    compileall.compile_dir(str(Path(__file__).parents[1] / "assistant"), quiet=1)
