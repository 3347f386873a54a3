"""peakreport: event impact reports from registration and survey exports.

The public API is four names. They are imported lazily so that `peakreport
--help` does not pay for pandas.
"""

from __future__ import annotations

from typing import Any

__all__ = ["PeakreportError", "analyse", "load_params", "run_report"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "PeakreportError":
        from .errors import PeakreportError

        return PeakreportError
    if name == "load_params":
        from .params import load_params

        return load_params
    if name == "analyse":
        from .pipeline import analyse

        return analyse
    if name == "run_report":
        from .report import run_report

        return run_report
    raise AttributeError(name)
