"""Stage 4 of 5, notebook: what the report notebooks call.

`EventReport` (`event`) and `ProgrammeReport` (`programme`) turn the measure stage's
aggregates into sections of HTML (`fragments`) with plotly charts (`figures`); `display`
makes what a custom cell shows look like the report; `frames` gives row-level data
without personal data for custom analysis. A report kernel imports this stage and
measure's aggregates, not pandas.

May import: read, data, measure and the shared modules. Never publish.

`from peakreport.notebook import EventReport` (and `ProgrammeReport`, `Fragment`) work
as the notebooks use them; the modules are imported on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY = {"EventReport": "event", "SECTIONS": "event", "ProgrammeReport": "programme",
         "Fragment": "fragments", "warm_up": "sections", "warmed_up": "sections"}

__all__ = ["EventReport", "Fragment", "ProgrammeReport"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
