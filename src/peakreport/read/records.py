"""The records parsed from a CSV agree with the file: no row swallowed, no absurd cell.

A quote left open (`"Acme` in row 5) makes a CSV parser read every following line into
one cell, up to the next quote or the end of the file: "rows read 5" for a file of 100
lines, and 95 people silently gone. So the file's lines are counted and compared with
the records parsed from them:

- the same number: nothing spans lines (most exports; the check costs one count);
- fewer records: some cells span lines. A cell whose lines look like rows of the file
  (as many delimiters as the header) holds records that a quote swallowed: past
  `SWALLOWED_MAX` such lines the file is refused (exit 2) naming the row and line where
  the quote opened; below it that row is listed as rejected. Either way the difference
  is a data warning (`LineCheck`), shown by `validate` and in the report, since cells
  with line breaks (comments) are also how a quote is swallowed.

Also here, once the file is parsed: more than `limits.MAX_COLUMNS` columns, or a cell
past `limits.MAX_CELL_BYTES`, is refused naming the limit and the row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataError
from .limits import MAX_CELL_BYTES, MAX_COLUMNS

SWALLOWED_MAX = 2  # lines that look like rows, read inside one cell: more is an error
_CHUNK = 64 << 20


@dataclass
class Span:
    """A cell that spans lines of the file."""

    row: int            # the record's row, as a spreadsheet counts them (1-based)
    line: int           # the file's line where that record starts
    column: int         # 1-based
    extra_lines: int    # lines of the file inside the cell, past its first
    row_like: int       # of those, lines with as many delimiters as a row of the file


@dataclass
class LineCheck:
    """How the file's lines and the parsed records compare (a data warning if they
    differ)."""

    lines: int
    records: int
    spans: list[Span] = field(default_factory=list)

    @property
    def inside_cells(self) -> int:
        return max(0, self.lines - self.records)

    def damaged(self) -> list[Span]:
        return [s for s in self.spans if s.row_like]


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def _lines_and_longest(data: bytes) -> tuple[int, int, int]:
    """(lines, longest line's length in bytes, its line number), in bounded steps."""
    if len(data) <= MAX_CELL_BYTES:  # no line can be long: count only
        newlines = data.count(b"\n")
        return newlines + (not data.endswith(b"\n") and bool(data)), 0, 0
    best = best_line = 0
    prev, before = -1, 0
    for start in range(0, len(data), _CHUNK):
        block = np.frombuffer(data, np.uint8, count=min(_CHUNK, len(data) - start),
                              offset=start)
        ends = np.flatnonzero(block == 10) + start
        if len(ends):
            gaps = np.diff(ends, prepend=prev) - 1
            i = int(gaps.argmax())
            if gaps[i] > best:
                best, best_line = int(gaps[i]), before + i + 1
            prev, before = int(ends[-1]), before + len(ends)
    tail = len(data) - prev - 1
    if tail > best:
        best, best_line = tail, before + 1
    return before + (tail > 0), best, best_line


def check_records(path: Path, data: bytes, frame: pd.DataFrame, delimiter: str,
                  encoding: str) -> LineCheck:
    """Compare the file's lines with `frame`'s records (every record of the file, the
    header and blank lines included); refuse too many columns, a cell too large, or a
    quote that swallowed rows. Returns the comparison, for `apply` and the warnings."""
    if frame.shape[1] > MAX_COLUMNS:
        raise DataError(f"has {frame.shape[1]:,} columns, past the limit of "
                        f"{MAX_COLUMNS:,} columns for an export", path=path)
    if encoding.lower().replace("_", "-").startswith("utf-16"):
        text = data.decode(encoding, errors="replace")
        lines = text.count("\n") + (not text.endswith("\n") and bool(text))
        longest = MAX_CELL_BYTES + 1 if len(data) > MAX_CELL_BYTES else 0
    else:
        lines, longest, _ = _lines_and_longest(data)
    if longest > MAX_CELL_BYTES:  # a cell may be that long: measure them
        _check_cell_sizes(path, frame)
    check = LineCheck(lines, len(frame))
    if check.inside_cells:
        check.spans = _spans(path, frame, delimiter)
        for s in check.spans:
            if s.row_like > SWALLOWED_MAX:
                end = ("the end of the file" if s.row == len(frame)
                       else f"line {s.line + s.extra_lines}")
                raise DataError(
                    f"a quote opened in column {s.column} (line {s.line} of the file) runs "
                    f"to {end}: {s.row_like} lines that look like rows were read as one "
                    f"cell ({check.records:,} records for {check.lines:,} lines); close or "
                    "remove that quote in the file", path=path, row=s.row)
    return check


def _check_cell_sizes(path: Path, frame: pd.DataFrame) -> None:
    for j, col in enumerate(frame.columns, 1):
        lengths = frame[col].str.len().fillna(0).to_numpy()
        if len(lengths) and lengths.max() > MAX_CELL_BYTES:
            i = int(lengths.argmax())
            raise DataError(f"its cell in column {j} holds {_mb(int(lengths[i]))} of text, "
                            f"past the limit of {_mb(MAX_CELL_BYTES)} for one cell", path=path,
                            row=i + 1)


def _spans(path: Path, frame: pd.DataFrame, delimiter: str) -> list[Span]:
    """The cells holding line breaks, with the lines of each that look like rows."""
    width = frame.shape[1]
    hits: list[tuple[int, int, str]] = []
    for j, col in enumerate(frame.columns):
        cells = frame[col]
        where = np.flatnonzero(cells.str.contains("\n", regex=False).fillna(False).to_numpy())
        hits += [(int(i), j, cells.iat[i]) for i in where]
    hits.sort()
    extra_by_row: dict[int, int] = {}
    for i, _j, cell in hits:
        extra_by_row[i] = extra_by_row.get(i, 0) + cell.count("\n")
    spans = []
    for i, j, cell in hits:
        if len(cell) > MAX_CELL_BYTES:
            raise DataError(f"its cell in column {j + 1} holds {_mb(len(cell))} of text, "
                            f"past the limit of {_mb(MAX_CELL_BYTES)} for one cell",
                            path=path, row=i + 1)
        pieces = cell.split("\n")[1:]
        row_like = (sum(p.count(delimiter) >= width - 1 for p in pieces) if width >= 3 else 0)
        line = i + 1 + sum(n for r, n in extra_by_row.items() if r < i)
        # a quote open to the end holds the file's last line break, which ends no line
        extra = cell.count("\n") - (i == len(frame) - 1 and cell.endswith("\n"))
        spans.append(Span(i + 1, line, j + 1, extra, row_like))
    return spans


def check_sheet(path: Path, records: list[list[str]]) -> None:
    """A workbook's rows: the same limits on columns and cell sizes as a CSV's (Excel
    itself stops a cell at 32,767 characters: a larger one is a forged file)."""
    import itertools

    if records and max(map(len, records)) > MAX_COLUMNS:
        raise DataError(f"has {max(map(len, records)):,} columns, past the limit of "
                        f"{MAX_COLUMNS:,} columns for an export", path=path)
    cells = itertools.chain.from_iterable(records)
    if records and max(map(len, cells), default=0) > MAX_CELL_BYTES:
        for i, r in enumerate(records):
            for j, c in enumerate(r, 1):
                if len(c) > MAX_CELL_BYTES:
                    raise DataError(f"its cell in column {j} holds {_mb(len(c))} of text, "
                                    f"past the limit of {_mb(MAX_CELL_BYTES)} for one cell",
                                    path=path, row=i + 1)


def apply(check: LineCheck, table) -> None:
    """List the rows whose cell swallowed lines that look like rows (below the error
    threshold) as rejected, with the reason; keep the comparison for the warnings."""
    table.line_check = check
    damaged = {s.row: s for s in check.damaged()}
    if not damaged:
        return
    keep = ~np.isin(table.source_rows, list(damaged))
    for row in table.source_rows[~keep]:
        s = damaged[int(row)]
        table.unparsed.append((int(row), f"a quote opened in column {s.column} runs over "
                                         f"{s.extra_lines} more line(s) of the file, which "
                                         "look like rows: close that quote in the file"))
    table.frame = table.frame.loc[keep].reset_index(drop=True)
    table.source_rows = table.source_rows[keep]
