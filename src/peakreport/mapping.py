"""Decide which source column feeds each canonical field.

Order of authority: the params' `columns:` (confidence 1), then header
keywords (`fields.header_scores`), then for survey scales the shape of the
answers (1–5 against 0–10). Every decision carries how it was made, so that
`peakreport validate` can show it and the user can correct it in the params.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from .errors import DataError
from .fields import REGISTRATION_FIELDS, SHAREABLE, SURVEY_FIELDS, HeaderMatch, header_scores
from .load import Table
from .params import SourceParams, SurveyParams
from .presets import Preset
from .presets import find as find_header
from .text import fold
from .values import UNKNOWN, parse_nps, parse_satisfaction

_MIN_SCORE = 0.6


@dataclass
class Mapping:
    preset: Preset | None = None
    fields: dict[str, HeaderMatch] = field(default_factory=dict)
    questions: dict[str, str] = field(default_factory=dict)  # header -> short label
    unmatched: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def column(self, name: str) -> str | None:
        m = self.fields.get(name)
        return m.header if m else None


def _find_header(table: Table, wanted: str) -> str | None:
    for h in table.headers:
        if h == wanted:
            return h
    fw = fold(wanted)
    for h in table.headers:
        if fold(h) == fw:
            return h
    return None


def _can_share(a: str, b: str) -> bool:
    return frozenset({a, b}) in SHAREABLE


def map_columns(table: Table, src: SourceParams, kind: str,
                preset: Preset | None = None) -> Mapping:
    """Map the table's headers to canonical fields; fail only on a missing named column."""
    fields = REGISTRATION_FIELDS if kind == "registrations" else SURVEY_FIELDS
    m = Mapping(preset=preset)
    used: dict[str, list[str]] = {}
    ignored = {fold(h) for h in (preset.ignore if preset else ())}
    for f, wanted in src.columns.items():
        header = _find_header(table, wanted)
        if header is None:
            raise DataError(
                f"column {wanted!r} (set for {f} in the params) is not in the {kind} file; "
                f"its headers are: {_list(table.headers)}",
                path=table.path, row=table.header_row, column=wanted,
            )
        m.fields[f] = HeaderMatch(f, header, 1.0, "params")
        used.setdefault(header, []).append(f)

    question_headers: set[str] = set()
    if isinstance(src, SurveyParams):
        for q, label in src.questions.items():
            header = _find_header(table, q)
            if header is None:
                raise DataError(
                    f"question {q!r} (listed under survey.questions) is not in the survey file; "
                    f"its headers are: {_list(table.headers)}",
                    path=table.path, row=table.header_row, column=q,
                )
            m.questions[header] = label
            question_headers.add(header)

    if preset is not None:
        for f, names in preset.columns.items():
            if f in m.fields:
                continue
            header = find_header(table.headers, names)
            if header is not None:
                m.fields[f] = HeaderMatch(f, header, 1.0, f"preset {preset.name}")
                used.setdefault(header, []).append(f)

    # the shape of a column's answers, computed once per column
    shape = functools.cache(lambda h: _shape(table, h))
    candidates: list[tuple[float, int, str, str]] = []
    for j, h in enumerate(table.headers):
        if h in question_headers or fold(h) in ignored:
            continue
        for f, s in header_scores(kind, h).items():
            if f in fields and f not in m.fields and s >= _MIN_SCORE:
                candidates.append((s, -j, f, h))
    # Best scores first; between equals, the leftmost column.
    for s, _, f, h in sorted(candidates, reverse=True):
        if f in m.fields:
            continue
        if h in used and not all(_can_share(f, g) for g in used[h]):
            continue
        if kind == "survey" and f in ("satisfaction", "nps") and not _shape_ok(shape(h), f):
            m.warnings.append(
                f"column {h!r} reads like the {f} question but its answers do not fit "
                f"{'1–5' if f == 'satisfaction' else '0–10'}; not used for {f}"
            )
            continue
        how = "exact header" if s >= 1.0 else "header keyword"
        if kind == "survey" and f in ("satisfaction", "nps") and s < 1.0 and shape(h):
            # wording and answers agree
            scale = "1–5" if f == "satisfaction" else "0–10"
            s, how = 0.9, f"question wording, answers fit {scale}"
        m.fields[f] = HeaderMatch(f, h, s, how)
        used.setdefault(h, []).append(f)

    if kind == "survey":
        _by_shape(table, m, used, question_headers, shape)

    for h in table.headers:
        if h not in used and h not in m.questions:
            m.unmatched.append(h)
    if preset is not None and preset.note:
        m.notes.append(f"{preset.label}: {preset.note}")
    for f, hm in m.fields.items():
        if hm.confidence < 0.75:
            m.warnings.append(
                f"{f} guessed from column {hm.header!r} ({hm.how}, confidence "
                f"{hm.confidence:.0%}); name it under `columns:` to confirm"
            )
    return m


def _shape(table: Table, header: str) -> str | None:
    """'scale5' when answers fit 1–5, 'scale10' when they fit 0–10 and reach above 5.

    Judged on answer counts with 10 % tolerance, so that one bad answer (a 7 in
    a 1–5 question) neither hides the question nor turns it into an NPS.
    """
    col = table.frame[header].head(5000)
    col = col[col.str.strip().ne("")]
    if col.empty:
        return None
    counts = col.value_counts()
    total = counts.sum()
    sat = {v: parse_satisfaction(v) for v in counts.index}
    nps = {v: parse_nps(v) for v in counts.index}
    share5 = sum(n for v, n in counts.items() if sat[v] not in (None, UNKNOWN)) / total
    share10 = sum(n for v, n in counts.items() if nps[v] not in (None, UNKNOWN)) / total
    above5 = sum(n for v, n in counts.items() if nps[v] not in (None, UNKNOWN) and nps[v] > 5)
    if share5 >= 0.9:
        return "scale5"
    if share10 >= 0.9 and above5 / total > 0.1:
        return "scale10"
    return None


def _is_yes_no(table: Table, header: str) -> bool:
    col = table.frame[header].head(5000)
    col = col[col.str.strip().ne("")]
    if col.empty:
        return False
    values = {fold(v) for v in col.unique()}
    return values <= {"y", "n", "yes", "no", "oui", "non", "o", "peut etre", "maybe"} and bool(
        values & {"y", "yes", "oui", "o"})


def _shape_ok(shape: str | None, f: str) -> bool:
    if shape is None:
        # a column whose answers mostly fail is still the question: its bad rows get rejected
        return True
    return shape == ("scale5" if f == "satisfaction" else "scale10")


def _by_shape(table: Table, m: Mapping, used: dict[str, list[str]], qh: set[str],
              shape) -> None:
    """Find scale questions by their answers; unclaimed 1–5 columns become extra questions."""
    free = [h for h in table.headers if h not in used and h not in qh]
    shapes = {h: shape(h) for h in free}
    if "nps" not in m.fields:
        tens = [h for h in free if shapes[h] == "scale10"]
        if len(tens) == 1:
            m.fields["nps"] = HeaderMatch("nps", tens[0], 0.6, "answers 0–10")
            used[tens[0]] = ["nps"]
        elif len(tens) > 1:
            m.warnings.append(
                f"several columns answer 0–10 ({_list(tens)}); none taken as NPS: "
                "name one under `columns: nps:`"
            )
    if "would_join_next" not in m.fields:
        yes_no = [h for h in free if h not in used and _is_yes_no(table, h)]
        if len(yes_no) == 1:
            m.fields["would_join_next"] = HeaderMatch("would_join_next", yes_no[0], 0.6,
                                                      "answers yes/no")
            used[yes_no[0]] = ["would_join_next"]
    fives = [h for h in free if shapes[h] == "scale5" and h not in used]
    if "satisfaction" not in m.fields and fives:
        m.warnings.append(
            "no satisfaction question found by its wording; the 1–5 columns "
            f"({_list(fives)}) are charted as extra questions. Name the overall one under "
            "`columns: satisfaction:`"
        )
    if not m.questions:
        for h in fives:
            m.questions[h] = _short_label(h)
            used[h] = ["question"]


def _short_label(header: str, width: int = 48) -> str:
    h = " ".join(header.split())
    return h if len(h) <= width else h[: width - 1].rstrip() + "…"


def _list(items: list[str], n: int = 12) -> str:
    shown = ", ".join(repr(i) for i in items[:n])
    return shown + (f" and {len(items) - n} more" if len(items) > n else "")
