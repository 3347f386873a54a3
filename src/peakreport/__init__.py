"""peakreport: event impact reports from registration and survey exports.

The package is the report's pipeline, one folder per stage, in order:
`read` → `data` → `measure` → `notebook` → `publish` (each folder's docstring says its
job). Beside them, small modules every stage may use: `errors`, `text`, `i18n`,
`territory`, `params`, `privacy`, `bundle`; and `cli`, the command line over all of it.

The public API is four names. They are imported lazily so that `peakreport
--help` does not pay for pandas.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
from typing import Any

__all__ = ["PeakreportError", "analyse", "load_params", "run_report"]
__version__ = "0.1.0"

# Import paths that the README documented before the stages became folders, and that
# notebooks made by earlier versions use: still importable, as the same module objects.
MOVED = {
    "peakreport.display": "peakreport.notebook.display",
    "peakreport.render": "peakreport.notebook.fragments",
    "peakreport.programme_notebook": "peakreport.notebook.programme",
}


def __getattr__(name: str) -> Any:
    if name == "PeakreportError":
        from .errors import PeakreportError

        return PeakreportError
    if name == "load_params":
        from .params import load_params

        return load_params
    if name == "analyse":
        from .measure.analysis import analyse

        return analyse
    if name == "run_report":
        from .publish.run import run_report

        return run_report
    raise AttributeError(name)


class _MovedFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports an old path (`MOVED`) as the module at its new place: no second copy."""

    def find_spec(self, name: str, path: Any = None, target: Any = None):
        return importlib.util.spec_from_loader(name, self) if name in MOVED else None

    def create_module(self, spec):
        return importlib.import_module(MOVED[spec.name])

    def exec_module(self, module) -> None:
        """Already executed at its new place."""


if not any(isinstance(f, _MovedFinder) for f in sys.meta_path):
    sys.meta_path.append(_MovedFinder())
