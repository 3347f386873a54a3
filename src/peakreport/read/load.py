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
from .presets import PRESETS
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
    # rows of a report's other sections (its summary's table, the hosts', the activity
    # log): (row, reason), listed as rejected, never read as the table's rows
    outside: list[tuple[int, str]] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)  # header -> the platform's column id

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
    """The delimiter that makes the largest block of records of one width.

    Counting the records of the commonest width is fooled by a report's summary lines
    (a Teams attendance report's "Start time<TAB>14/11/22, 09:29:07" holds a comma) and
    by commas inside dates; the table itself is the largest run of consecutive records
    that split into the same number of cells."""
    if requested != "auto":
        return requested, "params"
    best, best_score = ",", 0
    for cand in (";", ",", "\t", "|"):
        score = _table_cells(lines, cand)
        if score > best_score:
            best, best_score = cand, score
    return best, "detected"


def _table_cells(lines: list[str], delimiter: str) -> int:
    """Cells (beyond the first column) of the largest run of consecutive non-blank
    records that split into one width of at least 2 cells."""
    best = run = width = 0
    for rec in csv.reader(lines, delimiter=delimiter):
        w = len(rec) if any(c.strip() for c in rec) else 0
        if w >= 2 and w == width:
            run += 1
        else:
            run, width = (1, w) if w >= 2 else (0, 0)
        best = max(best, run * (width - 1))
    return best


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
    if head_records and _title_record(head_records[0]):
        # a report (summary, then sections): a wider table may start far below
        records = list(csv.reader(head_text.lstrip("\ufeff").splitlines(), delimiter=delimiter))
        width = max([width, *(len(r) for r in records[:-1])])
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

def _header_score(cells: list[str], kind: str, wanted: set[str]) -> float:
    """How much a record reads as the header of a `kind` export: the params' own column
    names count double, a platform's whole signature settles it."""
    folded = {fold(c) for c in cells}
    score = sum(1.0 for c in cells if fold(c) in wanted) * 2
    score += sum(1.0 for c in cells if header_scores(kind, c))
    if any(p.kind == kind and all(x in folded for x in p.signature) for p in PRESETS):
        score += 10.0
    return score


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
        score = _header_score(cells, kind, wanted)
        if score > best_score:
            best, best_score = i, score
    if best is not None and best_score >= 2:
        return best, "found by its headers"
    for i, rec in enumerate(records):
        if sum(1 for c in rec if c and c.strip()) >= 2 and not _SEP_LINE.match(",".join(rec)):
            return i, "first row with several cells"
    return 0, "first row"


# ------------------------------------------------------------ report-style files
# A report (Microsoft Teams' attendance report, Zoom's webinar and meeting reports) is
# not one table: a summary, then titled sections ("2. Participants", "Attendee
# Details"), each a table of its own. The people are one section's table; it ends at
# the next section's title or at a blank line.

_REPORT_SCAN = 5000
_SECTION_WORDS = frozenset({
    "summary", "resume", "participants", "participant", "attendees", "attendee", "details",
    "activities", "activites", "activity", "report", "rapport", "meeting", "reunion",
    "panelists", "panelist", "host", "hosts", "attended", "presents", "presences",
    "emargement", "inscrits", "registrants", "sessions", "session"})
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+\S")


def _title_record(rec: list[str]) -> bool:
    """A record whose only text is a short title in its first cell ("2. Participants",
    "Attendee Details", "Meeting Summary")."""
    cells = [c.strip() for c in rec]
    if not cells or not cells[0] or any(cells[1:]):
        return False
    t = cells[0]
    if len(t) > 80 or re.fullmatch(r"[\d\s.,:/-]+", t):
        return False
    return bool(_NUMBERED.match(t)) or bool(set(fold(t).split()) & _SECTION_WORDS)


@dataclass
class _Layout:
    header: int                    # 0-based record of the people's table header
    end: int                       # first record after that table
    how: str
    outside: list[tuple[int, str]]  # (0-based record, reason)


def _report_layout(frame: pd.DataFrame, kind: str, src: SourceParams,
                   extra_headers: tuple[str, ...]) -> _Layout | None:
    """The people's table of a report-style file, or None for an ordinary export."""
    head = frame.iloc[:_REPORT_SCAN].to_numpy(dtype=object).tolist()
    first = next((i for i, r in enumerate(head) if any(str(c).strip() for c in r)), None)
    if first is None or not _title_record([str(c) for c in head[first]]):
        return None
    filled = [[str(c).strip() for c in r if str(c).strip()] for r in head]
    titles = [i for i, r in enumerate(head)
              if _title_record([str(c) for c in r]) and i + 1 < len(head) and filled[i + 1]]
    if len(titles) < 2:
        return None
    wanted = {fold(h) for h in (*src.columns.values(), *extra_headers)}
    sections = []  # (title record, first content record, end of its table)
    for k, t in enumerate(titles):
        stop = titles[k + 1] if k + 1 < len(titles) else len(head)
        end = t + 1
        while end < stop and filled[end]:
            end += 1
        sections.append((t, t + 1, end, stop))
    best, best_score = None, 1.99
    for sec in sections:
        t, start, end, _ = sec
        if src.header_row is not None:
            if start <= src.header_row - 1 < end:
                best = sec
                break
            continue
        rows = [i for i in range(start, end) if len(filled[i]) >= 2]
        if not rows:
            continue
        score = _header_score(filled[rows[0]], kind, wanted)
        if score > best_score:
            best, best_score = sec, score
    if best is None:
        return None
    # a report's other sections are tables with headers of their own, or key–value
    # summaries; a sheet whose "sections" hold more people (sub-titles such as
    # "Entreprises", "Universités") is one table, read as an ordinary export
    others = [sec for sec in sections if sec is not best]
    if not any(_section_evidence(filled, sec, kind, wanted) for sec in others):
        return None
    t, start, end, stop = best
    header = src.header_row - 1 if src.header_row is not None else next(
        i for i in range(start, end) if len(filled[i]) >= 2)
    title = str(head[t][0]).strip()
    if stop == len(head) and end == len(head) and len(frame) > len(head):
        end = len(frame)  # the table runs past the scanned records: to the file's end
    outside: list[tuple[int, str]] = []
    for ot, ostart, _end, ostop in sections:
        if ot == t:
            # after the blank line that ends the table, before the next section
            outside += [(i, f"below the end of the {title!r} table (after a blank line)")
                        for i in range(end, ostop) if filled[i]]
            continue
        name = str(head[ot][0]).strip()
        table = [i for i in range(ostart, ostop) if len(filled[i]) >= 3]
        outside += [(i, f"in the report's {name!r} section, not the {title!r} table")
                    for i in table[1:]]  # its first such record is that section's header
    return _Layout(header, end, f"the {title!r} section's table", sorted(outside))


def _section_evidence(filled: list[list[str]], sec: tuple[int, int, int, int], kind: str,
                      wanted: set[str]) -> bool:
    """A section that is a report's: a summary of key–value lines, or a table whose first
    record reads as a header."""
    _, start, _, stop = sec
    rows = [filled[i] for i in range(start, stop) if filled[i]]
    if rows and all(len(r) <= 2 for r in rows):
        return True
    tables = [r for r in rows if len(r) >= 2]
    return bool(tables) and _header_score(tables[0], kind, wanted) >= 2


# A platform's metadata row under the header: Qualtrics' {"ImportId": "QID1"} cells.
_IMPORT_ID = re.compile(r'^\{\s*"?importid"?\s*:\s*"([^"]*)".*\}$', re.IGNORECASE)


def _import_id_row(frame: pd.DataFrame, i: int) -> list[str] | None:
    """The ImportIds of record `i` when it is such a metadata row, else None."""
    if i >= len(frame):
        return None
    cells = [str(c).strip() for c in frame.iloc[i]]
    ids = [_IMPORT_ID.match(c) for c in cells if c]
    if len(ids) < 2 or not all(ids):
        return None
    return [m.group(1) if (m := _IMPORT_ID.match(c)) else "" for c in cells]


def _three_header_rows(frame: pd.DataFrame, h: int) -> tuple[int, list[str] | None]:
    """Qualtrics' three header rows (column ids, question texts, ImportIds): the header
    record and the column names, or (h, None) for any other file.

    The names are the question text for questions (ImportId QID…) and the column id for
    the platform's own columns (StartDate, Finished, RecipientEmail…), whose texts are
    translated into the exporting user's language while the ids are not."""
    if _import_id_row(frame, h + 2) is not None:
        ids_row, text_row = h, h + 1
    elif h >= 1 and _import_id_row(frame, h + 1) is not None:
        ids_row, text_row = h - 1, h
    else:
        return h, None
    import_ids = _import_id_row(frame, text_row + 1) or []
    names = []
    for j in range(frame.shape[1]):
        ident = _clean_header(frame.iat[ids_row, j])
        text = _clean_header(frame.iat[text_row, j])
        imp = import_ids[j] if j < len(import_ids) else ""
        names.append((text or ident) if imp.upper().startswith("QID") else (ident or text))
    return text_row, names


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
    return _unique(first)


def _unique(first: list[str]) -> list[str]:
    """Blank names become "column N"; a repeated name gets " (2)", " (3)"…"""
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
    layout = _report_layout(frame, kind, src, extra_headers)
    if layout is not None:
        h, how, end = layout.header, layout.how, layout.end
    else:
        h, how = _find_header_row(head, kind, src, extra_headers)
        end = len(frame)
    if h >= len(frame):
        raise DataError(
            f"header_row {h + 1} is beyond the end of the file ({len(frame)} rows)", path=path
        )
    rows = src.header_rows
    ids: dict[str, str] = {}
    merged = None
    if rows == 1:
        text_row, merged = _three_header_rows(frame, h)
    if merged is not None:
        id_names = _header_names(frame, text_row - 1, 1)
        names = _unique(merged)
        ids = dict(zip(names, id_names, strict=True))
        h, skip = text_row, 2  # the text row, then the ImportId row
        how += "; column ids above it, ImportIds below"
    else:
        names = _header_names(frame, h, rows)
        skip = rows
    data = frame.iloc[h + skip:end].fillna("")
    data.columns = names
    source_rows = np.arange(h + skip, h + skip + len(data)) + 1
    # The header record's own cells (blank ones too: "column 14") are columns, whose
    # cells never cost a row. Cells right of the header record: a trailing delimiter
    # when empty; when not, an unquoted delimiter has shifted the row's cells, so the
    # row cannot be trusted and is listed.
    named = [j for j in range(len(names)) if names[j] != f"column {j + 1}"]
    if layout is not None:  # a report pads every record to its widest section's width
        head_width = max(named, default=-1) + 1
    else:
        head_width = len(head[h]) if h < len(head) else len(names)
    width = max(head_width, (max(named) + 1) if named else 0) or len(names)
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
    if merged is not None:
        detected["header_rows"] = "3 (column ids, question texts, ImportIds)"
    outside = [(i + 1, why) for i, why in (layout.outside if layout is not None else [])]
    return Table(path=path, frame=data, source_rows=source_rows[nonblank], header_row=h + 1,
                 header_rows=rows, detected=detected, unparsed=unparsed, outside=outside,
                 ids={k: v for k, v in ids.items() if v and v != k})
