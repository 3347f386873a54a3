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
from ..params import RegistrationsParams, SurveyParams
from ..read.dates import parse_dates
from ..read.source import read_source
from ..read.values import UNKNOWN, parse_checked_in, parse_community
from ..territory import REGIONS, departement_of
from ..text import fold


def _q(text: str) -> str:
    """A YAML scalar in double quotes (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return s[:60] or "forum"


def _source_block(key: str, path: Path, base: Path, table, mapping, src) -> list[str]:
    rel = Path(__import__("os").path.relpath(path, base))
    lines = [f"{key}:", f"  path: {_q(rel.as_posix())}   # relative to this file"]
    det = table.detected
    if mapping.preset is not None:
        lines.append(f"  preset: {mapping.preset.name}   # {mapping.preset.label}: "
                     "recognised by its headers")
    else:
        lines.append("  preset: generic   # no platform recognised: columns found by keywords")
    if table.sheet:
        lines.append(f"  sheet: {_q(table.sheet)}   # the first sheet")
    if table.encoding:
        lines.append(f"  encoding: {table.encoding}   # {det['encoding'].split('(', 1)[1][:-1]}")
    if table.delimiter:
        lines.append(f"  delimiter: {_q(table.delimiter)}   # detected")
    lines.append(f"  header_row: {table.header_row}   # {det['header_row'].split('(', 1)[1][:-1]}")
    if table.header_rows == 2:
        lines.append("  header_rows: 2   # a second header row holds the answer options")
    date_field = "registered_at" if key == "registrations" else "submitted_at"
    if mapping.column(date_field) is not None:
        fmt, order = parse_dates(table.frame[mapping.column(date_field)],
                                 dayfirst=mapping.dayfirst)[1:]
        if order == "ambiguous" and fmt and "%d" in fmt and "%m" in fmt:
            lines.append(f"  date_format: {_q(fmt)}   # check: no day past the 12th tells "
                         "day/month from month/day; swap %d and %m if dates are month-first")
        elif order == "ambiguous":
            lines.append(f"  # check the dates: they are written in several formats ({fmt}); "
                         "set date_format if they are misread")
        elif fmt and order in ("proved", "platform"):
            who = "the data" if order == "proved" else "the platform"
            lines.append(f"  # dates read as {fmt} ({who} decides the day/month order)")
    lines.append("  columns:")
    for f, m in mapping.fields.items():
        sure = "" if m.confidence >= 0.75 else ": unsure, check"
        lines.append(f"    {f}: {_q(m.header)}   # {m.how}, {m.confidence:.0%}{sure}")
    for note in mapping.notes:
        if not note.startswith(mapping.preset.label if mapping.preset else "\0"):
            lines.append(f"  # {note}")
    for header, rule in getattr(mapping, "completion", []):
        lines.append(f"  # unfinished responses are told by {_q(header)} ("
                     + ("blank = not submitted)" if rule == "blank" else "its status label)"))
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


def _guess_date(reg_table, reg_map, s_table, s_map) -> tuple[dt.date | None, str]:

    col = reg_map.column("checked_in")
    if col is not None:
        d = parse_dates(reg_table.frame[col], dayfirst=reg_map.dayfirst)
        if d.values.notna().sum() >= 3:
            return d.values.dropna().dt.date.mode().iloc[0], "the most common check-in day"
    if s_map is not None and s_map.column("submitted_at") is not None:
        d = parse_dates(s_table.frame[s_map.column("submitted_at")],
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
    deps = Counter(d for d in reg_table.frame[col].map(departement_of) if d)
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
    force: bool = False,
) -> tuple[Path, list[str]]:
    """Detect everything about the exports and write `out_dir/<id>.yaml`.

    Returns the path and the warnings (what detection was unsure about)."""
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
    warnings: list[str] = []
    reg_src = RegistrationsParams(path=registrations)
    reg_table, reg_map = read_source(reg_src, "registrations")
    s_table = s_map = None
    if survey is not None:
        survey = Path(survey).resolve()
        s_table, s_map = read_source(SurveyParams(path=survey), "survey")
    out_dir.mkdir(parents=True, exist_ok=True)
    base = out_dir.resolve()

    lines = [f"# Written by `peakreport init` on {dt.date.today().isoformat()}.",
             "# Each setting says how it was found; lines marked \"check\" are guesses.",
             "# `peakreport validate` on this file shows what is read, kept and rejected.",
             "event:", f"  id: {event_id}   # {id_how}"]
    lines.append(f"  title: {_q(title or 'Forum ' + event_id)}   "
                 + ("# from --title" if title else "# placeholder: give the event's title"))
    if date:
        try:
            when = dt.date.fromisoformat(date)
        except ValueError:
            raise InputError(f"--date {date!r} is not a date (write it as YYYY-MM-DD)") from None
        lines.append(f"  date: {when.isoformat()}   # from --date")
    else:
        when, how = _guess_date(reg_table, reg_map, s_table, s_map)
        if when is None:
            when, how = dt.date.today(), "no date in the exports: today, edit it"
            warnings.append("event.date could not be found in the exports: give --date")
        lines.append(f"  date: {when.isoformat()}   # {how}: check")
    lang, how = guess_language([reg_table, *([s_table] if s_table is not None else [])])
    lines.append(f"language: {lang}   # fr or en: {how}")
    terr, how = _guess_territory(reg_table, reg_map)
    if terr:
        lines.append(f"territory: {terr}   # {how}")
    else:
        lines.append("# territory: auvergne-rhone-alpes   # no postcode column: set it to get "
                     "the regional share")

    lines += _source_block("registrations", registrations, base, reg_table, reg_map, reg_src)
    lines += _values_block(reg_table, reg_map, warnings)
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
    for w in [*reg_map.warnings, *(s_map.warnings if s_map else [])]:
        if "guessed" in w or "several" in w or "no satisfaction" in w or "do not fit" in w:
            warnings.append(w)
    lines.append("privacy: {min_group_size: 5, comments: scrubbed}")
    lines += _breakdown_hint(reg_table, reg_map)
    lines.append("# earlier forums' params files, to count new and returning attendees:")
    lines.append("# history: [forum-2021.yaml, forum-2022.yaml]")
    text = "\n".join(lines) + "\n"
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    return target, warnings


def _values_block(table, mapping, warnings: list[str]) -> list[str]:
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
            warnings.append(f"check-in labels not understood: {', '.join(unknown[:5])}")
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


def _unmatched(mapping) -> list[str]:
    if not mapping.unmatched:
        return []
    shown = ", ".join(_q(h) for h in mapping.unmatched[:15])
    more = f" and {len(mapping.unmatched) - 15} more" if len(mapping.unmatched) > 15 else ""
    return [f"  # columns not used: {shown}{more}"]
