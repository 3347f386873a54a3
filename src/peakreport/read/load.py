"""Read a registration or survey export, exactly as downloaded, into a table of text.

Nothing here interprets values: every cell comes out as a string ("" when
blank) and every record keeps its source row number, so that validation can
say "row 14" about the row a programme manager sees in a spreadsheet. Source
rows are counted as a spreadsheet program counts them: every record of the file
from 1, the `sep=;` line, title rows and blank lines included.

The source file is only read, never modified.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataError
from ..params import SourceParams
from ..text import fold
from .fields import header_scores
from .records import apply as apply_line_check
from .records import check_records, check_sheet

_HEAD_RECORDS = 60
_SEP_LINE = re.compile(r"^\s*\"?sep=(.)\"?\s*$", re.IGNORECASE)
_CANDIDATE_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"]


@dataclass
class Table:
    """A parsed export: text cells under unique header names, with source row numbers."""

    path: Path
    frame: pd.DataFrame
    source_rows: np.ndarray
    header_row: int
    header_rows: int
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    detected: dict[str, str] = field(default_factory=dict)  # setting -> how it was found
    unparsed: list[tuple[int, str]] = field(default_factory=list)  # (row, reason)
    line_check: object | None = None  # records.LineCheck: the file's lines against its rows

    @property
    def headers(self) -> list[str]:
        return [str(c) for c in self.frame.columns]


def read_table(src: SourceParams, kind: str, *, extra_headers: tuple[str, ...] = ()) -> Table:
    """Read `src.path` (CSV or .xlsx) per the params; detect what was left to `auto`."""
    path = Path(src.path)
    if not path.exists():
        raise DataError(f"{kind} file not found", path=path)
    if path.is_dir():
        raise DataError(f"{kind} path is a folder, not a file", path=path)
    from .limits import check_input

    try:
        check_input(path, kind, src.max_rows, src.max_xlsx_ratio)  # before any memory is used
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read {kind} file ({exc.strerror})", path=path) from None
    if not data.strip():
        raise DataError(f"{kind} file is empty", path=path)
    if data[:4] == b"PK\x03\x04":
        records, sheet = _xlsx_records(path, src.sheet)
        check_sheet(path, records)  # records.py: columns and cell sizes
        table = _from_records(path, records, src, kind, extra_headers)
        table.sheet = sheet
        table.detected["format"] = "xlsx"
        return table
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise DataError(
            "is an old Excel .xls workbook; save it as .xlsx or CSV and point the params at it",
            path=path,
        )
    if src.sheet is not None:
        raise DataError(f"sheet {src.sheet!r} is set but the file is CSV, not .xlsx", path=path)
    return _read_csv(path, data, src, kind, extra_headers)


# --------------------------------------------------------------------------- CSV

def _detect_encoding(path: Path, data: bytes, requested: str) -> tuple[str, str]:
    if requested != "auto":
        return requested, "params"
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", "byte-order mark"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", "byte-order mark"
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without a BOM has a NUL every other byte; anything else is binary.
        if head[1::2].count(0) > len(head) // 4:
            return "utf-16-le", "NUL bytes pattern"
        if head[0::2].count(0) > len(head) // 4:
            return "utf-16-be", "NUL bytes pattern"
        raise DataError("is not a CSV or Excel file (binary content)", path=path)
    try:
        data.decode("utf-8")
        return "utf-8", "decodes as UTF-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=_CANDIDATE_ENCODINGS).best()
    enc = best.encoding if best is not None else "cp1252"
    if enc in ("latin_1", "iso8859_15", "iso8859_1"):
        enc = "cp1252"  # a superset in practice for exports made on Windows
    if _printable_ratio(data[:65536], enc) < 0.9:
        raise DataError("is not a CSV or Excel file (binary content)", path=path)
    return enc, "detected (not UTF-8)"


def _printable_ratio(data: bytes, enc: str) -> float:
    text = data.decode(enc, errors="replace")
    if not text:
        return 0.0
    ok = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
    return ok / len(text)


def _decode(path: Path, data: bytes, enc: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(
            f"cannot be read as {enc}: byte {data[exc.start]:#04x} at line {line} is not valid "
            f"in that encoding; set `encoding:` (e.g. cp1252 or utf-8) in the params",
            path=path,
        ) from None
    except LookupError:
        raise DataError(f"unknown encoding {enc!r}", path=path) from None


def _detect_delimiter(lines: list[str], requested: str) -> tuple[str, str]:
    if requested != "auto":
        return requested, "params"
    best, best_score = ",", (-1, 0)
    for cand in (";", ",", "\t", "|"):
        counts = [len(r) for r in csv.reader(lines, delimiter=cand) if any(c.strip() for c in r)]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        if mode < 2:
            continue
        score = (counts.count(mode), mode)
        if score > best_score:
            best, best_score = cand, score
    return best, "detected"


def _read_csv(
    path: Path, data: bytes, src: SourceParams, kind: str, extra_headers: tuple[str, ...]
) -> Table:
    enc, enc_how = _detect_encoding(path, data, src.encoding)
    head_text = _decode(path, data[:262_144], enc) if len(data) > 262_144 else None
    if head_text is None:
        text = _decode(path, data, enc)
        head_text = text
    else:
        # cut on a character boundary: decode leniently, the full decode checks strictly
        head_text = data[:262_144].decode(enc, errors="ignore")
        text = None
    head_lines = head_text.splitlines()[:_HEAD_RECORDS * 2]
    if head_lines and head_lines[0].startswith("\ufeff"):
        head_lines[0] = head_lines[0][1:]
    sep_line = bool(head_lines) and _SEP_LINE.match(head_lines[0])
    delimiter, delim_how = (
        (sep_line.group(1), "sep= line") if sep_line and src.delimiter == "auto"
        else _detect_delimiter(head_lines[1:] if sep_line else head_lines, src.delimiter)
    )
    head_records = list(csv.reader(head_lines, delimiter=delimiter))[:_HEAD_RECORDS]
    width = max((len(r) for r in head_records), default=1)
    detected = {"encoding": f"{enc} ({enc_how})",
                "delimiter": f"{_show_delim(delimiter)} ({delim_how})"}
    pd_enc = "utf-8" if enc == "utf-8-sig" else enc
    body = data[3:] if enc == "utf-8-sig" else data
    unparsed: list[tuple[int, str]] = []
    try:
        frame = pd.read_csv(
            io.BytesIO(body), sep=delimiter, header=None, names=list(range(width)),
            dtype=str, skip_blank_lines=False, na_filter=False, engine="c",
            encoding=pd_enc, quotechar='"', doublequote=True, encoding_errors="strict",
        )
    except UnicodeDecodeError:
        _decode(path, data, enc)  # raises with the line number
        raise
    except pd.errors.ParserError:
        # Some record has more cells than the header: parse record by record so
        # that the offending rows are listed, not lost.
        if text is None:
            text = _decode(path, data, enc)
        frame, unparsed = _parse_ragged(text.lstrip("\ufeff"), delimiter, width)
    # records.py: no row swallowed by an open quote, no absurd cell or width
    line_check = check_records(path, data, frame, delimiter, enc)
    records_head = [list(r) for r in head_records]
    table = _finish(path, frame, records_head, src, kind, extra_headers, detected)
    table.encoding, table.delimiter = enc, delimiter
    table.unparsed = unparsed + table.unparsed
    apply_line_check(line_check, table)
    return table


def _show_delim(d: str) -> str:
    return {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}.get(d, repr(d))


def _parse_ragged(text: str, delimiter: str, width: int) -> tuple[pd.DataFrame, list]:
    rows = []
    unparsed = []
    for i, rec in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter)):
        if len(rec) > width:
            extra = rec[width:]
            if any(c.strip() for c in extra):
                unparsed.append((i + 1, f"has more cells than the {width} columns of the file"))
                rows.append([""] * width)
                continue
            rec = rec[:width]
        rows.append(rec + [""] * (width - len(rec)))
    return pd.DataFrame(rows, columns=list(range(width)), dtype=str), unparsed


# --------------------------------------------------------------------------- XLSX

def _cell_text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, dt.datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    if isinstance(v, dt.timedelta):
        return str(v)
    return str(v)


def _xlsx_records(path: Path, sheet: str | int | None) -> tuple[list[list[str]], str]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types
        raise DataError(f"cannot be opened as an .xlsx workbook ({exc})", path=path) from None
    names = wb.sheet_names
    if sheet is None:
        name = names[0]
    elif isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            raise DataError(
                f"sheet index {sheet} does not exist (sheets: {', '.join(names)}; the first is 0)",
                path=path,
            )
        name = names[sheet]
    else:
        if sheet not in names:
            raise DataError(
                f"sheet {sheet!r} not found (sheets: {', '.join(names)})", path=path
            )
        name = sheet
    try:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine's own error types (a damaged sheet)
        raise DataError(f"cannot be read as an .xlsx workbook ({exc})", path=path) from None
    return [[_cell_text(v) for v in r] for r in rows], name


def _from_records(
    path: Path, records: list[list[str]], src: SourceParams, kind: str,
    extra_headers: tuple[str, ...],
) -> Table:
    if not records or not any(any(c.strip() for c in r) for r in records):
        raise DataError(f"{kind} sheet is empty", path=path)
    width = max(len(r) for r in records)
    frame = pd.DataFrame([r + [""] * (width - len(r)) for r in records],
                         columns=list(range(width)), dtype=str)
    return _finish(path, frame, records[:_HEAD_RECORDS], src, kind, extra_headers, {})


# --------------------------------------------------------------------------- header

def _find_header_row(
    records: list[list[str]], kind: str, src: SourceParams, extra_headers: tuple[str, ...]
) -> tuple[int, str]:
    """0-based index of the header record."""
    if src.header_row is not None:
        return src.header_row - 1, "params"
    wanted = {fold(h) for h in (*src.columns.values(), *extra_headers)}
    best, best_score = None, 0.0
    for i, rec in enumerate(records[:30]):
        cells = [c.strip() for c in rec if c and c.strip()]
        if len(cells) < 2:
            continue
        score = sum(1.0 for c in cells if fold(c) in wanted) * 2
        score += sum(1.0 for c in cells if header_scores(kind, c))
        if score > best_score:
            best, best_score = i, score
    if best is not None and best_score >= 2:
        return best, "found by its headers"
    for i, rec in enumerate(records):
        if sum(1 for c in rec if c and c.strip()) >= 2 and not _SEP_LINE.match(",".join(rec)):
            return i, "first row with several cells"
    return 0, "first row"


_GENERIC_SUBHEADERS = {"response", "reponse", "open ended response", "reponse ouverte",
                       "reponse libre", "other please specify"}


def _header_names(frame: pd.DataFrame, h: int, rows: int) -> list[str]:
    first = [_clean_header(frame.iat[h, j]) for j in range(frame.shape[1])]
    if rows == 2:
        second = [_clean_header(frame.iat[h + 1, j]) if h + 1 < len(frame) else ""
                  for j in range(frame.shape[1])]
        names, carry = [], ""
        for a, b in zip(first, second, strict=True):
            carry = a or carry  # a merged question cell spans its answer columns
            if not a and not b:
                names.append("")
            elif b and fold(b) not in _GENERIC_SUBHEADERS and (not a or carry != b):
                names.append(f"{carry} - {b}" if carry else b)
            else:
                names.append(a or carry)
        first = names
    out, seen = [], {}
    for j, name in enumerate(first):
        name = name or f"column {j + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out


def _clean_header(v: object) -> str:
    return " ".join(str(v).replace("\ufeff", "").split())


def _finish(
    path: Path, frame: pd.DataFrame, head: list[list[str]], src: SourceParams, kind: str,
    extra_headers: tuple[str, ...], detected: dict[str, str],
) -> Table:
    h, how = _find_header_row(head, kind, src, extra_headers)
    if h >= len(frame):
        raise DataError(
            f"header_row {h + 1} is beyond the end of the file ({len(frame)} rows)", path=path
        )
    rows = src.header_rows
    names = _header_names(frame, h, rows)
    data = frame.iloc[h + rows:].fillna("")
    data.columns = names
    source_rows = np.arange(h + rows, h + rows + len(data)) + 1
    # The header record's own cells (blank ones too: "column 14") are columns, whose
    # cells never cost a row. Cells right of the header record: a trailing delimiter
    # when empty; when not, an unquoted delimiter has shifted the row's cells, so the
    # row cannot be trusted and is listed.
    named = [j for j in range(len(names)) if names[j] != f"column {j + 1}"]
    width = max(len(head[h]) if h < len(head) else len(names),
                (max(named) + 1) if named else 0) or len(names)
    width = min(width, len(names))
    unparsed: list[tuple[int, str]] = []
    if width < len(names):
        beyond = np.zeros(len(data), dtype=bool)
        for name in names[width:]:
            beyond |= data[name].str.strip().ne("").to_numpy()
        for r in source_rows[beyond]:
            unparsed.append((int(r), f"has more cells than the {width} columns of the header"))
        data = data.drop(columns=names[width:])
        data = data.loc[~beyond]
        source_rows = source_rows[~beyond]
    # unnamed columns right of the last named one that hold nothing: trailing delimiters
    last_named = max(named, default=-1)
    empty_tail = [n for j, n in enumerate(names[:width])
                  if j > last_named and not data[n].str.strip().ne("").any()]
    data = data.drop(columns=empty_tail)
    nonblank = np.zeros(len(data), dtype=bool)
    for col in data.columns:
        nonblank |= data[col].str.strip().ne("").to_numpy()
    data = data.loc[nonblank].reset_index(drop=True)
    detected = {**detected, "header_row": f"{h + 1} ({how})"}
    if rows == 2:
        detected["header_rows"] = "2 (params)"
    return Table(path=path, frame=data, source_rows=source_rows[nonblank], header_row=h + 1,
                 header_rows=rows, detected=detected, unparsed=unparsed)
