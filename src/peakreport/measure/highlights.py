"""`highlights`: up to five sentences that say what the numbers mean, or nothing.

The rules and their sentences are one table (`RULES`): a rule reads one kind of fact
(a target, a change since the previous forum, a group against the whole, the audience's
largest group), says when it holds, and gives its sentence in French and English. A
sentence only ever holds numbers of metrics.json (the value of its `key`, the target, the
change's previous value, delta and detectable change, the group's own figures, which the
highlight carries), formatted as the report formats them.

What is never said: a change that is not significant is never "up" or "down" (no rule
reads one); a group under `min_group_size` people is never named (groups.py never makes
its fact); a group is named only when its interval excludes the whole's figure. When no
rule holds there is no highlight at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..i18n import Lang
from ..territory import DEPARTEMENTS
from .change import value
from .groups import GroupFact, largest

LIMIT = 5

# the unit of each metric a highlight may state: how its value and changes are written
KINDS = {
    "registrations.registered": "count", "registrations.attended": "count",
    "registrations.attendance_rate": "rate", "registrations.no_show_rate": "rate",
    "audience.regional_share": "rate", "survey.responses": "count",
    "survey.response_rate": "rate", "survey.satisfaction_mean": "mark", "survey.csat": "rate",
    "survey.nps": "nps", "survey.would_join_next_share": "rate",
}


@dataclass(frozen=True)
class Fact:
    """What a rule reads: the metric's key and the raw numbers its sentence may state."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)
    group: GroupFact | None = None


@dataclass(frozen=True)
class Rule:
    name: str
    rank: int                        # when more than five hold, the lower ranks are kept
    reads: str                       # the facts it reads: "change", "target", "group", "largest"
    holds: Callable[[Fact], bool]
    text: dict[str, str]             # the sentence in each language


RULES: tuple[Rule, ...] = (
    Rule("change_up", 1, "change", lambda f: f.values["significant"] is True
         and f.values["delta"] > 0,
         {"fr": "{label} en hausse depuis {forum} : {value} contre {previous} ({delta}), un "
                "écart plus grand que la marge d'erreur (± {detectable}).",
          "en": "{label} up since {forum}: {value} against {previous} ({delta}), a change "
                "larger than the margin of error (± {detectable})."}),
    Rule("change_down", 1, "change", lambda f: f.values["significant"] is True
         and f.values["delta"] < 0,
         {"fr": "{label} en baisse depuis {forum} : {value} contre {previous} ({delta}), un "
                "écart plus grand que la marge d'erreur (± {detectable}).",
          "en": "{label} down since {forum}: {value} against {previous} ({delta}), a change "
                "larger than the margin of error (± {detectable})."}),
    Rule("target_missed", 2, "target", lambda f: f.values["met"] is False,
         {"fr": "{label} : {value}, l'objectif de {target} n'est pas atteint.",
          "en": "{label}: {value}, the target of {target} is missed."}),
    Rule("group_above", 3, "group", lambda f: f.group.differs and f.group.value > f.group.whole,
         {"fr": "{label} : {group_value} parmi « {group} » ({dimension}, {n}), au-dessus de "
                "l'ensemble ({value}) au-delà de la marge d'erreur.",
          "en": "{label}: {group_value} among “{group}” ({dimension}, {n}), above the whole "
                "forum ({value}) beyond the margin of error."}),
    Rule("group_below", 3, "group", lambda f: f.group.differs and f.group.value < f.group.whole,
         {"fr": "{label} : {group_value} parmi « {group} » ({dimension}, {n}), en dessous de "
                "l'ensemble ({value}) au-delà de la marge d'erreur.",
          "en": "{label}: {group_value} among “{group}” ({dimension}, {n}), below the whole "
                "forum ({value}) beyond the margin of error."}),
    Rule("target_met", 4, "target", lambda f: f.values["met"] is True,
         {"fr": "{label} : {value}, l'objectif de {target} est atteint.",
          "en": "{label}: {value}, the target of {target} is met."}),
    Rule("largest_group", 5, "largest", lambda f: f.values["n"] >= f.values["min_group_size"],
         {"fr": "Premier public du forum : {group}, {n} des {total} présents.",
          "en": "Largest audience group: {group}, {n} of the {total} attendees."}),
)

# the words a sentence needs besides the metric labels of i18n
WORDS = {
    "points": {"fr": "points", "en": "points"},
    "rate_points": {"fr": "points", "en": "percentage points"},
    "respondents": {"fr": "répondants", "en": "respondents"},
    "registrants": {"fr": "inscrits", "en": "registrants"},
    "community": {"fr": "type de structure", "en": "type of organisation"},
    "sector": {"fr": "secteur", "en": "sector"},
    "company_size": {"fr": "taille d'entreprise", "en": "company size"},
    "departement": {"fr": "département", "en": "département"},
}


# ------------------------------------------------------------------ facts


def facts(data: dict[str, Any], groups: list[GroupFact], min_group_size: int
          ) -> dict[str, list[Fact]]:
    """The facts of each kind, in the report's order of metrics."""
    return {"change": list(_changes(data)), "target": list(_targets(data)),
            "group": [Fact(g.key, {}, g) for g in groups],
            "largest": list(_largest(data, min_group_size))}


def _changes(data: dict[str, Any]) -> Iterator[Fact]:
    for key, c in (data.get("change") or {}).items():
        if key != "previous_event" and c and "significant" in c:
            yield Fact(key, dict(c))


def _targets(data: dict[str, Any]) -> Iterator[Fact]:
    for name, t in data["targets"].items():
        key = next((f"{s}.{name}" for s in ("registrations", "audience", "survey")
                    if isinstance(data.get(s), dict) and name in data[s]), None)
        if key in KINDS and t["met"] is not None:
            yield Fact(key, {"met": t["met"], "target": t["target"]})


def _largest(data: dict[str, Any], min_group_size: int) -> Iterator[Fact]:
    by = data["audience"]["by_community"]
    top = largest(by)
    if top is not None:
        yield Fact("audience.by_community", {"group": top[0], "n": top[1],
                                             "total": sum(by.values()),
                                             "min_group_size": min_group_size})


# ------------------------------------------------------------------ sentences


def highlights(data: dict[str, Any], groups: list[GroupFact], L: Lang,
               min_group_size: int) -> list[dict[str, Any]]:
    """The sentences whose rule holds, the most telling first, at most `LIMIT`."""
    found = facts(data, groups, min_group_size)
    hits = [(rule.rank, i, rule, fact) for rule in RULES
            for i, fact in enumerate(found[rule.reads]) if rule.holds(fact)]
    hits.sort(key=lambda h: (h[0], h[1]))
    return [_entry(rule, fact, data, L) for _, _, rule, fact in hits[:LIMIT]]


def _entry(rule: Rule, fact: Fact, data: dict[str, Any], L: Lang) -> dict[str, Any]:
    out: dict[str, Any] = {"key": fact.key, "rule": rule.name,
                           "text": rule.text[L.code].format(**_fields(fact, data, L))}
    g = fact.group
    if g is not None:  # the group's own numbers, which metrics.json holds nowhere else
        out["group"] = {"by": g.dimension, "name": g.group, "n": g.n, "value": g.value,
                        "interval": list(g.interval), "level": g.level}
    return out


def _fields(fact: Fact, data: dict[str, Any], L: Lang) -> dict[str, str]:
    """The sentence's placeholders, each written as the report writes that number."""
    if fact.key == "audience.by_community":
        v = fact.values
        return {"group": L.t(v["group"]), "n": L.number(v["n"]), "total": L.number(v["total"])}
    kind = KINDS[fact.key]
    label = L.t(fact.key.split(".")[1])
    out = {"label": label, "value": fmt(value(data, fact.key), kind, L)}
    v = fact.values
    if "target" in v:
        # 3.98 against 4.0 is "4,0, target of 4,0 missed" at the usual digits: add one
        extra = 0
        while extra < 3 and fmt(value(data, fact.key), kind, L, extra) == fmt(
                v["target"], kind, L, extra) and value(data, fact.key) != v["target"]:
            extra += 1
        out["value"] = fmt(value(data, fact.key), kind, L, extra)
        out["target"] = fmt(v["target"], kind, L, extra)
    if "delta" in v:
        out.update(previous=fmt(v["previous"], kind, L), delta=fmt_delta(v["delta"], kind, L),
                   detectable=fmt_delta(v["detectable"], kind, L, signed=False),
                   forum=_forum(data, L))
    g = fact.group
    if g is not None:
        noun = "respondents" if fact.key.startswith("survey.") else "registrants"
        out.update(group_value=fmt(g.value, kind, L), n=f"{L.number(g.n)} {_w(noun, L)}",
                   dimension=_w(g.dimension, L), group=group_name(g, L))
    return out


def group_name(g: GroupFact, L: Lang) -> str:
    if g.dimension == "community":
        return L.t(g.group)
    if g.dimension == "departement":
        return f"{DEPARTEMENTS.get(g.group, g.group)} ({g.group})"
    return g.group


def _forum(data: dict[str, Any], L: Lang) -> str:
    """The previous forum: its year when the years differ, else its title."""
    prev, now = data["change"]["previous_event"], data["event"]
    if prev["date"][:4] != now["date"][:4]:
        return prev["date"][:4]
    return f"« {prev['title']} »" if L.code == "fr" else f"“{prev['title']}”"


def _w(word: str, L: Lang) -> str:
    return WORDS[word][L.code]


def fmt(x: float, kind: str, L: Lang, extra: int = 0) -> str:
    """A value as the key figures show it (`extra` decimals more)."""
    if kind == "rate":
        return L.percent(x, extra)
    if kind == "mark":
        return L.number(x, 1 + extra)
    if kind == "nps":
        return L.signed(x, extra)
    return L.number(x, extra)


def fmt_delta(x: float, kind: str, L: Lang, signed: bool = True) -> str:
    """A change: rates in percentage points, NPS in points, marks to one decimal; one more
    decimal when the usual ones would round a real change to 0."""
    scale, digits, unit = {"rate": (100, 0, "rate_points"), "nps": (1, 0, "points"),
                           "mark": (1, 1, ""), "count": (1, 0, "")}[kind]
    y = x * scale
    while digits < 3 and y != 0 and round(abs(y), digits) == 0:
        digits += 1
    text = L.signed(y, digits) if signed else L.number(abs(y), digits)
    return f"{text} {_w(unit, L)}" if unit else text
