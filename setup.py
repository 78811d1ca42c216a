"""Packaging glue: the repository keeps the built-in templates in one top-level `templates/`
folder; a wheel carries them inside the package (`build_decks/templates/`), copied in here at
build time. An editable install reads them from the checkout (build_decks.render.env)."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithTemplates(build_py):
    def run(self) -> None:
        super().run()
        if not self.editable_mode:
            shutil.copytree(Path(__file__).parent / "templates",
                            Path(self.build_lib) / "build_decks" / "templates",
                            dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithTemplates})
