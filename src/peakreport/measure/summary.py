"""The data-quality summary that `peakreport validate` prints."""

from __future__ import annotations

from ..data.validate import Validated
from ..i18n import lang
from .analysis import Analysis
from .sanity import checks, describe


def _source_block(v: Validated, title: str) -> list[str]:
    t = v.table
    lines = [f"{title}: {t.path}"]
    det = dict(t.detected)
    if t.sheet:
        det["sheet"] = t.sheet
    lines.append("  read as: " + "; ".join(f"{k} {val}" for k, val in det.items()))
    kept = len(v.frame)
    lines.append(f"  rows read {v.rows_read}, kept {kept}, rejected {len(v.rejected)}")
    for reason, n in v.reasons().most_common(5):
        lines.append(f"    {n} × {reason}")
    lines.append("  columns (canonical field ← source header, how, confidence):")
    width = max((len(f) for f in v.mapping.fields), default=8)
    for f, m in v.mapping.fields.items():
        lines.append(f"    {f:<{width}} ← {m.header!r}  ({m.how}, {m.confidence:.0%})")
    for h, label in v.mapping.questions.items():
        lines.append(f"    {'question':<{width}} ← {h!r}  (charted as {label!r})")
    for g in v.mapping.grids:
        rows = ", ".join(repr(r) for _, r in g.rows)
        lines.append(f"  sessions ← grid {g.question!r} ({g.how}; shown as {g.label!r}): "
                     f"{len(g.rows)} sessions: {rows}")
    if v.mapping.unmatched:
        lines.append("  columns not used: " + ", ".join(repr(h) for h in v.mapping.unmatched))
    for field, counter in v.unknown_labels.items():
        shown = ", ".join(f"{k!r} ({n})" for k, n in counter.most_common(8))
        lines.append(f"  {field} labels not understood (taken as no): {shown}")
    if v.other_labels:
        shown = ", ".join(f"{k!r} ({n})" for k, n in v.other_labels.most_common(8))
        lines.append(f"  community labels counted as 'other': {shown}")
    for w in v.mapping.warnings:
        lines.append(f"  warning: {w}")
    for header, rule in v.mapping.completion:
        lines.append(f"  responses that do not count told by {header!r} ({MARKERS[rule]})")
    for column, labels in v.scale_problems.items():
        lines.append(f"  warning: the labels of {column!r} cannot all be placed on one 1–5 "
                     f"scale ({', '.join(repr(x) for x in labels)}): not scored; map them "
                     "under `values:`")
    for date_field, (fmt, order) in v.date_orders.items():
        if fmt is not None:
            lines.append(f"  {date_field} dates read as {fmt}"
                         + (f" (day/month order: {order})" if order else ""))
    for note in [*v.mapping.notes, *v.notes]:
        lines.append(f"  note: {note}")
    return lines


MARKERS = {"blank": "blank = not submitted", "label": "its status label",
           "false": "a 'no' = not finished", "draft": "a 'yes' = a draft",
           "test": "preview, test or spam", "test-codes": "preview, test or spam",
           "duplicate": "the same id twice = one submission sent again"}


def _attendance_block(lst) -> list[str]:
    """One attendance list: how it was read, what says presence, who it matched."""
    t = lst.table
    lines = [f"Attendance list ({lst.mode}, {lst.mode_how}): {t.path}"]
    lines.append("  read as: " + "; ".join(f"{k} {val}" for k, val in t.detected.items()))
    lines.append(f"  rows read {lst.rows_read}, present {lst.present_rows}; presence from "
                 f"{lst.presence_how}")
    for f, m in lst.mapping.fields.items():
        lines.append(f"    {f:<12} ← {m.header!r}  ({m.how}, {m.confidence:.0%})")
    if lst.mapping.unmatched:
        lines.append("  columns not used: " + ", ".join(repr(h) for h in lst.mapping.unmatched))
    if lst.unknown_labels:
        shown = ", ".join(f"{k!r} ({n})" for k, n in lst.unknown_labels.most_common(8))
        lines.append(f"  presence labels not understood (taken as absent): {shown}")
    lines.append(f"  registered people present {lst.matched}; present but not registered "
                 f"{lst.unregistered} (counted apart)")
    reasons = lst.rejected["reason"].value_counts() if len(lst.rejected) else {}
    for reason, n in list(reasons.items())[:6]:
        lines.append(f"    {n} × {reason}")
    for w in lst.mapping.warnings:
        lines.append(f"  warning: {w}")
    return lines


def _story_lines(a: Analysis) -> list[str]:
    """Sessions per grid, comment themes, and what each breakdown reads."""
    m = a.metrics.data
    lines: list[str] = []
    sessions = m.get("sessions") or []
    if sessions:
        lines.append("  sessions (respondents, mean; not attended):")
        for s in sessions:
            rated = (f"{s['respondents']}, {s['mean']:.2f}" if s["mean"] is not None
                     else f"under {a.params.privacy.min_group_size} respondents")
            lines.append(f"    {s['session']!r}: {rated}; {s['not_attended']}")
    elif a.survey is not None and a.params.survey.sessions is False:
        lines.append("  sessions: not read (survey.sessions: false)")
    elif a.survey is not None:
        lines.append("  sessions: no grid question found ('Question [Row]', "
                     "'Question - Row'); name one under survey.sessions")
    c = m.get("comments")
    if c is not None:
        k = a.params.privacy.min_group_size
        found = ", ".join(f"{t['theme']} {t['count'] if t['count'] is not None else f'< {k}'}"
                          for t in c["themes"]) or "none"
        lines.append(f"  comments {c['count']}; themes: {found}")
    if m.get("breakdown"):
        from .breakdown import resolve

        lines.append("")
        lines.append("Breakdown (report.breakdown):")
        for entry, rows in m["breakdown"].items():
            kind, name = resolve(entry, a.registrations)
            what = f"the {name} field" if kind == "field" else f"column {name!r}"
            lines.append(f"  {entry!r} ← {what}: {len(rows)} groups")
    return lines


def data_quality_summary(a: Analysis) -> str:
    lines = _source_block(a.registrations, "Registrations")
    reg = a.metrics.data["registrations"]
    lines.append(
        f"  people {len(a.people.frame)} ({reg['duplicate_rows']} duplicate rows merged): "
        f"registered {reg['registered']}, cancelled {reg['cancelled']}, "
        + (f"waitlisted {reg['waitlisted']} (neither registered nor cancelled), "
           if reg["waitlisted"] else "")
        + f"attended {reg['attended']}"
    )
    for lst in a.people.lists:
        lines.append("")
        lines += _attendance_block(lst)
    if a.people.lists:
        lines.append(f"  hybrid forum: attended on site {reg['attended_onsite']}, online "
                     f"{reg['attended_online']} (a person on both counts on site); "
                     f"present but not registered {reg['unregistered_attendees']}")
    if a.survey is not None and a.responses is not None:
        lines.append("")
        lines += _source_block(a.survey, "Survey")
        s = a.metrics.data["survey"]
        linked = s["linked_to_attendees"]
        lines.append(
            f"  responses counted {s['responses']} ({s['duplicate_rows']} duplicates or "
            f"superseded answers set aside), linked to attendees "
            + (str(linked) if linked is not None else "unknown (see below)")
        )
    else:
        lines.append("")
        lines.append(
            "Survey: none (no `survey:` in the params); the report leaves out its sections"
        )
    lines += _story_lines(a)
    if a.history is not None:
        lines.append("")
        lines.append("History: " + "; ".join(a.history.titles))
        aud = a.metrics.data["audience"]
        if aud["returning_participants"] is not None:
            lines.append(f"  attendees who came to one of them {aud['returning_participants']}, "
                         f"new {aud['new_participants']}")
        change = a.metrics.data.get("change")
        if change:
            prev = change["previous_event"]
            moved = [k for k, v in change.items()
                     if isinstance(v, dict) and v.get("significant")]
            lines.append(f"  change compared with {prev['id']} ({prev['date']}): "
                         + (f"significant for {', '.join(moved)}" if moved else
                            "no change larger than the samples can tell from chance"))
        else:
            lines.append("  change: none (no listed forum is earlier than this one)")
    warnings = checks(a)
    if warnings:
        lines.append("")
        lines.append("Data that look wrong (warnings, not failures):")
        en = lang("en")
        lines += [f"  ! {describe(c, en)}" for c in warnings]
    if a.metrics.reasons:
        lines.append("")
        lines.append("Metrics that cannot be computed:")
        en = lang("en")
        for k, why in a.metrics.reasons.items():
            lines.append(f"  {k}: {en.null_reason(why)}")
    return "\n".join(lines)
