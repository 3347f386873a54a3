"""Grid questions: one question that rates several sessions, workshops or speakers.

A survey platform writes a grid as one column per row of the grid, and says which
question and which row in the column's header:

- `Question [Row]`: Google Forms (grids), Microsoft Forms (Likert), LimeSurvey's full
  question texts (`getFullFieldSubHeading`: "[" and "]" around the sub-question);
- `CODE[SQ001]`: LimeSurvey's question codes (an array's sub-question codes);
- `Question - Row`: Qualtrics (its label row: "<question text> - <row label>") and
  SurveyMonkey, whose matrix has the question over several columns in its first header
  row and the row labels in its second: `load` joins the two as "Question - Row".

Headers alone are not enough: the same shapes hold multiple-choice answers (SurveyMonkey's
"Q - Other (please specify)", LimeSurvey's `M3[SQ001]` ticked Y or blank, a choice spread
over columns that each repeat their own label). A group of columns is a *session grid*
only when its answers are ratings on one scale: numbers 1–5 or 0–10, the satisfaction
labels `values.parse_satisfaction` knows, or one of a few whole labelled scales below; answers
such as "N/A", "Pas assisté", "Did not attend", "Non concerné" say the respondent did not
attend and are counted apart. Every multi-column group, grid or not, is one question, never
a loose 1–5 question, the NPS or the overall satisfaction (`mapping` keeps them out).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..errors import DataError
from ..params import GridParams
from ..text import fold
from .values import UNKNOWN, parse_nps, parse_satisfaction, scale_column


class _NotAttended:
    def __repr__(self) -> str:
        return "NOT_ATTENDED"


NOT_ATTENDED = _NotAttended()

# "did not attend this session", folded: whole answers, then words an answer may contain
_NOT_ATTENDED_EXACT = frozenset({
    "n a", "na", "nc", "n c", "so", "s o", "sans objet", "non applicable", "not applicable",
    "does not apply", "non concerne", "non concernee", "pas concerne", "pas concernee",
    "absent", "absente", "pas present", "pas presente", "non present", "non presente",
    "not present", "non assiste", "non participe", "pas participe", "pas assiste",
    "pas assistee", "not attended", "did not attend", "didn t attend", "did not participate",
    "didn t participate", "not participated", "n a pas assiste", "n a pas participe",
    "pas venu", "pas venue", "non venu", "non venue", "not there", "pas suivi", "non suivi",
    "je n etais pas la", "pas la", "wasn t there", "was not there"})
_NOT_ATTENDED_WORDS = ("pas assist", "pas particip", "pas pu assist", "pas pu particip",
                       "not attend", "didn t attend", "did not attend", "not particip",
                       "didn t particip", "non concern", "pas concern", "not applicable",
                       "non applicable", "sans objet", "n y ai pas", "n y etais pas",
                       "pas suivi", "not take part", "didn t take part", "did not go",
                       "didn t go", "not concerned", "n etais pas", "n etait pas",
                       "wasn t there", "was not there", "weren t there")
# no opinion: not a rating, and not a sign of absence either (left out, like a blank)
_NO_OPINION = frozenset({
    "ne sait pas", "je ne sais pas", "nsp", "ne se prononce pas", "sans opinion",
    "pas d avis", "sans avis", "no opinion", "don t know", "dont know", "not sure",
    "no answer", "sans reponse", "pas de reponse", "prefer not to say", "je ne souhaite pas "
    "repondre", "nspp"})


def is_not_attended(raw: str) -> bool:
    """True for "N/A", "Pas assisté", "Je n'y ai pas participé", "Did not attend"…"""
    f = fold(raw)
    return bool(f) and (f in _NOT_ATTENDED_EXACT or any(w in f for w in _NOT_ATTENDED_WORDS))


def is_no_opinion(raw: str) -> bool:
    return fold(raw) in _NO_OPINION


# ------------------------------------------------------------------ scales

# Whole labelled 5-point scales, best first: one is taken only when it explains a grid's
# answers, so that "Good" is 3 on Excellent … Poor and not the satisfaction parser's 4.
_LABELLED: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    ("quality", (("excellent",), ("very good",), ("good",), ("fair",), ("poor",))),
    ("usefulness", (("extremely useful",), ("very useful",),
                    ("somewhat useful", "moderately useful", "fairly useful"),
                    ("not so useful", "slightly useful", "a little useful"),
                    ("not at all useful", "not useful", "useless"))),
    ("utilite", (("tres utile", "extremement utile"), ("utile", "plutot utile", "assez utile"),
                 ("moyennement utile",), ("peu utile", "plutot pas utile"),
                 ("pas du tout utile", "pas utile", "inutile"))),
    ("interet", (("tres interessant", "tres interessante", "passionnant", "passionnante"),
                 ("interessant", "interessante", "plutot interessant",
                  "plutot interessante"),
                 ("moyennement interessant", "moyennement interessante"),
                 ("peu interessant", "peu interessante"),
                 ("pas du tout interessant", "pas du tout interessante", "pas interessant",
                  "pas interessante", "inintéressant"))),
    ("agreement", (("strongly agree",), ("agree", "somewhat agree"),
                   ("neither agree nor disagree", "neutral"),
                   ("disagree", "somewhat disagree"), ("strongly disagree",))),
    ("accord", (("tout a fait d accord",), ("plutot d accord", "d accord"),
                ("ni d accord ni pas d accord", "neutre"),
                ("plutot pas d accord", "pas d accord"), ("pas du tout d accord",))),
)


def _table(levels: tuple[tuple[str, ...], ...]) -> dict[str, int]:
    top = len(levels)
    return {fold(label): top - i for i, labels in enumerate(levels) for label in labels}


_TABLES = {name: _table(levels) for name, levels in _LABELLED}
_TEN = re.compile(r"(?:\bsur 10\b|\bout of 10\b|\b[01] (?:a|to) 10\b|\b10 points\b)")


@dataclass(frozen=True)
class Scale:
    """How a grid's answers are read: scores from `low` to `high`."""

    name: str            # "1–5", "0–10", "satisfaction", or a labelled scale's name
    low: int
    high: int

    @property
    def top2(self) -> tuple[int, int]:
        """The two best scores (4 and 5 on 1–5, 9 and 10 on 0–10)."""
        return self.high - 1, self.high

    def score(self, raw: str) -> float | object | None:
        """A score, None for a blank or "no opinion", NOT_ATTENDED, or UNKNOWN."""
        if not raw.strip() or is_no_opinion(raw):
            return None
        if is_not_attended(raw):
            return NOT_ATTENDED
        if self.name in _TABLES:
            v = _TABLES[self.name].get(fold(raw))
            return UNKNOWN if v is None else float(v)
        v = parse_satisfaction(raw) if self.name == "satisfaction" else parse_nps(raw)
        if v is UNKNOWN or v is None or not self.low <= v <= self.high:
            return UNKNOWN
        return float(v)


NUMBERS_5 = Scale("1–5", 1, 5)


def _number(raw: str) -> int | None:
    v = parse_nps(raw)
    return None if v is UNKNOWN or v is None else int(v)


def detect_scale(answers: Counter, question: str = "") -> tuple[Scale | None, float]:
    """The scale that reads at least 90 % of `answers` (value -> count, no blanks or
    "did not attend"), and the share it reads; (None, best share) when none does.

    Numbers come first (1–5, or 0–10 when a number is above 5 or the question says
    "sur 10"); then the whole labelled scales; then the satisfaction labels."""
    total = sum(answers.values())
    if not total:
        return None, 0.0
    numbers = {v: _number(v) for v in answers}
    numeric = sum(n for v, n in answers.items() if numbers[v] is not None)
    if numeric / total >= 0.9:
        seen = {numbers[v] for v in answers if numbers[v] is not None}
        low = 0 if min(seen) == 0 else 1
        if max(seen) <= 5 and not _TEN.search(fold(question)):
            return (NUMBERS_5 if low else Scale("0–5", 0, 5)), numeric / total
        if max(seen) <= 10:
            return Scale(f"{low}–10", low, 10), numeric / total
        return None, 0.0
    best: tuple[float, Scale | None] = (0.0, None)
    for name, table in _TABLES.items():
        share = sum(n for v, n in answers.items() if fold(v) in table) / total
        if share > best[0]:
            best = (share, Scale(name, 1, 5))
    sat = sum(n for v, n in answers.items()
              if parse_satisfaction(v) not in (None, UNKNOWN)) / total
    if sat > best[0]:
        best = (sat, Scale("satisfaction", 1, 5))
    return (best[1], best[0]) if best[0] >= 0.9 else (None, best[0])


# ------------------------------------------------------------------ headers

_BRACKETS = re.compile(r"^(?P<q>.*?\S)\s*\[(?P<r>[^\[\]]+)\]$")
_DASH = " - "
# Sub-columns that are not rows of a grid: "Other (please specify)", Qualtrics' "Selected
# Choice", "Other - Text", "Topics", an NPS group, LimeSurvey's [other] and [comment]
_NOT_A_ROW = frozenset({
    "other", "autre", "other please specify", "autre veuillez preciser", "autre preciser",
    "selected choice", "text", "topics", "group", "nps group", "comment", "commentaire",
    "comments", "commentaires", "response", "reponse", "open ended response"})


def _not_a_row(row: str) -> bool:
    f = fold(row)
    return (f in _NOT_A_ROW or f.startswith(("other ", "autre ")) or f.endswith(" text")
            or bool(re.fullmatch(r"\w+comment", f)))


@dataclass
class Group:
    """Columns that one question spreads over: (header, row label) in file order."""

    question: str
    style: str                       # "brackets" or "dash"
    rows: list[tuple[str, str]] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        return [h for h, _ in self.rows]


def column_groups(headers: Iterable[str]) -> list[Group]:
    """Multi-column questions by their headers alone: `Question [Row]` and `Question - Row`
    with at least two rows. For dashes, a header's question is the prefix (up to one of its
    " - ") that the most headers share, the longest on a tie, so that "Q - A - matin" and
    "Q - B - matin" are rows "A - matin" and "B - matin" of Q."""
    headers = list(headers)
    groups: dict[tuple[str, str], Group] = {}
    dashed: list[tuple[str, list[int]]] = []
    for h in headers:
        m = _BRACKETS.match(h)
        if m and not _not_a_row(m["r"]):
            groups.setdefault((m["q"], "brackets"), Group(m["q"], "brackets")).rows.append(
                (h, m["r"].strip()))
            continue
        cuts = [i for i in range(len(h)) if h.startswith(_DASH, i)]
        if cuts:
            dashed.append((h, cuts))
    prefixes = Counter(h[:i] for h, cuts in dashed for i in cuts)
    for h, cuts in dashed:
        i = max(cuts, key=lambda c: (prefixes[h[:c]], c))
        q, row = h[:i].strip(), h[i + len(_DASH):].strip()
        if prefixes[h[:i]] < 2 or not q or not row or _not_a_row(row):
            continue
        groups.setdefault((q, "dash"), Group(q, "dash")).rows.append((h, row))
    return [g for g in groups.values() if len(g.rows) >= 2]


# ------------------------------------------------------------------ grids

@dataclass
class Grid:
    """A grid question whose rows are rated sessions."""

    question: str                    # as the export writes it (the params' key)
    label: str                       # its short label in the report
    rows: list[tuple[str, str]]      # (header, session label), in file order
    scale: Scale
    style: str                       # "brackets" (Question [Row]) or "dash" (Question - Row)
    how: str                         # "params", or what recognised it
    # word answers placed on one ordered 1–5 scale, the grid's answers judged together as
    # for the satisfaction question (`values.scale_column`): folded label -> score
    labels: dict[str, float] = field(default_factory=dict)

    @property
    def headers(self) -> list[str]:
        return [h for h, _ in self.rows]

    def score(self, raw: str) -> float | object | None:
        """An answer's score: a word label by the grid's own ordered scale, else the
        scale's reading (`Scale.score`)."""
        v = self.labels.get(fold(raw))
        return v if v is not None else self.scale.score(raw)

    @property
    def encoding(self) -> str:
        return "Question [Row]" if self.style == "brackets" else "Question - Row"


def short_label(text: str, width: int = 90) -> str:
    t = " ".join(text.split())
    return t if len(t) <= width else t[: width - 1].rstrip() + "…"


def _answers(group: Group, values: Callable[[str], Counter]) -> tuple[Counter, int, bool]:
    """(rating answers with counts, "did not attend" answers, whether the columns only
    repeat their own row label: a choice spread over columns, not a grid)."""
    ratings: Counter = Counter()
    absent = 0
    echoes = 0
    for header, row in group.rows:
        counts = values(header)
        if counts and all(fold(v) == fold(row) for v in counts):
            echoes += 1
        for v, n in counts.items():
            if is_not_attended(v):
                absent += n
            elif not is_no_opinion(v):
                ratings[v] += n
    return ratings, absent, echoes * 2 >= len(group.rows)


def _rated(group: Group, values: Callable[[str], Counter], overrides: dict[str, object]
           ) -> tuple[Scale | None, Counter, bool, dict[str, float], list[str]]:
    """(the scale of a group's answers or None, its rating answers, whether its columns
    only repeat their own row label, its word labels placed on one ordered scale, and the
    labels that cannot be: a grid of satisfaction words is scored as the satisfaction
    question is, its words judged together; one whose words conflict is not scored)."""
    ratings, _absent, echoes = _answers(group, values)
    known = {fold(k) for k in overrides}
    unmapped = Counter({v: n for v, n in ratings.items() if fold(v) not in known})
    scale, _ = detect_scale(unmapped, group.question)
    if scale is None and not unmapped and ratings:
        scale = NUMBERS_5  # every answer is mapped in the params' values
    if scale is not None and overrides:
        top = max((v for v in overrides.values() if isinstance(v, int)), default=0)
        if top > scale.high:
            scale = Scale(f"{scale.low}–10", scale.low, 10)
    labels: dict[str, float] = {}
    conflict: list[str] = []
    if scale is not None and scale.name == "satisfaction":
        placed, conflict = scale_column(list(unmapped))
        labels = {fold(k): float(v) for k, v in placed.items()
                  if isinstance(v, int | float) and not isinstance(v, bool)}
    return scale, ratings, echoes, labels, conflict


def rating_grids(groups: list[Group], values: Callable[[str], Counter],
                 overrides: dict[str, object] | None = None) -> list[Grid]:
    """The groups whose answers are ratings on one scale (at least two different answers;
    not a choice whose columns repeat their own label): the grids found automatically.

    `values(header)` gives a column's distinct non-blank answers with their counts;
    `overrides` are the params' `values: sessions:` labels."""
    grids = []
    for g in groups:
        scale, ratings, echoes, labels, conflict = _rated(g, values, overrides or {})
        if scale is None or echoes or len(ratings) < 2 or conflict:
            continue
        grids.append(Grid(g.question, short_label(g.question), list(g.rows), scale, g.style,
                          f"{_encoding(g)} headers, answers on {_scale_words(scale)}",
                          labels))
    return grids


def unread_grids(groups: list[Group], grids: list[Grid], values: Callable[[str], Counter]
                 ) -> list[str]:
    """Notes for `validate` on the groups that look like grids (several different answers,
    not a choice repeating its labels) but whose answers are on no known scale."""
    read = {g.question for g in grids}
    notes = []
    for g in groups:
        if g.question in read:
            continue
        ratings, _absent, echoes = _answers(g, values)
        if echoes or len(ratings) < 2:
            continue
        shown = ", ".join(repr(v) for v, _ in ratings.most_common(5))
        notes.append(f"grid {g.question!r} ({len(g.rows)} columns) is not read as sessions: "
                     f"its answers ({shown}) are not on a known scale; to read it, name it "
                     "under survey.sessions and map its labels under values: sessions:")
    return notes


def named_grids(groups: list[Group], values: Callable[[str], Counter],
                sessions: dict[str, str | GridParams], overrides: dict[str, object] | None,
                *, path=None, header_row: int | None = None) -> tuple[list[Grid], list[str]]:
    """The grids the params name under `survey.sessions`, each one of the groups (else a
    DataError naming it), with their labels; and notes for `validate`."""
    notes: list[str] = []
    by_fold: dict[str, Group] = {}
    for g in groups:
        by_fold.setdefault(fold(g.question), g)
    grids = []
    for question, spec in sessions.items():
        g = by_fold.get(fold(question))
        if g is None:
            found = ", ".join(repr(x.question) for x in groups) or "none"
            raise DataError(f"grid question {question!r} (listed under survey.sessions) is not "
                            f"in the survey file as 'Question [Row]' or 'Question - Row' "
                            f"columns; grid questions found: {found}", path=path,
                            row=header_row, column=question)
        spec = spec if isinstance(spec, GridParams) else GridParams(label=spec)
        rows = list(g.rows)
        if spec.sessions:
            labels = {fold(r): r for _, r in rows}
            for r in spec.sessions:
                if fold(r) not in labels:
                    raise DataError(
                        f"survey.sessions: row {r!r} is not a row of {question!r} "
                        f"(its rows: {', '.join(repr(x) for x in labels.values())})",
                        path=path, row=header_row, column=question)
            renames = {fold(k): v for k, v in spec.sessions.items()}
            rows = [(h, renames.get(fold(r), r)) for h, r in rows]
        scale, ratings, _echoes, labels, conflict = _rated(g, values, overrides or {})
        if scale is None:
            scale = NUMBERS_5
            if ratings:
                notes.append(f"grid {question!r}: its answers are not on a known scale "
                             f"({', '.join(repr(v) for v, _ in ratings.most_common(5))}); "
                             "read as 1–5: map the labels under `values: sessions:`")
        if conflict:
            labels = {}  # each word read alone, as the note says
            notes.append(f"grid {question!r}: its labels ({', '.join(map(repr, conflict))}) "
                         "cannot all be placed on one 1–5 scale; map them under "
                         "`values: sessions:` to be sure of its scores")
        grids.append(Grid(g.question, spec.label or short_label(g.question), rows, scale,
                          g.style, "params", labels))
    return grids, notes


def _encoding(g: Group) -> str:
    return "'Question [Row]'" if g.style == "brackets" else "'Question - Row'"


def _scale_words(scale: Scale) -> str:
    if scale.name in ("1–5", "0–10"):
        return f"{scale.low}–{scale.high}"
    return f"{scale.low}–{scale.high} ({scale.name} labels)"
