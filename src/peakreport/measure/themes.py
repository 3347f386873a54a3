"""Comment themes: what the free-text comments speak of, counted, never judged.

The themes and their words are data (`themes.yaml` beside this module), French and English
mixed; a forum's params replace or extend them (`survey.themes`). A comment is in a theme
when one of its words is one of the theme's, both compared after `text.fold` (no case, no
accents) and `stem`, a deliberately simple lemmatisation: plural and feminine endings,
-er/-é verb forms and English -ing are cut, so that "Réseaux", "rencontrés" and "networking"
find "réseau", "rencontre" and "network". No NLP library: a report should not load a
language model to count words, and a rule that fits in a docstring can be checked by hand.
A comment may be in several themes, or in none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ..text import fold

THEMES_FILE = Path(__file__).with_name("themes.yaml")
_HAS_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Theme:
    key: str                   # the bundled theme's key ("networking"), or the params' name
    name: str                  # as the report shows it
    words: tuple[str, ...]     # as written (in the dictionary or the params)


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A folded word without its plural, feminine or verb ending (see the module's doc).

    Both sides of a comparison are stemmed alike, so what matters is that the forms of one
    word meet, not that the stem is a word: "rencontres", "rencontré", "rencontrer" →
    "rencontr"; "ateliers" → "ateli"; "réseaux" → "reseau"; "locaux" → "local"."""
    w, n = word, len(word)
    if n > 4 and w.endswith("eaux"):
        w = w[:-1]
    elif n > 4 and w.endswith("aux"):
        w = w[:-3] + "al"
    elif n > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif n > 3 and w[-1] in "sx" and not w.endswith("ss") and not (
            n <= 5 and w.endswith(("us", "is"))):
        w = w[:-1]
    if len(w) > 6 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 5 and w.endswith("er"):
        w = w[:-2]
    elif len(w) > 5 and w.endswith("ee"):
        w = w[:-1]
    if len(w) > 5 and w.endswith("e"):
        w = w[:-1]
    return w


@cache
def bundled() -> dict[str, dict[str, Any]]:
    """The bundled dictionary: key -> {"fr": name, "en": name, "words": [...]}."""
    import yaml

    return yaml.safe_load(THEMES_FILE.read_text(encoding="utf-8"))


def dictionary(language: str, params: dict[str, list[str]] | None = None) -> list[Theme]:
    """The themes for one forum: the bundled ones named in `language`, changed by the
    params' `survey.themes`. A params theme whose name folds like a bundled theme's key or
    French or English name replaces that theme's words (and takes the params' name); an
    empty list removes it; any other name adds a theme, after the bundled ones."""
    themes = {key: Theme(key, t.get(language) or t["en"], tuple(t["words"]))
              for key, t in bundled().items()}
    names = {fold(n): key for key, t in bundled().items() for n in (key, t["fr"], t["en"])}
    for name, words in (params or {}).items():
        key = names.get(fold(name), name)
        if not words:
            themes.pop(key, None)
        else:
            themes[key] = Theme(key, str(name), tuple(str(w) for w in words))
    return list(themes.values())


class Matcher:
    """Finds the themes of a text: single words by their stem, "word*" by the beginning of
    a folded word, several words as a phrase of stems."""

    def __init__(self, themes: Sequence[Theme]) -> None:
        self.themes = list(themes)
        self.single: dict[str, set[int]] = {}
        self.prefixes: list[tuple[str, int]] = []
        self.phrases: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for i, theme in enumerate(self.themes):
            for word in theme.words:
                if word.strip().endswith("*"):
                    prefix = fold(word.strip()[:-1])
                    if prefix:
                        self.prefixes.append((prefix, i))
                    continue
                stems = tuple(stem(w) for w in fold(word).split())
                if len(stems) == 1:
                    self.single.setdefault(stems[0], set()).add(i)
                elif stems:
                    self.phrases.setdefault(stems[0], []).append((stems, i))

    def __call__(self, text: str) -> set[int]:
        """Indices (in `themes`) of the themes the text speaks of."""
        words = fold(text).split()
        stems = [stem(w) for w in words]
        found: set[int] = set()
        for k, s in enumerate(stems):
            hit = self.single.get(s)
            if hit:
                found |= hit
            for phrase, i in self.phrases.get(s, ()):
                if tuple(stems[k:k + len(phrase)]) == phrase:
                    found.add(i)
        for prefix, i in self.prefixes:
            if i not in found and any(w.startswith(prefix) for w in words):
                found.add(i)
        return found


def is_comment(text: object) -> bool:
    """A comment has at least one letter or digit: "-" or "." in the box is not one."""
    return isinstance(text, str) and bool(_HAS_WORD.search(text))


@lru_cache(maxsize=16)
def _matcher(themes: tuple[Theme, ...]) -> Matcher:
    return Matcher(themes)


def match(texts: Iterable[str], themes: Sequence[Theme]) -> list[set[int]]:
    """The themes of each text (each distinct text matched once)."""
    matcher = _matcher(tuple(themes))
    seen: dict[str, set[int]] = {}
    out = []
    for t in texts:
        if t not in seen:
            seen[t] = matcher(t)
        out.append(seen[t])
    return out


def theme_counts(texts: Sequence[str], themes: Sequence[Theme]) -> list[int]:
    """How many of the texts speak of each theme."""
    counts = [0] * len(themes)
    for found in match(texts, themes):
        for i in found:
            counts[i] += 1
    return counts


def comment_metrics(texts: Sequence[str], themes: Sequence[Theme],
                    min_group_size: int) -> dict[str, Any]:
    """metrics.json's `comments`: the number of comments and the themes found in them,
    the most frequent first. A theme found in fewer than `min_group_size` comments is
    listed with a null count and share (shown "< N"), after the others; a theme found in
    none is not listed."""
    counts = theme_counts(texts, themes)
    n = len(texts)
    shown = sorted((i for i, c in enumerate(counts) if c >= min_group_size),
                   key=lambda i: (-counts[i], i))
    hidden = [i for i, c in enumerate(counts) if 0 < c < min_group_size]
    return {"count": n, "themes": [
        {"theme": themes[i].name, "key": themes[i].key,
         "count": None if i in hidden else counts[i],
         "share": None if i in hidden else counts[i] / n}
        for i in (*shown, *hidden)]}
