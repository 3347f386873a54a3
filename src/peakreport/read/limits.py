"""Input limits: refuse what is not an export, or could exhaust the machine, before it is read.

A 2.8 MB .xlsx can expand to gigabytes of sheet XML, and to millions of rows that take
every byte of memory before any message; a CSV can be far larger than any forum's; a
FIFO or a device (/dev/zero) never ends. `check_input` runs before a file is read and
exits 2 naming the file and the limit. It only looks at what is cheap to see: what the
path is (a regular file, or a FIFO, a device, a socket), the file's size, its first
megabyte (binary content, a line break, the width of its first lines), a CSV's line
count (counted in 16 MB blocks, never held), an .xlsx's parts (their real expanded
sizes, measured in bounded steps: a zip may lie about them) and each sheet's declared
dimension (its first bytes). On a normal export it costs well under a millisecond per
megabyte (an .xlsx: its parts' decompression, about 2 ms per MB of XML).

The limits follow the source's `max_rows` (default 5,000,000) and `max_xlsx_ratio`
(default 100) params keys, raised there for a genuine file; `MAX_COLUMNS` and
`MAX_CELL_BYTES` are fixed (see `records` for the checks made once the file is parsed).
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from pathlib import Path

from ..errors import DataError

MAX_ROWS = 5_000_000
MAX_XLSX_RATIO = 100       # sheet XML compresses 5-20x; a bomb 1000x and more
BYTES_PER_ROW = 1024       # a file over max_rows x 1 KB is refused before reading
MIN_BYTES = 64 << 20        # ... but never under 64 MB (a workbook's own parts, long lines)
RATIO_FROM_BYTES = 64 << 20  # the ratio matters once the expanded size does
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+\d+(?::[A-Z]+(\d+))?\"")
HEAD_BYTES = 1 << 20        # what is looked at before a file is read whole
MAX_COLUMNS = 5_000        # LimeSurvey's widest exports have a few thousand; 5,000 read in ~10 s
MAX_CELL_BYTES = 1 << 20   # a comment is a few KB; a cell of megabytes is not an answer
_CSV_FIELD_LIMIT = 1 << 30  # the csv module's own (128 KB) would fail on long lines


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB" if n < 1e7 else f"{n / 1e6:,.0f} MB"


def _raise_hint(kind: str, key: str) -> str:
    return f"raise `{key}:` under `{kind}:` in the params if the file is genuine"


def check_input(path: Path, kind: str, max_rows: int = MAX_ROWS,
                max_ratio: float = MAX_XLSX_RATIO) -> None:
    """Raise DataError when `path` is past the limits (see the module's docstring)."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):  # before it is opened: a FIFO's open() waits for ever
        raise DataError(f"is {_file_kind(st.st_mode)}, not a file; point `{kind}.path` at "
                        "the export file itself", path=path)
    size = st.st_size
    max_bytes = max(max_rows * BYTES_PER_ROW, MIN_BYTES)
    with path.open("rb") as f:
        head = f.read(HEAD_BYTES)
    if head[:4] == b"PK\x03\x04":
        _check_xlsx(path, kind, max_rows, max_ratio, max_bytes)
        return
    check_head(path, head, size)
    _allow_long_fields()
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


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def check_head(path: Path, head: bytes, size: int) -> None:
    """Refuse what no export is, from its first megabyte: binary content (NUL bytes that
    are not UTF-16's pattern: a NUL-filled file, an image, an executable) or a megabyte
    without a line break. An old .xls is left to the reader, which names it."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
        return
    if b"\x00" in head:
        half = max(1, len(head) // 2)
        odd, even = head[1::2].count(0), head[0::2].count(0)
        utf16 = (odd > half // 4 and even < half // 16) or (even > half // 4 and odd < half // 16)
        if not utf16:
            raise DataError("is not a CSV or Excel file (binary content: NUL bytes in its "
                            "first megabyte)", path=path)
    if len(head) == HEAD_BYTES and size > HEAD_BYTES and b"\n" not in head \
            and b"\r" not in head:
        raise DataError("is not a CSV or Excel file (no line break in its first megabyte; "
                        "a line of an export is at most a few kilobytes)", path=path)
    _check_width(path, head)


def _check_width(path: Path, head: bytes) -> None:
    """A first line with more delimiters than `MAX_COLUMNS`: refused before the file is
    parsed into that many columns."""
    for line in head.splitlines()[:10]:
        widest = max(line.count(d) for d in (b";", b",", b"\t", b"|")) + 1
        if widest > MAX_COLUMNS:
            raise DataError(f"has about {widest:,} columns, past the limit of "
                            f"{MAX_COLUMNS:,} columns for an export", path=path)


def _allow_long_fields() -> None:
    """The csv module refuses fields over 128 KB with an error of its own; a long line is
    read, and a cell past `MAX_CELL_BYTES` is refused with its row (`records`)."""
    import csv

    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)


def _inflated_size(f, info: zipfile.ZipInfo, cap: int) -> int:
    """What a zip member really expands to (read from its data, not its declared size),
    counted in bounded steps up to `cap`: a member that lies about its size is measured,
    never held."""
    import struct

    f.seek(info.header_offset)
    local = f.read(30)
    if local[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local header")
    name_len, extra_len = struct.unpack("<HH", local[26:30])
    f.seek(info.header_offset + 30 + name_len + extra_len)
    if info.compress_type == zipfile.ZIP_STORED:
        return info.compress_size
    if info.compress_type != zipfile.ZIP_DEFLATED:
        return info.file_size
    inflate = zlib.decompressobj(-15)
    left, total = info.compress_size, 0
    while left > 0 and not inflate.eof and total <= cap:
        chunk = f.read(min(1 << 20, left))
        if not chunk:
            break
        left -= len(chunk)
        total += len(inflate.decompress(chunk, 1 << 22))
        while inflate.unconsumed_tail and total <= cap:
            total += len(inflate.decompress(inflate.unconsumed_tail, 1 << 22))
    return total


def _check_xlsx(path: Path, kind: str, max_rows: int, max_ratio: float,
                max_bytes: int) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            declared = sum(i.file_size for i in infos)
            packed = max(1, sum(i.compress_size for i in infos))
            # measured, not declared: a zip may lie about its sizes. Stops at the
            # first limit passed, so a bomb costs a bounded amount of work
            cap = min(max_bytes, max(RATIO_FROM_BYTES, int(packed * max_ratio))) + 1
            expanded = 0
            with path.open("rb") as f:
                for info in infos:
                    real = _inflated_size(f, info, cap - expanded)
                    if real > info.file_size:
                        raise DataError(
                            f"is a damaged or forged workbook: its part {info.filename} "
                            f"declares {info.file_size:,} bytes but expands to "
                            f"{'more than ' if expanded + real >= cap else ''}{_mb(real)}",
                            path=path)
                    expanded += real
                    if expanded >= cap:
                        break
            expanded = max(expanded, declared)
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
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        return  # not a readable workbook: the reader says so in its own words
