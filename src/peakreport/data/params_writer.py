"""`peakreport init`: write a params file for two exports, saying how each setting was found.

The file is the detection made visible: every line carries a comment with its
evidence, unsure guesses say "check", and the columns and labels that were not
matched are listed, so that a programme manager edits only what needs a human.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..params import AttendanceParams, RegistrationsParams, SurveyParams
from ..read.dates import parse_dates
from ..read.source import read_source
from ..read.values import UNKNOWN, parse_checked_in, parse_community
from ..territory import REGIONS, departement_of
from ..text import fold
from .attendance import read_list
from .validate import discounted


def _q(text: str) -> str:
    """A YAML scalar in double quotes (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return s[:60] or "forum"


_MARKER_WORDS = {"blank": "blank = not submitted", "label": "its status label",
                 "false": "a 'no' = not finished", "draft": "a 'yes' = a draft",
                 "test": "preview, test or spam", "test-codes": "preview, test or spam",
                 "duplicate": "the same id twice = one submission sent twice"}


def _source_block(key: str, path: Path, base: Path, table, mapping, src,
                  item: bool = False) -> list[str]:
    """The lines of one export's settings; `item` writes it as an entry of a list
    (`attendance:`), its first line starting "  - "."""
    pad = "    " if item else "  "
    rel = Path(__import__("os").path.relpath(path, base))
    first = f"  - path: {_q(rel.as_posix())}   # relative to this file"
    lines = [first] if item else [f"{key}:", f"  path: {_q(rel.as_posix())}   # relative "
                                             "to this file"]
    det = table.detected
    if mapping.preset is not None:
        lines.append(f"{pad}preset: {mapping.preset.name}   # {mapping.preset.label}: "
                     "recognised by its headers")
    else:
        lines.append(f"{pad}preset: generic   # no platform recognised: columns found by "
                     "keywords")
    if table.sheet:
        lines.append(f"{pad}sheet: {_q(table.sheet)}   # the first sheet")
    if table.encoding:
        lines.append(f"{pad}encoding: {table.encoding}   "
                     f"# {det['encoding'].split('(', 1)[1][:-1]}")
    if table.delimiter:
        # json.dumps writes a TAB as "\t", which YAML reads back as a TAB
        lines.append(f"{pad}delimiter: {_q(table.delimiter)}   # detected")
    lines.append(f"{pad}header_row: {table.header_row}   "
                 f"# {det['header_row'].split('(', 1)[1][:-1]}")
    if table.header_rows == 2:
        lines.append(f"{pad}header_rows: 2   # a second header row holds the answer options")
    date_field = {"registrations": "registered_at", "survey": "submitted_at"}.get(key)
    if date_field and mapping.column(date_field) is not None:
        fmt, order = parse_dates(table.frame[mapping.column(date_field)],
                                 dayfirst=mapping.dayfirst)[1:]
        if order == "ambiguous" and fmt and "%d" in fmt and "%m" in fmt:
            lines.append(f"{pad}date_format: {_q(fmt)}   # check: no day past the 12th tells "
                         "day/month from month/day; swap %d and %m if dates are month-first")
        elif order == "ambiguous":
            lines.append(f"{pad}# check the dates: they are written in several formats "
                         f"({fmt}); set date_format if they are misread")
        elif fmt and order in ("proved", "platform"):
            who = "the data" if order == "proved" else "the platform"
            lines.append(f"{pad}# dates read as {fmt} ({who} decides the day/month order)")
    if mapping.fields:
        lines.append(f"{pad}columns:")
    else:
        lines.append(f"{pad}columns: {{}}   # check: no column was recognised; name them "
                     "(field: \"header in the file\")")
    for f, m in mapping.fields.items():
        sure = "" if m.confidence >= 0.75 else ": unsure, check"
        lines.append(f"{pad}  {f}: {_q(m.header)}   # {m.how}, {m.confidence:.0%}{sure}")
    for note in mapping.notes:
        if not note.startswith(mapping.preset.label if mapping.preset else "\0"):
            lines.append(f"{pad}# {note}")
    for header, rule in getattr(mapping, "completion", []):
        lines.append(f"{pad}# responses that do not count are told by {_q(header)} "
                     f"({_MARKER_WORDS[rule]})")
    for w in mapping.warnings:
        if " guessed from column " not in w:  # those are marked on their column's line
            lines.append(f"{pad}# check: {w}")
    return lines


_FR_WORDS = frozenset({
    "nom", "prenom", "adresse", "courriel", "societe", "entreprise", "structure", "statut",
    "horodateur", "vous", "votre", "vos", "postal", "commentaire", "commentaires",
    "souhaitez", "recommanderiez", "satisfait", "satisfaite", "inscription", "inscrit",
    "present", "presence", "heure", "de", "du", "des", "le", "la", "les", "et", "ou", "au",
    "aux", "une", "un", "pour", "quel", "quelle", "quels", "comment", "etes", "avez",
    "seriez", "participer", "prochaine", "reponse", "billet", "tarif", "commande",
})
_EN_WORDS = frozenset({
    "name", "first", "last", "address", "company", "organisation", "organization", "status",
    "timestamp", "you", "your", "postcode", "zip", "comment", "comments", "would",
    "recommend", "satisfied", "registration", "attendee", "order", "time", "the", "of",
    "and", "or", "to", "a", "an", "for", "how", "what", "which", "are", "were", "attend",
    "next", "response", "ticket", "price", "submitted", "start",
})


def guess_language(tables) -> tuple[str, str]:
    """fr or en, by the words of the exports' headers (questions included): French
    unless English words clearly dominate."""
    fr = en = 0
    for t in tables:
        for h in t.headers:
            words = fold(h).split()
            fr += sum(w in _FR_WORDS for w in words)
            en += sum(w in _EN_WORDS for w in words)
    if en > 1.5 * fr:
        return "en", f"the exports' headers are in English ({en} English words, {fr} French)"
    return "fr", (f"the exports' headers are in French ({fr} French words, {en} English)"
                  if fr else "the default")


def _guess_date(reg_table, reg_map, s_table, s_map, lists=()) -> tuple[dt.date | None, str]:
    col = reg_map.column("checked_in")
    if col is not None:
        d = parse_dates(reg_table.frame[col], dayfirst=reg_map.dayfirst)
        if d.values.notna().sum() >= 3:
            return d.values.dropna().dt.date.mode().iloc[0], "the most common check-in day"
    for _, table, mapping in lists:  # an attendance list's join times
        col = mapping.column("joined_at")
        if col is not None:
            d = parse_dates(table.frame[col], dayfirst=mapping.dayfirst).values
            if d.notna().any():
                return d.dropna().dt.date.mode().iloc[0], "the most common join day"
    if s_map is not None and s_map.column("submitted_at") is not None:
        counted = ~discounted(s_table, s_map)  # not a preview, a draft, a partial…
        d = parse_dates(s_table.frame[s_map.column("submitted_at")][counted],
                        dayfirst=s_map.dayfirst).values
        if d.notna().any():
            return d.min().date(), "the day of the first survey answer"
    col = reg_map.column("registered_at")
    if col is not None:
        d = parse_dates(reg_table.frame[col], dayfirst=reg_map.dayfirst).values
        if d.notna().any():
            return d.max().date(), "the day of the last registration"
    return None, ""


def _guess_territory(reg_table, reg_map) -> tuple[str | None, str]:
    col = reg_map.column("postcode")
    if col is None:
        return None, ""
    # a blank postcode has no département (map gives NaN for it, which is truthy)
    deps = Counter(d for d in reg_table.frame[col].map(departement_of)
                   if isinstance(d, str) and d)
    regions = Counter()
    for dep, n in deps.items():
        for slug, (_, codes) in REGIONS.items():
            if dep in codes:
                regions[slug] += n
    if not regions:
        return None, ""
    slug, n = regions.most_common(1)[0]
    share = n / sum(deps.values())
    return slug, f"the region of {share:.0%} of the postcodes: check it is the programme's"


def write_params(
    registrations: Path, survey: Path | None = None, *, event_id: str | None = None,
    title: str | None = None, date: str | None = None, out_dir: Path = Path("params"),
    force: bool = False, attendance: list[Path | tuple[Path, str]] = (),
) -> tuple[Path, list[str]]:
    """Detect everything about the exports and write `out_dir/<id>.yaml`.

    `attendance` lists a hybrid forum's attendance lists: paths, or (path, "onsite" /
    "online") pairs; a bare path's mode is detected. The file is loaded and its exports
    validated as `peakreport validate` would, before it is written: a file that would not
    load is never written (InputError saying why). Returns the path and what to check:
    the placeholder title, every line marked "check", the labels not understood."""
    registrations = Path(registrations).resolve()
    out_dir = Path(out_dir)
    id_how = "from --id" if event_id else "from the file name: check"
    event_id = event_id or _slug(registrations.parent.name if registrations.stem in (
        "registrations", "inscriptions", "export") else registrations.stem)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", event_id):
        raise InputError(f"--id {event_id!r}: use lower-case letters, digits and hyphens")
    target = out_dir / f"{event_id}.yaml"
    if target.exists() and not force:
        raise InputError("already exists; add --force to replace it", path=target)
    reg_src = RegistrationsParams(path=registrations)
    reg_table, reg_map = read_source(reg_src, "registrations")
    s_table = s_map = None
    if survey is not None:
        survey = Path(survey).resolve()
        s_table, s_map = read_source(SurveyParams(path=survey), "survey")
    lists = []
    for entry in attendance:
        path, mode = entry if isinstance(entry, tuple) else (entry, "auto")
        path = Path(path).resolve()
        ap = AttendanceParams(path=path, mode=mode)
        lists.append((ap, *read_list(ap)))
    out_dir.mkdir(parents=True, exist_ok=True)
    base = out_dir.resolve()

    lines = [f"# Written by `peakreport init` on {dt.date.today().isoformat()}.",
             "# Each setting says how it was found; lines marked \"check\" are guesses.",
             "# `peakreport validate` on this file shows what is read, kept and rejected.",
             "event:", f"  id: {event_id}   # {id_how}"]
    lines.append(f"  title: {_q(title or 'Forum ' + event_id)}   "
                 + ("# from --title" if title else "# placeholder: check, give the event's "
                                                   "title (--title)"))
    if date:
        try:
            when = dt.date.fromisoformat(date)
        except ValueError:
            raise InputError(f"--date {date!r} is not a date (write it as YYYY-MM-DD)") from None
        lines.append(f"  date: {when.isoformat()}   # from --date")
    else:
        when, how = _guess_date(reg_table, reg_map, s_table, s_map, lists)
        if when is None:
            when, how = dt.date.today(), "no date in the exports: today, edit it"
        lines.append(f"  date: {when.isoformat()}   # {how}: check")
    tables = [reg_table, *([s_table] if s_table is not None else [])]
    lang, how = guess_language(tables)
    lines.append(f"language: {lang}   # fr or en: {how}")
    terr, how = _guess_territory(reg_table, reg_map)
    if terr:
        lines.append(f"territory: {terr}   # {how}")
    else:
        lines.append("# territory: auvergne-rhone-alpes   # no postcode column: set it to get "
                     "the regional share")

    lines += _source_block("registrations", registrations, base, reg_table, reg_map, reg_src)
    lines += _values_block(reg_table, reg_map)
    lines += _unmatched(reg_map)
    if survey is not None:
        lines += _source_block("survey", survey, base, s_table, s_map, None)
        if s_map.questions:
            lines.append("  questions:   # further 1–5 questions, found by their answers")
            for h, label in s_map.questions.items():
                lines.append(f"    {_q(h)}: {_q(label)}")
        lines += _sessions_block(s_map)
        if s_map.column("comment") is not None:
            lines.append("  # themes: {Réseautage: [réseau, rencontre, échanges]}   # comment "
                         "themes: a bundled theme's name replaces it, a new name adds one")
        lines += _unmatched(s_map)
    if lists:
        lines.append("attendance:   # a hybrid forum's attendance lists")
        for ap, table, mapping in lists:
            block = _source_block("attendance", Path(ap.path), base, table, mapping, ap,
                                  item=True)
            block.insert(1, _mode_line(ap, mapping))
            lines += block + _unmatched(mapping, "    ")
    lines.append("privacy: {min_group_size: 5, comments: scrubbed}")
    lines += _breakdown_hint(reg_table, reg_map)
    lines.append("# earlier forums' params files, to count new and returning attendees:")
    lines.append("# history: [forum-2021.yaml, forum-2022.yaml]")
    lines = _checked(lines, target)
    return target, _to_check(lines, target)


def _mode_line(ap: AttendanceParams, mapping) -> str:
    if ap.mode != "auto":
        return f"    mode: {ap.mode}   # from --{ap.mode}"
    preset = mapping.preset
    if preset is not None and preset.online is not None:
        mode = "online" if preset.online else "onsite"
        return f"    mode: {mode}   # {preset.label}"
    if mapping.column("duration") is not None:
        return ("    mode: online   # check: a connection duration suggests an online list "
                "(onsite for a list of people at the venue)")
    return ("    mode: onsite   # check: no video-conference platform recognised (online for "
            "a list of people connected)")


def _checked(lines: list[str], target: Path) -> list[str]:
    """Load the file and validate its exports as `peakreport validate` would; mark what
    validation could not understand; write the file only then. An error is raised, and
    nothing written, for a file that would not load."""
    from ..errors import PeakreportError
    from ..params import load_params
    from .prepare import prepare_registrations, prepare_survey

    tmp = target.with_name(f".{target.name}.init")
    try:
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            params = load_params(tmp)
            reg, people = prepare_registrations(params)
            survey, _ = prepare_survey(params)
        except PeakreportError as exc:
            raise InputError(f"no params file written: the file init would write does not "
                             f"load ({exc}); give the settings it could not find by hand, "
                             "from `peakreport init --help` and the README") from None
        lines = _mark_scales(lines, survey)
        lines += _labels_block(reg, survey, people)
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        load_params(tmp)  # comments only were added: it still loads
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return lines


def _mark_scales(lines: list[str], survey) -> list[str]:
    """Say "check" on a rating column whose labels do not make one ordered scale."""
    if survey is None or not survey.scale_problems:
        return lines
    out = []
    for line in lines:
        out.append(line)
        for column, labels in survey.scale_problems.items():
            if line.lstrip().startswith(("satisfaction: " + _q(column), _q(column) + ":")):
                out.append(f"    # check: its labels ({', '.join(_q(x) for x in labels)}) "
                           "cannot all be placed on one 1–5 scale, so it is not scored: map "
                           "them under `values: satisfaction:`")
    return out


def _labels_block(reg, survey, people) -> list[str]:
    """Labels that validation did not understand, as comments marked "check"."""
    out = []
    for title, counter in [("registrations " + f, c) for f, c in reg.unknown_labels.items()
                           if f != "checked_in"] + (
            [("survey " + f, c) for f, c in survey.unknown_labels.items()] if survey else []) + [
            (f"attendance list {lst.name} present", lst.unknown_labels)
            for lst in people.lists if lst.unknown_labels]:
        shown = ", ".join(_q(k) for k, _ in counter.most_common(8))
        out.append(f"# check: {title} labels not understood: {shown}")
    return out


def _to_check(lines: list[str], target: Path) -> list[str]:
    """What a person must look at, line by line: every comment marked check."""
    out = []
    for n, line in enumerate(lines, 1):
        code, _, comment = line.partition("#")
        if re.search(r"\bcheck\b", comment) and not comment.lstrip().startswith(
                ("Each setting says", "`peakreport validate`")):
            where = code.strip() or comment.strip()
            out.append(f"{target.name}, line {n}: {where}"
                       + (f"   ({comment.strip()})" if code.strip() else ""))
    return out


def _values_block(table, mapping) -> list[str]:
    out: list[str] = []
    col = mapping.column("community")
    if col is not None:
        labels = [v for v in pd.unique(table.frame[col].str.strip()) if v]
        if 0 < len(labels) <= 40:
            out.append("  values:")
            out.append("    community:   # organisation types: company, training, institution, "
                       "expert or other")
            for label in sorted(labels, key=fold):
                value = parse_community(label)
                how = "keyword" if value != "other" else "no keyword matched: check"
                out.append(f"      {_q(label)}: {value}   # {how}")
    col = mapping.column("checked_in")
    if col is not None and col != mapping.column("status"):
        unknown = sorted({v for v in pd.unique(table.frame[col].str.strip())
                          if v and parse_checked_in(v) is UNKNOWN})
        if unknown:
            if not out:
                out.append("  values:")
            out.append("    checked_in:   # labels not understood: say which mean present")
            for v in unknown[:20]:
                out.append(f"      {_q(v)}: no   # check")
    return out


def _sessions_block(mapping) -> list[str]:
    """The grid questions found, written out so that their labels can be edited."""
    if not mapping.grids:
        return ["  # sessions: {\"Question\": \"Label\"}   # no grid question found (columns "
                "'Question [Row]' or 'Question - Row' rated on one scale)"]
    lines = ["  sessions:   # grid questions: each row rates a session; question -> its label "
             "(false: none)"]
    for g in mapping.grids:
        rows = ", ".join(r for _, r in g.rows)
        lines.append(f"    {_q(g.question)}: {_q(g.label)}   # {len(g.rows)} sessions "
                     f"({_short(rows)}); {g.how}")
    return lines


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _breakdown_hint(table, mapping) -> list[str]:
    """A commented `report.breakdown`: the community field and a column with few values."""
    columns = [*(mapping.column(f) for f in ("sector", "company_size")), *mapping.unmatched]
    few = [h for h in columns if h is not None
           and 2 <= table.frame[h].str.strip().replace("", None).nunique() <= 30][:1]
    example = ", ".join(["community", *(_q(h) for h in few)])
    return ["# registered, attended and satisfaction per group of registration columns:",
            f"# report: {{breakdown: [{example}]}}"]


def _unmatched(mapping, pad: str = "  ") -> list[str]:
    if not mapping.unmatched:
        return []
    shown = ", ".join(_q(h) for h in mapping.unmatched[:15])
    more = f" and {len(mapping.unmatched) - 15} more" if len(mapping.unmatched) > 15 else ""
    return [f"{pad}# columns not used: {shown}{more}"]
