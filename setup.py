"""Build step that pyproject.toml cannot express: ship the notebooks and the sample.

The design card keeps `notebooks/`, `params/` and `data/sample/` at the top of the
repository, outside the package. A wheel only holds packages, so the build copies them
into `peakreport/bundled/` with the same relative layout (the sample's params point at
`../data/sample/…`); `peakreport.bundle` looks there first. An editable install copies
nothing: it runs the repository's own files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
BUNDLED = {"notebooks": "*.ipynb", "params": "*.yaml", "data/sample": "forum-peak-*/*"}


class BuildPyWithBundle(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "peakreport" / "bundled"
        shutil.rmtree(target, ignore_errors=True)  # nothing left from an earlier build
        for folder, pattern in BUNDLED.items():
            for src in sorted((HERE / folder).glob(pattern)):
                if src.is_file():
                    dest = target / src.relative_to(HERE)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(src, dest)


setup(cmdclass={"build_py": BuildPyWithBundle})
