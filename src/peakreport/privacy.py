"""What funders may see: masked comments, suppressed small groups, the output scan.

Comments are untrusted text typed by respondents. Before a comment is shown it
loses e-mail addresses, phone numbers, URLs and the names of registered
participants; it is escaped later, where it is rendered. Before a funder-facing
file is published, `OutputScan` reads it as its reader would (the PDF's text, the
HTML without the vendored plotly.js) and fails the run on any of the inputs'
addresses, numbers or names.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import weakref
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .bundle import drawn_shapes, plotly_js
from .errors import PrivacyError

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
# combining marks that NFKD splits off accented letters (é → e + U+0301)
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_COMBINING_RE = re.compile(f"[{_MARKS}]")
# a word: letters and digits, and the marks of a decomposed accent (Le\u0301o), joined
# by apostrophes (d'Arc, d’Arc)
_LETTERS = f"[^\\W_](?:[^\\W_]|[{_MARKS}])*"
_WORD_RE = re.compile(f"{_LETTERS}(?:['’-]{_LETTERS})*")
_ONE_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in base if not unicodedata.combining(c)) or ch
    return base[0].lower() if base else ch


def _char_fold(text: str) -> str:
    """Lower-case and strip accents one character at a time, keeping positions."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


def _fold_many(values: list[str]) -> list[str]:
    """`_char_fold` of many short texts at once (names): one normalisation of their
    concatenation, in C, instead of a Python call per character. Accented letters fold
    alike; a rare compatibility character that expands (the ligature ﬁ) stays as is,
    as it does in `_char_fold`'s positions-keeping fold of the text side."""
    if not values:
        return []
    joined = "\x00".join(values)
    if joined.isascii():
        return joined.lower().split("\x00")
    folded = _COMBINING_RE.sub("", unicodedata.normalize("NFKD", joined)).lower()
    parts = folded.split("\x00")
    if len(parts) != len(values):  # cannot happen (NFKD keeps NUL), but never guess
        return [_char_fold(v) for v in values]
    # where NFKD expanded a character or dropped a decomposed accent's mark, or lower()
    # saw a final sigma, fall back to the exact per-character fold
    import numpy as np

    lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    folded_lengths = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    for i in np.flatnonzero(lengths != folded_lengths):
        parts[i] = _char_fold(values[i])
    if "Σ" in joined:
        parts = [_char_fold(v) if "Σ" in v else p for p, v in zip(parts, values, strict=True)]
    return parts


def _token(word: str) -> str:
    return _COMBINING_RE.sub("", word).replace("’", "'") if not word.isascii() else word


class NameIndex:
    """The registered participants' names, matched in either order, accents ignored.

    Built once per run and shared by comment masking and the output scan. Each distinct
    first and last name is folded once, all of them together (`_fold_many`); people are
    kept as pairs of integer codes. A text is matched by an Aho-Corasick automaton
    (pyahocorasick) of only the names whose first word occurs in it, so that a scan
    costs about the size of the text, not of the registrations.
    """

    def __init__(self, people: Iterable[tuple[str, str]] = ()) -> None:
        self.parts: list[tuple] = []
        pairs = list(people)
        if pairs:
            firsts, lasts = zip(*pairs, strict=True)
            self._add(firsts, lasts)

    @classmethod
    def from_columns(cls, firsts, lasts) -> NameIndex:
        """The index of two aligned columns (pandas Series) of first and last names."""
        index = cls()
        if len(firsts):
            index._add(firsts, lasts)
        return index

    def _add(self, firsts, lasts) -> None:
        import pandas as pd

        fcodes, fnames = pd.factorize(pd.Series(firsts, dtype=object).fillna(""), sort=False)
        lcodes, lnames = pd.factorize(pd.Series(lasts, dtype=object).fillna(""), sort=False)
        fkeys, fheads = _keys(list(fnames))
        lkeys, lheads = _keys(list(lnames))
        known = (fkeys != "")[fcodes] & (lkeys != "")[lcodes]
        self.parts.append((fcodes[known], lcodes[known], fkeys, fheads, lkeys, lheads))

    def __bool__(self) -> bool:
        return any(len(p[0]) for p in self.parts)

    def __len__(self) -> int:
        """Names indexed: each person's with both names, in both orders."""
        return 2 * sum(len(p[0]) for p in self.parts)

    def update(self, other: NameIndex) -> None:
        self.parts += other.parts

    def matcher(self, texts: Iterable[str]) -> NameMatcher:
        """A matcher for these texts: the names whose first word occurs in any of them."""
        return self.matcher_for_words({w for t in texts for w in _words(t)[1]})

    def matcher_for_words(self, words: set[str]) -> NameMatcher:
        """A matcher for texts made of these (folded) words."""
        import numpy as np

        names: set[str] = set()
        for f, la, fkeys, fheads, lkeys, lheads in self.parts:
            for a, b, heads in ((f, la, fheads), (la, f, lheads)):
                a_keys, b_keys = (fkeys, lkeys) if a is f else (lkeys, fkeys)
                # the distinct names whose first word is a word of the texts (a set
                # lookup each: no conversion of the texts' words to an array)
                starts = np.fromiter((h in words for h in heads), dtype=bool, count=len(heads))
                hit = starts[a]  # the person's name starts a text word
                names.update(f"{x} {y}" for x, y in zip(a_keys[a[hit]], b_keys[b[hit]],
                                                         strict=True))
        return NameMatcher(names)

    def spans(self, text: str) -> list[tuple[int, int]]:
        return self.matcher([text]).spans(text)


def _keys(names: list[str]):
    """Each name's folded words joined by spaces ('jean pierre'), and its first word."""
    import numpy as np

    folded = _fold_many([str(n) for n in names])
    one_word = _ONE_WORD.fullmatch  # most names: their key is their fold
    keys = np.array([f if one_word(f) else None for f in folded], dtype=object)
    heads = keys.copy()
    for i in np.flatnonzero(keys == None):  # noqa: E711 - element-wise
        words = [_token(w) for w in _WORD_RE.findall(folded[i].replace("-", " "))]
        keys[i] = " ".join(words)
        heads[i] = words[0] if words else ""
    return keys, heads


def _words(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    folded = _char_fold(text).replace("-", " ")
    found = list(_WORD_RE.finditer(folded))
    return [m.span() for m in found], [_token(m.group(0)) for m in found]


class NameMatcher:
    """Finds names in texts, leftmost then longest first, never inside a word."""

    def __init__(self, names: set[str]) -> None:
        self.automaton = None
        if names:
            import ahocorasick

            self.automaton = ahocorasick.Automaton()
            for name in names:
                # spaces around: a match starts and ends on word boundaries
                self.automaton.add_word(f" {name} ", (len(name) + 2, name.count(" ") + 1))
            self.automaton.make_automaton()

    def spans(self, text: str) -> list[tuple[int, int]]:
        if self.automaton is None:
            return []
        return self.spans_of(*_words(text))

    def spans_of(self, positions: list[tuple[int, int]],
                 words: list[str]) -> list[tuple[int, int]]:
        """`spans` of a text already split into words (`_words`)."""
        if self.automaton is None:
            return []
        haystack = " " + " ".join(words) + " "
        word_at, at = {}, 0
        for i, w in enumerate(words):  # haystack offset of the space before word i
            word_at[at] = i
            at += len(w) + 1
        longest: dict[int, int] = {}  # first word -> most words of a name starting there
        for end, (length, count) in self.automaton.iter(haystack):
            first = word_at[end - length + 1]
            longest[first] = max(longest.get(first, 0), count)
        spans, i = [], 0
        while i < len(words):
            hit = longest.get(i, 0)
            if hit:
                spans.append((positions[i][0], positions[i + hit - 1][1]))
                i += hit
            else:
                i += 1
        return spans


def scrub(text: str, names: NameIndex | NameMatcher | None = None) -> str:
    """Mask e-mails, URLs, phone numbers and participants' names in one comment.

    Many comments: pass `names.matcher(texts)`, built once for all of them."""
    text = EMAIL_RE.sub(MASK, text)
    text = URL_RE.sub(MASK, text)
    text = PHONE_RE.sub(MASK, text)
    if names:
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
        cells = [c for c in cells if c]
        return cls(_emails(cells), _phones(cells), NameIndex(people))


def _emails(cells: list[str]) -> set[str]:
    """Every address in the cells: one regex pass over them all, joined by NUL (which no
    pattern matches), and one lower() of the addresses found, not a call per cell."""
    found = EMAIL_RE.findall("\x00".join(cells))
    emails = set("\x00".join(found).lower().split("\x00")) if found else set()
    dotted = {e for e in emails if e.startswith(".") or e.endswith(".")}
    return (emails - dotted) | {e.strip(".") for e in dotted}


def _phones(cells: list[str]) -> set[str]:
    return {k for m in PHONE_RE.finditer("\x00".join(cells)) if (k := phone_key(m.group(0)))}


# Which cells can hold an address or a phone number, asked of pyarrow (RE2, in C) for
# whole columns: each hint is EMAIL_RE or PHONE_RE without lookarounds, in RE2's
# spelling of Python's Unicode classes (\d is \p{Nd}; \s is _SPACE, the characters
# str.isspace() accepts), so it keeps every cell the pattern can match and few others.
_SPACE = (r"[\t-\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}"
          r"\x{202f}\x{205f}\x{3000}]")
_EMAIL_HINT = r"@|\[at\]|\(at\)"
_PHONE_HINT = (rf"(?:(?:\+|00){_SPACE}?33{_SPACE}?(?:\(0\){_SPACE}?)?[1-9]|0[1-9])"
               rf"(?:(?:{_SPACE}|[.\-])?\p{{Nd}}{{2}}){{4}}"
               rf"|\+\p{{Nd}}{{1,3}}(?:(?:{_SPACE}|[.\-])?\p{{Nd}}){{6,12}}")


def merge(all_ids: list[Identifiers]) -> Identifiers:
    """The identifiers of several forums' inputs (the programme report)."""
    names = NameIndex([])
    for ids in all_ids:
        names.update(ids.names)
    return Identifiers(set().union(*(i.emails for i in all_ids)),
                       set().union(*(i.phones for i in all_ids)), names)


_OF_ANALYSIS: dict[int, Identifiers] = {}


def of_analysis(analysis) -> Identifiers:
    """Every e-mail, phone number and participant name of one forum's inputs, built
    once per analysis and shared by comment masking and the output scan."""
    cached = _OF_ANALYSIS.get(id(analysis))
    if cached is not None:
        return cached
    import pyarrow as pa
    import pyarrow.compute as pc

    email_cells: list[str] = []
    phone_cells: list[str] = []
    lists = getattr(analysis.people, "lists", [])  # a hybrid forum's attendance lists
    for v in (analysis.registrations, analysis.survey, *lists):
        if v is None:
            continue
        for col in v.table.frame.columns:
            cells = pa.array(v.table.frame[col], type=pa.large_string(), from_pandas=True)
            for hint, into in ((_EMAIL_HINT, email_cells), (_PHONE_HINT, phone_cells)):
                into.extend(pc.filter(cells, pc.match_substring_regex(
                    cells, hint, ignore_case=hint is _EMAIL_HINT)).to_pylist())
    rows = analysis.registrations.frame
    ids = Identifiers(_emails(email_cells), _phones(phone_cells),
                      NameIndex.from_columns(rows["first_name"], rows["last_name"]))
    for lst in lists:  # people listed who never registered are named there too
        ids.names.update(NameIndex.from_columns(lst.first_names, lst.last_names))
    # kept beside the analysis, not on it: a programme's analyses are pickled for its
    # notebook, which has no use for the index
    _OF_ANALYSIS[id(analysis)] = ids
    weakref.finalize(analysis, _OF_ANALYSIS.pop, id(analysis), None)
    return ids


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
    return " ".join(w[:1] + "…" for w in text.split() if _ONE_WORD.search(w))


def scan(text: str, ids: Identifiers, where: str,
         lines: list[str] | None = None) -> list[Leak]:
    """Find the inputs' personal data in one funder-facing text. Values are shown hidden.

    `lines`, when given, are where names are looked for, each on its own (the rendered
    page's blocks and table rows): a name is never made of the end of one row and the
    start of the next."""
    leaks = []
    for m in EMAIL_RE.finditer(text):
        e = m.group(0).lower().strip(".")
        if e in ids.emails:
            leaks.append(Leak("e-mail address", where, _hide_email(e)))
    for m in PHONE_RE.finditer(text):
        k = phone_key(m.group(0))
        if k and k in ids.phones:
            leaks.append(Leak("phone number", where, _hide_phone(k)))
    if ids.names:
        pieces = [text] if lines is None else lines
        tokens = [_words(piece) for piece in pieces]  # once, for the matcher and the spans
        matcher = ids.names.matcher_for_words({w for _, words in tokens for w in words})
        for piece, (positions, words) in zip(pieces, tokens, strict=True):
            for start, end in matcher.spans_of(positions, words):
                leaks.append(Leak("name", where, _hide_name(piece[start:end])))
    return leaks


# --------------------------------------------------------------------------- what a reader sees

_COMMENT_RE = re.compile(r"<!--.*?(?:-->|$)", re.S)
_RAW_RE = re.compile(r"<(script|style|textarea|title)\b[^>]*>(.*?)(?:</\1\s*>|$)", re.S | re.I)
# attributes a reader sees (tooltips, alternative text, labels) or follows (links)
_ATTR_RE = re.compile(
    r"\s(title|alt|aria-label|aria-description|aria-roledescription|placeholder|value|"
    r"summary|label|content|href|xlink:href|data-[\w-]+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)",
    re.I)
_INLINE = ("a|abbr|b|bdi|bdo|cite|code|data|dfn|em|font|i|ins|del|kbd|mark|q|s|samp|small|"
           "span|strong|sub|sup|time|u|var|wbr|tspan|nobr")
_INLINE_RE = re.compile(rf"</?(?:{_INLINE})\b[^>]*>", re.I)
_CELL_RE = re.compile(r"</?t[dh]\b[^>]*>", re.I)
_BR_RE = re.compile(r"<br\b[^>]*>", re.I)
_TAG_RE = re.compile(r"<[^>]*>")
_ESCAPE_RE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([/\"'\\]))")
_NEWLINES_RE = re.compile(r"\s*\n[\s\n]*")
_SPACES_RE = re.compile(r"\s+")


def _unescape_js(text: str) -> str:
    """JSON and JavaScript string escapes decoded: `\\u0043amille` is Camille to a chart."""
    if "\\" not in text:
        return text
    decoded = _ESCAPE_RE.sub(
        lambda m: chr(int(m.group(1) or m.group(2), 16)) if m.group(3) is None else m.group(3),
        text)
    return decoded.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _visible(fragment: str) -> str:
    """Markup to the text it shows: inline tags join ("Cam<b>ille</b>" is Camille), a
    table's cells are read across their row ("Camille | Rousseau"), a line break is a
    space, any other tag ends a block; character references decoded."""
    import html

    fragment = _SPACES_RE.sub(" ", fragment)  # the source's line breaks are spaces
    fragment = _INLINE_RE.sub("", fragment)
    fragment = _CELL_RE.sub(" | ", fragment)
    fragment = _BR_RE.sub(" ", fragment)
    fragment = _TAG_RE.sub("\n", fragment)
    return html.unescape(fragment)


def rendered_lines(page: str) -> list[str]:
    """What a reader of an HTML page sees and can reach, as lines: the text of each block
    and table row; the text of attributes (tooltips, alternative text, link targets
    with their %-escapes decoded); the strings of scripts (a chart's labels and hover
    text, JSON escapes decoded) and style sheets."""
    import html
    from urllib.parse import unquote

    page = _COMMENT_RE.sub("", page)
    chunks: list[str] = []

    def raw(m: re.Match) -> str:
        body = m.group(2)
        chunks.append(_visible(_unescape_js(body)) if m.group(1).lower() == "script"
                      else _SPACES_RE.sub(" ", html.unescape(body)))
        return "\n"

    page = _RAW_RE.sub(raw, page)
    for m in _ATTR_RE.finditer(page):
        value = _SPACES_RE.sub(" ", html.unescape(m.group(2).strip("\"'")))
        if m.group(1).lower().endswith("href"):
            value = unquote(value)
        chunks.append(value)
    text = "\n".join([_visible(page), *chunks])
    return [line for line in _NEWLINES_RE.split(text) if line.strip()]


# images a funder would see and the scan cannot read: an <img>, an SVG <image>, a
# picture, an embedded object or frame, a CSS background from a data: or web address
IMAGE_RE = re.compile(
    r"<(?:img|image|picture|object|embed|iframe|video)\b"
    r"|<input\b[^>]*\btype\s*=\s*[\"']?image"
    r"|url\(\s*[\"']?\s*(?:data:|https?:|//)",
    re.I)


def notebook_images(nb) -> list[str]:
    """The images among a notebook's shown outputs, by cell as its author numbers them
    (the injected parameters cell left out): ["cell 17 (a PNG image)", ...]."""
    found = []
    n = 0
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            continue
        n += 1
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data:
                found.append(f"cell {n} (a PNG image)")
            html = data.get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            if html and IMAGE_RE.search(_COMMENT_RE.sub("", html)):
                found.append(f"cell {n} (an image in HTML)")
    return found


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


_PATH_DATA = re.compile(r' d="([^"<>]*)"')


def _without_shapes(html: str) -> str:
    """`html` without the maps' shapes: a path's data is removed only when it is exactly
    one of the bundled geometry's (anything else, data included, is still scanned). A page
    with no path (a report without a map) does not load the geometry."""
    if _PATH_DATA.search(html) is None:
        return html
    known = drawn_shapes()
    return _PATH_DATA.sub(lambda m: "" if m.group(1) in known else m.group(0), html)


def pdf_text(path: Path) -> str:
    """The text of every page of a PDF, as a reader would copy it (PDFium's extraction)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


class OutputScan:
    """Scans the funder-facing files for the inputs' personal data, as their readers get
    them: an HTML page both as its source and as rendered text (`rendered_lines`), a
    PDF by its text, JSON as it is. A hit fails the run before anything is published;
    the message never shows the value in full.

    Images cannot be read for names: an image in a funder-facing page fails the run
    too, unless the params allow images (`report.allow_images`); then each is listed
    (`notes`)."""

    def __init__(self, ids: Identifiers, allow_images: bool = False) -> None:
        self.ids = ids
        self.allow_images = allow_images
        self.leaks: list[Leak] = []
        self.images: list[str] = []  # "report.html: cell 17 (a PNG image)"

    @staticmethod
    def prepare() -> None:
        import pypdfium2  # noqa: F401 - imported while the kernel works

    def check(self, path: Path, notebook=None) -> None:
        """Scan one file; `notebook` (the executed notebook an HTML page was made from)
        names the cells its images come from."""
        if not path.exists():
            return
        if path.suffix == ".pdf":
            self._add(scan(pdf_text(path), self.ids, path.name))
        elif path.suffix == ".html":
            self.check_html(path.read_text(encoding="utf-8"), path.name, notebook)
        else:
            self._add(scan(path.read_text(encoding="utf-8"), self.ids, path.name))

    def check_html(self, page: str, name: str, notebook=None) -> None:
        # the vendored library and the bundled map geometry are not data
        page = _without_shapes(page.replace(plotly_js(), ""))
        self._add(scan(page, self.ids, name))  # the source: comments, attributes…
        lines = rendered_lines(page)
        self._add(scan("\n".join(lines), self.ids, name, lines=lines))
        shown = len(IMAGE_RE.findall(_COMMENT_RE.sub("", page)))
        if shown:
            cells = notebook_images(notebook) if notebook is not None else []
            if len(cells) < shown:
                cells.append(f"{shown - len(cells)} image(s) in the page")
            self.images += [f"{name}: {c}" for c in cells]

    def _add(self, leaks: list[Leak]) -> None:
        seen = {(x.kind, x.where, x.shown) for x in self.leaks}
        for leak in leaks:
            if (leak.kind, leak.where, leak.shown) not in seen:
                seen.add((leak.kind, leak.where, leak.shown))
                self.leaks.append(leak)

    def raise_if_leaked(self) -> None:
        if self.leaks:
            more = f" and {len(self.leaks) - 1} more" if len(self.leaks) > 1 else ""
            raise PrivacyError(
                f"privacy scan: {self.leaks[0]}{more}; nothing was written or replaced")
        if self.images and not self.allow_images:
            raise PrivacyError(
                f"privacy scan: {self.images[0]} shows an image"
                + (f" (and {len(self.images) - 1} more)" if len(self.images) > 1 else "")
                + ", which the scan cannot read for names; allow images with `report: "
                "{allow_images: true}` in the params once you have checked they show no "
                "personal data; nothing was written or replaced")

    def notes(self) -> list[str]:
        """What the user should know of a published report: the images it shows."""
        if not self.images:
            return []
        return [f"the report shows {len(self.images)} image(s) from custom cells, allowed by "
                f"report.allow_images (check they hold no personal data): "
                + "; ".join(self.images)]
