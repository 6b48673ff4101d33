"""Build step: compile the gettext catalogs of `locales/` into the package (`assistant/locales`).

Everything else is declared in pyproject.toml. The wheel then ships the `.mo` files; an
editable install gets them in the source tree (git-ignored), and `assistant.i18n` recompiles
any `.po` edited since.
"""

import runpy
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).parent
# By path: the package is not importable yet while it is being built.
compile_catalogs = runpy.run_path(str(HERE / "assistant" / "catalogs.py"))["compile_catalogs"]


class BuildWithCatalogs(build_py):
    def run(self):
        super().run()
        package = HERE / "assistant" if self.editable_mode else Path(self.build_lib) / "assistant"
        compile_catalogs(HERE / "locales", package / "locales")


setup(cmdclass={"build_py": BuildWithCatalogs})
