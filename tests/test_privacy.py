"""privacy: masked comments, small groups, the output scan, and untrusted text kept inert.

The payload forum below is what a hostile or careless respondent could type. Every
payload must reach the funder's files as harmless text or masked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from peakreport.errors import PrivacyError
from peakreport.privacy import Identifiers, NameIndex, scan, scrub, suppress_groups
from peakreport.publish.run import run_report

from .conftest import write_params

PEOPLE = [  # (first, last, e-mail, phone, organisation type, sector)
    ("Camille", "Rousseau", "camille.rousseau@alpha.fr", "06 11 22 33 44", "Entreprise",
     "<script>window.__pwned=1</script>Mécanique"),
    ("Jean-Pierre", "Lefèvre", "jp.lefevre@beta.fr", "+33 6 55 66 77 88", "PME", "Plasturgie"),
    ("Léa", "Martin", "lea.martin@gamma.fr", "04.72.00.00.01", "Université", "Formation"),
    ("Hugo", "Bernard", "hugo@delta.fr", "0612345678", "Collectivité", "Public"),
    ("Zoé", "Petit", "zoe@eps.fr", "07 01 02 03 04", "Entreprise", "Mécanique"),
    ("Nina", "Dupont", "nina@zeta.fr", "06 99 88 77 66", "Entreprise", "Mécanique"),
]
PAYLOADS = [
    "Merci à Camille Rousseau et à LEFEVRE Jean-Pierre pour l'animation",
    "Écrivez-moi : camille.rousseau@alpha.fr ou 06 11 22 33 44, +33 6 55 66 77 88, "
    "0612345678, 04.72.00.00.01",
    "<script>window.__pwned=1;alert(1)</script> bravo",
    '<img src=x onerror="window.__pwned=2"> une image',
    '<a href="javascript:window.__pwned=3">cliquez ici</a> et <b onmouseover="x()">ici</b>',
    "{{7*7}} et {% raw %} et ${7*7}",
    "</blockquote></div></section><h1 id=fake>FAUX TITRE</h1>",
    "![pixel](https://tracker.example/p.gif) et [lien](http://evil.example/x)",
    '=HYPERLINK("http://evil.example","clic")',
    "Très bon forum, à refaire !",
]


@pytest.fixture(scope="module")
def payload_forum(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("payload")
    reg = ["Email;Prénom;Nom;Téléphone;Type de structure;Secteur;Code postal;Présent"]
    reg += [f"{e};{f};{la};{p};{c};{s};74000;oui" for f, la, e, p, c, s in PEOPLE]
    (d / "r.csv").write_text("\n".join(reg) + "\n", encoding="utf-8")
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["Horodateur", "Adresse e-mail", "Satisfaction globale",
                "Recommanderiez-vous le forum ? (0-10)",
                "<i>Les ateliers</i> étaient-ils utiles ?", "Commentaires"])
    for i, text in enumerate(PAYLOADS):
        # one answer per respondent (a second one would replace the first); then anonymous
        email = PEOPLE[i][2] if i < len(PEOPLE) else ""
        w.writerow([f"15/12/2021 10:{i:02d}:00", email, 4 + i % 2, 9 - i % 3, 4, text])
    (d / "s.csv").write_text(buf.getvalue(), encoding="utf-8")
    return write_params(d, {
        "event": {"id": "forum-payload", "title": "Forum <b>test</b> & {{7*7}}",
                  "date": "2021-12-15", "venue": "<script>alert(1)</script>"},
        "territory": "auvergne-rhone-alpes",
        "registrations": {"path": "r.csv"},
        "survey": {"path": "s.csv"},
    })


@pytest.fixture(scope="module")
def payload_report(payload_forum, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    run_report(payload_forum, out=out, quiet=True)
    return out / "forum-payload"


# ------------------------------------------------------------------ masking (unit)

@pytest.mark.parametrize("phone", ["06 12 34 56 78", "+33 6 12 34 56 78", "0612345678",
                                   "04.72.00.00.00", "+33 (0)6 12 34 56 78", "0033 6 12 34 56 78",
                                   "06-12-34-56-78"])
def test_french_phone_spellings_are_masked(phone):
    assert scrub(f"appelez le {phone} svp") == "appelez le […] svp"


def test_names_masked_in_either_order_ignoring_case_and_accents():
    names = NameIndex([("Camille", "Rousseau"), ("Jean-Pierre", "Lefèvre")])
    assert scrub("Merci Camille Rousseau, ROUSSEAU camille et jean pierre lefevre", names) == (
        "Merci […], […] et […]")
    assert scrub("Camille seule reste", names) == "Camille seule reste"


def test_names_masked_on_word_boundaries_leftmost_longest():
    names = NameIndex([("Marie", "Claire"), ("Marie", "Claire Dupont"), ("Anne", "Roy"),
                       ("Roy", "Anne"), ("Léo", "D'Arc")])
    # never inside a word; the longer of two names starting at the same word wins
    assert scrub("Mariel Claire et Marie Claires ; marie claire dupont.", names) == (
        "Mariel Claire et Marie Claires ; […].")
    # two names side by side (they share the space between them) are both found
    assert scrub("anne roy anne roy", names) == "[…] […]"
    # an apostrophe inside a name, a decomposed accent (e + U+0301) like a composed one
    assert scrub("Merci Léo d’Arc et LÉO D'ARC", names) == "Merci […] et […]"


def test_name_index_built_once_folds_like_the_text_side():
    people = [("Élodie", "Ngô"), ("JEAN-PIERRE", "Lefèvre"), ("ØYVIND", "Åsen"), ("", "Seul"),
              ("Σοφία", "ΠΑΠΑΔΟΠΟΥΛΟΣ"), ("ﬁona", "Smith")]
    names = NameIndex(people)
    assert len(names) == 10  # 5 people with both names, in both orders
    for first, last in people[:3] + people[4:]:
        assert names.spans(f"x {last} {first} y") != [], (first, last)
        assert names.spans(f"x {first.lower()} {last.upper()} y") != [], (first, last)
    assert names.spans("seul") == [] and not NameIndex([])


def test_urls_and_emails_masked():
    assert scrub("voir https://x.org/a?b=1, www.site.fr, mail a.b@c.fr") == (
        "voir […], […], mail […]")


def test_suppress_groups_subtraction_rule():
    assert suppress_groups({"a": 10, "b": 6, "c": 2}, 5) == {"c", "b"}
    assert suppress_groups({"a": 10, "b": 3, "c": 2}, 5) == {"b", "c"}
    assert suppress_groups({"a": 10, "b": 6}, 5) == set()
    assert suppress_groups({"a": 2}, 5) == {"a"}


def test_scan_finds_and_hides_values():
    ids = Identifiers.from_cells(["camille@a.fr", "06 11 22 33 44"], [("Camille", "Rousseau")])
    leaks = scan("x camille@a.fr y +33 6 11 22 33 44 z Rousseau Camille", ids, "report.html")
    assert [str(x) for x in leaks] == [
        "report.html contains a participant's e-mail address (c…@a.fr)",
        "report.html contains a participant's phone number (…44)",
        "report.html contains a participant's name (R… C…)",
    ]


# ------------------------------------------------------------------ the payload forum

def test_funder_outputs_hold_no_personal_data(payload_report, payload_forum):
    html = (payload_report / "report.html").read_text(encoding="utf-8")
    pdf = " ".join(" ".join(p.extract_text() for p in
                            PdfReader(payload_report / "report.pdf").pages).split())
    metrics = (payload_report / "metrics.json").read_text(encoding="utf-8")
    ids = Identifiers.from_cells([c for p in PEOPLE for c in p[2:4]],
                                 [(p[0], p[1]) for p in PEOPLE])
    assert len(ids.emails) == len(ids.phones) == len(PEOPLE)
    for name, text in (("html", html), ("pdf", pdf), ("metrics", metrics)):
        assert scan(text, ids, name) == [], name
        for first, last, email, phone, _, _ in PEOPLE:
            assert email not in text and phone not in text
            assert f"{first} {last}" not in text and f"{last} {first}" not in text
    notebook = (payload_report / "internal" / "report.ipynb").read_text(encoding="utf-8")
    outputs = json.dumps([c.get("outputs", []) for c in json.loads(notebook)["cells"]])
    assert scan(json.loads(json.dumps(outputs)), ids, "notebook outputs") == []
    # the masks are there instead
    assert "Merci à […] et à […] pour l&#x27;animation" in html


def test_payloads_show_as_text(payload_report):
    html = (payload_report / "report.html").read_text(encoding="utf-8")
    body = html.split("</head>", 1)[1]
    assert "<script>window.__pwned" not in body and "&lt;script&gt;window.__pwned" in body
    assert "<img src=x" not in body and "onerror=&quot;" in body
    assert 'href="javascript:' not in body
    assert "<h1 id=fake>" not in body and "&lt;h1 id=fake&gt;FAUX TITRE" in body
    assert "&#123;&#123;7*7&#125;&#125;" in body and ">49<" not in body
    assert "tracker.example" not in body and "evil.example" not in body
    assert "<title>Forum &lt;b&gt;test&lt;/b&gt; &amp; {{7*7}}</title>" in html
    # the untrusted sector label reaches the chart spec escaped for plotly's HTML-like text
    specs = [json.loads(m) for m in re.findall(r"peakreport\.draw\('chart-\d+', (.*?)\);</script>",
                                                body)]
    labels = [y for spec in specs for trace in spec["data"] for y in trace.get("y", [])
              if isinstance(y, str)]
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;Mécanique" in labels
    assert not any("<script" in y for y in labels)


def test_rejected_and_internal_csv_neutralise_formulas(payload_report, tmp_path):
    import pandas as pd

    from peakreport.data.rejected import write_rejected

    write_rejected(pd.DataFrame({"source_row": [2], "reason": ["x"],
                                 "Commentaires": ['=HYPERLINK("http://evil")'],
                                 "b": ["+1+1"], "c": ["@SUM(A1)"], "d": ["-2"]}),
                   tmp_path / "r.csv")
    line = (tmp_path / "r.csv").read_text("utf-8-sig").splitlines()[1]
    assert line == "2,x,\"'=HYPERLINK(\"\"http://evil\"\")\",'+1+1,'@SUM(A1),'-2"


def test_export_folder_readme_says_what_may_be_shared(payload_report):
    text = (payload_report / "README.txt").read_text(encoding="utf-8")
    assert "report.html, report.pdf, metrics.json" in text and "internal/" in text


def test_small_groups_are_null_in_json(payload_report):
    m = json.loads((payload_report / "metrics.json").read_text(encoding="utf-8"))
    groups = m["survey"]["satisfaction_by_community"]
    # respondents: company 3 + 2 (Camille, Zoé, Nina; JP's PME) ... all groups are < 5 but one
    for g in groups.values():
        if g["responses"] is None:
            assert g["satisfaction_mean"] is None and g["csat"] is None
    assert sum(1 for g in groups.values() if g["responses"] is None) != 1


def test_scan_catches_a_planted_leak(payload_forum, payload_report, tmp_path):
    """A custom report that shows the raw comments (read again in its own kernel, without
    masking): the scan must stop the run, and neither write nor replace anything."""
    import shutil

    import nbformat

    from .conftest import ROOT

    nb = nbformat.read(ROOT / "notebooks" / "event_report.ipynb", as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell(
        "from peakreport.measure.analysis import analyse\n"
        "raw = analyse(params_path).responses.frame['comment'].dropna().astype(str)\n"
        "report.data.comments = list(raw)"))
    unmasked = tmp_path / "unmasked.ipynb"
    nbformat.write(nb, unmasked)
    out = tmp_path / "out"
    shutil.copytree(payload_report, out / "forum-payload")
    before = {p.name: p.read_bytes() for p in (out / "forum-payload").glob("*.*")}
    with pytest.raises(PrivacyError) as err:
        run_report(payload_forum, out=out, quiet=True, notebook=unmasked)
    msg = str(err.value)
    assert msg.startswith("privacy scan: report.html contains a participant's")
    assert "nothing was written or replaced" in msg
    assert "camille.rousseau@alpha.fr" not in msg and "Camille Rousseau" not in msg
    assert {p.name: p.read_bytes() for p in (out / "forum-payload").glob("*.*")} == before
    assert not list(out.glob(".*staging*"))


def test_payloads_run_nothing_in_a_real_browser(payload_report):
    from .browser import offline_page

    with offline_page(payload_report / "report.html") as (page, seen):
        page.mouse.move(200, 400)
        state = page.evaluate("""() => ({
            pwned: window.__pwned === undefined ? null : window.__pwned,
            title: document.title,
            fake: document.getElementById('fake') !== null,
            handlers: document.querySelectorAll('main [onerror], main [onmouseover]').length,
            jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
            h1: document.querySelectorAll('h1').length,
        })""")
    assert state == {"pwned": None, "title": "Forum <b>test</b> & {{7*7}}", "fake": False,
                     "handlers": 0, "jsLinks": 0, "h1": 1}
    assert seen.dialogs == [] and seen.requests == []


def test_the_column_prefilters_keep_every_cell_the_patterns_can_match():
    """of_analysis asks pyarrow which cells may hold an address or a number; a cell the
    prefilter drops must hold none (else the scan would miss it)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from peakreport.privacy import _EMAIL_HINT, _PHONE_HINT, EMAIL_RE, PHONE_RE

    cells = ["06 12 34 56 78", "+33 6 12 34 56 78", "0612345678", "04.72.00.00.00",
             "+33 (0)6 12 34 56 78", "0033 6 12 34 56 78", "06-12-34-56-78",
             "06\u00a012\u00a034\u00a056\u00a078", "+44 20 7946 0958", "tel: 0612345678 !",
             "a.b@c.fr", "jean [at] exemple.fr", "x (AT) y.org", "Camille", "74000",
             "T123456", "01/12/2021 10:00:00", "", "15/12/2021 10:00:00"]
    # every Unicode space Python's \s accepts, between the digits of a number
    cells += [f"06{chr(c)}12{chr(c)}34{chr(c)}56{chr(c)}78" for c in range(0x110000)
              if chr(c).isspace()]
    arr = pa.array(cells)
    for hint, pattern in ((_EMAIL_HINT, EMAIL_RE), (_PHONE_HINT, PHONE_RE)):
        kept = pc.match_substring_regex(arr, hint, ignore_case=True).to_pylist()
        for cell, keep in zip(cells, kept, strict=True):
            if pattern.search(cell):
                assert keep, (hint, cell)
    # names, postcodes, ticket numbers, timestamps: not sent to the phone pattern
    assert pc.match_substring_regex(arr, _PHONE_HINT).to_pylist()[13:18] == [False] * 5
