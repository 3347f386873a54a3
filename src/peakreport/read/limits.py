"""Input limits: refuse a decompression bomb or an absurd export before it is read.

A 2.8 MB .xlsx can expand to gigabytes of sheet XML, and to millions of rows that take
every byte of memory before any message; a CSV can be far larger than any forum's.
`check_input` runs before a file is read and exits 2 naming the file and the limit.
It only looks at what is cheap to see: the file's size, a CSV's line count (counted
in 16 MB blocks, never held), an .xlsx's zip directory (sizes before and after
decompression) and each sheet's declared dimension (its first bytes). On a normal
export it costs well under a millisecond per megabyte.

The limits follow the source's `max_rows` (default 5,000,000) and `max_xlsx_ratio`
(default 100) params keys, raised there for a genuine file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..errors import DataError

MAX_ROWS = 5_000_000
MAX_XLSX_RATIO = 100       # sheet XML compresses 5-20x; a bomb 1000x and more
BYTES_PER_ROW = 1024       # a file over max_rows x 1 KB is refused before reading
MIN_BYTES = 64 << 20        # ... but never under 64 MB (a workbook's own parts, long lines)
RATIO_FROM_BYTES = 64 << 20  # the ratio matters once the expanded size does
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+\d+(?::[A-Z]+(\d+))?\"")


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB" if n < 1e7 else f"{n / 1e6:,.0f} MB"


def _raise_hint(kind: str, key: str) -> str:
    return f"raise `{key}:` under `{kind}:` in the params if the file is genuine"


def check_input(path: Path, kind: str, max_rows: int = MAX_ROWS,
                max_ratio: float = MAX_XLSX_RATIO) -> None:
    """Raise DataError when `path` is past the limits (see the module's docstring)."""
    size = path.stat().st_size
    max_bytes = max(max_rows * BYTES_PER_ROW, MIN_BYTES)
    with path.open("rb") as f:
        is_zip = f.read(4) == b"PK\x03\x04"
    if is_zip:
        _check_xlsx(path, kind, max_rows, max_ratio, max_bytes)
        return
    if size > max_bytes:
        raise DataError(f"is {_mb(size)}, past the limit of {_mb(max_bytes)} "
                        f"for {max_rows:,} rows; {_raise_hint(kind, 'max_rows')}", path=path)
    if size < max_rows:  # fewer bytes than the row limit: cannot have more lines
        return
    lines = 0
    with path.open("rb") as f:
        while block := f.read(16 << 20):
            lines += block.count(b"\n")
            if lines > max_rows:
                raise DataError(f"has more than {max_rows:,} lines, past the limit; "
                                f"{_raise_hint(kind, 'max_rows')}", path=path)


def _check_xlsx(path: Path, kind: str, max_rows: int, max_ratio: float,
                max_bytes: int) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            expanded = sum(i.file_size for i in infos)
            packed = max(1, sum(i.compress_size for i in infos))
            if expanded > max_bytes:
                raise DataError(
                    f"expands to {_mb(expanded)}, past the limit of "
                    f"{_mb(max_bytes)} for {max_rows:,} rows; "
                    f"{_raise_hint(kind, 'max_rows')}", path=path)
            if expanded > RATIO_FROM_BYTES and expanded / packed > max_ratio:
                raise DataError(
                    f"expands {expanded / packed:.0f} times ({_mb(packed)} to "
                    f"{_mb(expanded)}), past the limit of {max_ratio:g} times for a "
                    f"workbook; {_raise_hint(kind, 'max_xlsx_ratio')}", path=path)
            for info in infos:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(
                        ".xml"):
                    with zf.open(info) as sheet:
                        m = _DIMENSION.search(sheet.read(4096))
                    rows = int(m.group(1) or 1) if m else 0
                    if rows > max_rows:
                        raise DataError(
                            f"has a sheet of {rows:,} rows, past the limit of {max_rows:,}; "
                            f"{_raise_hint(kind, 'max_rows')}", path=path)
    except (zipfile.BadZipFile, OSError, EOFError):
        return  # not a readable workbook: the reader says so in its own words
