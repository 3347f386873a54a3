"""What funders may see: masked comments, suppressed small groups.

Comments are untrusted text typed by respondents. Before a comment is shown it
loses e-mail addresses, phone numbers, URLs and the names of registered
participants; it is escaped later, where it is rendered.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

MASK = "[…]"

EMAIL_RE = re.compile(r"[\w.+'-]+(?:@|\s?\[at\]\s?|\s?\(at\)\s?)[\w-]+(?:\.[\w-]+)+", re.I)
# French numbers (06 12 34 56 78, 06.12.34.56.78, 0612345678, +33 6 12 34 56 78,
# +33 (0)6 …, 0033 6 …) and other international numbers written with a +.
PHONE_RE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?[1-9]|0[1-9])(?:[\s.\-]?\d{2}){4}(?!\d)"
    r"|(?<![\w+])\+\d{1,3}(?:[\s.\-]?\d){6,12}(?!\d)"
)
_URL_TAIL = r"[^\s<>\"']*[^\s<>\"'.,;:!?)\]]"  # a URL does not end on punctuation
URL_RE = re.compile(
    rf"(?:(?:https?|ftp|javascript|data|vbscript):{_URL_TAIL}|www\.{_URL_TAIL}"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:fr|com|org|net|eu|io|info|biz|co|example)"
    rf"(?:/{_URL_TAIL})?\b)",
    re.I,
)
_WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def _char_fold(text: str) -> str:
    """Lower-case and strip accents one character at a time, keeping positions."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c)) or ch
        out.append(base[0].lower() if base else ch)
    return "".join(out)


def _tokens(name: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in _WORD_RE.finditer(_char_fold(name).replace("-", " ")))


class NameIndex:
    """The registered participants' names, matched in either order, accents ignored."""

    def __init__(self, people: Iterable[tuple[str, str]]) -> None:
        self.names: set[tuple[str, ...]] = set()
        for first, last in people:
            f, la = _tokens(first or ""), _tokens(last or "")
            if f and la:
                self.names.add(f + la)
                self.names.add(la + f)
        self.longest = max((len(n) for n in self.names), default=0)

    def spans(self, text: str) -> list[tuple[int, int]]:
        folded = _char_fold(text).replace("-", " ")
        words = [(m.start(), m.end(), m.group(0)) for m in _WORD_RE.finditer(folded)]
        spans = []
        i = 0
        while i < len(words):
            hit = 0
            for k in range(min(self.longest, len(words) - i), 1, -1):
                if tuple(w for _, _, w in words[i:i + k]) in self.names:
                    hit = k
                    break
            if hit:
                spans.append((words[i][0], words[i + hit - 1][1]))
                i += hit
            else:
                i += 1
        return spans


def scrub(text: str, names: NameIndex | None = None) -> str:
    """Mask e-mails, URLs, phone numbers and participants' names in one comment."""
    text = EMAIL_RE.sub(MASK, text)
    text = URL_RE.sub(MASK, text)
    text = PHONE_RE.sub(MASK, text)
    if names is not None and names.names:
        for start, end in reversed(names.spans(text)):
            text = text[:start] + MASK + text[end:]
    return text


def shuffled(items: list[str], salt: str) -> list[str]:
    """A stable order unrelated to submission order (a keyed hash of each text)."""
    return sorted(items, key=lambda s: hashlib.sha256((salt + s).encode()).hexdigest())


# --------------------------------------------------------------------------- output scan

_DIGITS = re.compile(r"\D+")


def phone_key(text: str) -> str | None:
    """A phone number's last nine digits: +33 6 12 34 56 78 and 06 12 34 56 78 agree."""
    digits = _DIGITS.sub("", text)
    return digits[-9:] if len(digits) >= 9 else None


class Identifiers:
    """Every e-mail address, phone number and participant name found in the inputs."""

    def __init__(self, emails: set[str], phones: set[str], names: NameIndex) -> None:
        self.emails, self.phones, self.names = emails, phones, names

    @classmethod
    def from_cells(cls, cells: Iterable[str], people: Iterable[tuple[str, str]]) -> Identifiers:
        emails: set[str] = set()
        phones: set[str] = set()
        for cell in cells:
            if not cell or len(cell) < 6:
                continue
            if "@" in cell:
                emails.update(m.group(0).lower().strip(".") for m in EMAIL_RE.finditer(cell))
            if sum(ch.isdigit() for ch in cell) >= 9:
                phones.update(k for m in PHONE_RE.finditer(cell) if (k := phone_key(m.group(0))))
        return cls(emails, phones, NameIndex(people))


def merge(all_ids: list[Identifiers]) -> Identifiers:
    """The identifiers of several forums' inputs (the programme report)."""
    names = NameIndex([])
    for ids in all_ids:
        names.names |= ids.names.names
        names.longest = max(names.longest, ids.names.longest)
    return Identifiers(set().union(*(i.emails for i in all_ids)),
                       set().union(*(i.phones for i in all_ids)), names)


class Leak:
    def __init__(self, kind: str, where: str, shown: str) -> None:
        self.kind, self.where, self.shown = kind, where, shown

    def __str__(self) -> str:
        return f"{self.where} contains a participant's {self.kind} ({self.shown})"


def _hide_email(e: str) -> str:
    local, _, domain = e.partition("@")
    return f"{local[:1]}…@{domain}"


def _hide_phone(p: str) -> str:
    return f"…{p[-2:]}"


def _hide_name(text: str) -> str:
    return " ".join(w[:1] + "…" for w in text.split())


def scan(text: str, ids: Identifiers, where: str) -> list[Leak]:
    """Find the inputs' personal data in one funder-facing text. Values are shown hidden."""
    leaks = []
    for m in EMAIL_RE.finditer(text):
        e = m.group(0).lower().strip(".")
        if e in ids.emails:
            leaks.append(Leak("e-mail address", where, _hide_email(e)))
    for m in PHONE_RE.finditer(text):
        k = phone_key(m.group(0))
        if k and k in ids.phones:
            leaks.append(Leak("phone number", where, _hide_phone(k)))
    for start, end in ids.names.spans(text):
        leaks.append(Leak("name", where, _hide_name(text[start:end])))
    return leaks


# --------------------------------------------------------------------------- small groups

def suppress_groups(sizes: dict[str, int], min_group_size: int) -> set[str]:
    """The groups whose survey statistics must not be published.

    Groups under `min_group_size` respondents are hidden. When exactly one group is
    hidden, the next smallest is hidden too: otherwise its value could be recovered
    by subtracting the others from the total shown beside them.
    """
    hidden = {g for g, n in sizes.items() if n < min_group_size}
    if len(hidden) == 1:
        shown = sorted((n, g) for g, n in sizes.items() if g not in hidden)
        if shown:
            hidden.add(shown[0][1])
    return hidden
