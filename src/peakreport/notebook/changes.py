"""The change since the previous forum, as the report writes it: in words, not colour.

A key figure gets an arrow and "up"/"down" with the previous value only when its change
is significant, and "stable (within the margin of error)" otherwise; a count (attendees)
gets its previous value, untested. The change table gives every number: both values, the
change and the smallest change the samples could detect. Numbers are written as the key
figures and highlights write them (`measure.highlights.fmt`).
"""

from __future__ import annotations

from typing import Any

from ..i18n import Lang
from ..measure.change import KEYS
from ..measure.highlights import KINDS, fmt, fmt_delta

ARROWS = {"up": "↑", "down": "↓"}


def forum_name(change: dict[str, Any], event_date: str, L: Lang) -> str:
    """The previous forum as the report names it: its year when the years differ."""
    prev = change["previous_event"]
    return prev["date"][:4] if prev["date"][:4] != event_date[:4] else L.t("previous_forum")


def reading(entry: dict[str, Any]) -> str:
    """up | down | stable | count | untested."""
    if "significant" not in entry:
        return "count"
    if entry["significant"] is None:
        return "untested"
    if not entry["significant"]:
        return "stable"
    return "up" if entry["delta"] > 0 else "down"


def trend(change: dict[str, Any] | None, key: str, event_date: str,
          L: Lang) -> tuple[str, str] | None:
    """A key figure's change line: (arrow or "", words); None without a comparison."""
    entry = (change or {}).get(key)
    if not entry:
        return None
    forum = forum_name(change, event_date, L)
    previous = fmt(entry["previous"], KINDS[key], L)
    how = reading(entry)
    words = L.t(f"trend_{how}", forum=forum, previous=previous)
    return ARROWS.get(how, ""), words


def rows(change: dict[str, Any], now: dict[str, Any], L: Lang) -> list[list[str]]:
    """The change table's rows: metric, previous, now, change, detectable, reading."""
    from ..measure.change import value

    out = []
    for key in KEYS:
        entry = change.get(key)
        if not entry:
            continue
        kind = KINDS[key]
        detectable = entry.get("detectable")
        out.append([L.t(key.split(".")[1]), fmt(entry["previous"], kind, L),
                    fmt(value(now, key), kind, L), fmt_delta(entry["delta"], kind, L),
                    "–" if detectable is None else "± " + fmt_delta(detectable, kind, L,
                                                                    signed=False),
                    L.t(f"reading_{reading(entry)}")])
    return out


def cell(entry: dict[str, Any], key: str, L: Lang) -> str:
    """One change in a table cell: "+19 points (± 29 points): stable (within the margin of
    error)"; a count: its change, untested."""
    kind = KINDS[key]
    delta = fmt_delta(entry["delta"], kind, L)
    how = reading(entry)
    if how == "count":
        return delta
    detectable = entry.get("detectable")
    margin = "" if detectable is None else (
        f" (± {fmt_delta(detectable, kind, L, signed=False)})")
    return f"{delta}{margin}{L.colon}{L.t(f'reading_{how}')}"
