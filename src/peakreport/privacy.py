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
URL_RE = re.compile(
    r"(?:(?:https?|ftp|javascript|data|vbscript):\S+|www\.\S+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:fr|com|org|net|eu|io|info|biz|co|example)(?:/\S*)?)",
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


def suppress(n: int, min_group_size: int) -> bool:
    """True when a group is too small for its survey statistic to be published."""
    return n < min_group_size
