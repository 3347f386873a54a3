"""Text normalisation shared by header matching, label parsing and identities."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: object) -> str:
    """Lower-case, strip accents, turn every run of punctuation/space into one space.

    "  Adresse E-mail " and "adresse email" do not fold to the same string, but
    "Présent ?" and "present" do; header and label matching work on folded text.
    """
    if text is None:
        return ""
    return _fold(text if isinstance(text, str) else str(text))


@lru_cache(maxsize=16384)
def _fold(text: str) -> str:
    # cached: headers and labels are folded again and again (every header against every
    # field, every distinct label of every column), always the same few hundred strings
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = s.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    return _NON_ALNUM.sub(" ", s).strip()


def compact(text: object) -> str:
    """fold() without spaces: "e-mail", "E mail" and "email" all give "email"."""
    return fold(text).replace(" ", "")
