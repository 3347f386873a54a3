"""What a chart says in text: its text alternative (SPEC, Accessibility).

Every chart of a report, its own (`figures`) or a custom cell's (`traces`), comes with
one; `fragments.chart` shows it beside the chart, and the printed report gathers the
tables in its appendix.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class TextAlternative:
    """A summary written from the data, and the plotted values as a table (already
    formatted cells)."""

    summary: list[str]  # pieces: strings, and i18n.Foreign for text in another language
    headers: list[str]
    rows: list[list[str]]
    numeric: set[int] = field(default_factory=set)
