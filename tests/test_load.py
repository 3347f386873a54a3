"""load: encodings, delimiters, header layouts, xlsx, and source row numbers."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook

from peakreport.errors import DataError
from peakreport.params import SourceParams
from peakreport.read.load import read_table

CSV = "Nom;Prénom;Email;Code postal\nRoux;Zoé;zoe@x.fr;01250\nGarcía;Noël;noel@y.fr;74000\n"


def read(path, **kw):
    return read_table(SourceParams(path=path, **kw), "registrations")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_encodings_are_detected(tmp_path, encoding):
    p = tmp_path / "r.csv"
    p.write_bytes(CSV.encode(encoding))
    t = read(p)
    assert t.headers == ["Nom", "Prénom", "Email", "Code postal"]
    assert list(t.frame["Prénom"]) == ["Zoé", "Noël"]
    assert list(t.frame["Nom"]) == ["Roux", "García"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters_are_detected(tmp_path, delimiter):
    p = tmp_path / "r.csv"
    p.write_text(CSV.replace(";", delimiter), encoding="utf-8")
    t = read(p)
    assert t.delimiter == delimiter
    assert list(t.frame["Email"]) == ["zoe@x.fr", "noel@y.fr"]


def test_explicit_encoding_that_does_not_fit_names_the_line(tmp_path):
    p = tmp_path / "r.csv"
    p.write_bytes(CSV.encode("cp1252"))
    with pytest.raises(DataError, match=r"cannot be read as utf-8: .* line 1"):
        read(p, encoding="utf-8")


def test_sep_line_title_rows_blank_lines_and_row_numbers(tmp_path):
    p = tmp_path / "r.csv"
    p.write_text(
        "sep=;\n"                                # row 1
        "Liste des inscrits — Forum 2021\n"      # row 2: a title row
        "\n"                                     # row 3
        " Nom ; Prénom ;Email;Code postal\n"     # row 4: header with stray spaces
        "Roux;Zoé;zoe@x.fr;01250\n"              # row 5
        "\n"                                     # row 6: blank, not a row
        '"Dupont; fils";"Anne\nMarie";a@x.fr;74000\n'  # row 7: delimiter and line break in quotes
        "Petit;Luc;l@x.fr;69001\n"               # row 8
        "\n\n",
        encoding="utf-8",
    )
    t = read(p)
    assert t.header_row == 4
    assert t.headers == ["Nom", "Prénom", "Email", "Code postal"]
    assert list(t.source_rows) == [5, 7, 8]
    assert t.frame["Nom"][1] == "Dupont; fils"
    assert t.frame["Prénom"][1] == "Anne\nMarie"


def test_header_row_from_params(tmp_path):
    p = tmp_path / "r.csv"
    p.write_text("export du 2021-12-16;;\nA;B;C\nx;y;z\n", encoding="utf-8")
    t = read(p, header_row=2)
    assert t.headers == ["A", "B", "C"] and list(t.source_rows) == [3]


def test_two_header_rows_surveymonkey(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text(
        "Respondent ID,Email Address,Overall satisfaction?,Which sessions?,,Comments\n"
        ",,Response,Workshops,Keynote,Open-Ended Response\n"
        "1,a@x.fr,5,Workshops,,good\n",
        encoding="utf-8",
    )
    t = read_table(SourceParams(path=p, header_rows=2), "survey")
    assert t.headers == ["Respondent ID", "Email Address", "Overall satisfaction?",
                         "Which sessions? - Workshops", "Which sessions? - Keynote", "Comments"]
    assert list(t.source_rows) == [3]


def test_a_record_with_too_many_cells_is_listed_not_lost(tmp_path):
    p = tmp_path / "r.csv"
    p.write_text("Nom;Email\nA;a@x.fr\nB;b@x.fr;surplus\nC;c@x.fr\n", encoding="utf-8")
    t = read(p)
    assert list(t.frame["Nom"]) == ["A", "C"]
    assert t.unparsed == [(3, "has more cells than the 2 columns of the header")]


def test_duplicate_and_empty_headers_get_unique_names(tmp_path):
    p = tmp_path / "r.csv"
    p.write_text("Email;;Nom;Nom;\na@x.fr;q;A;B;\n", encoding="utf-8")
    t = read(p)
    assert t.headers == ["Email", "column 2", "Nom", "Nom (2)"]  # trailing empty column dropped
    assert t.unparsed == []


def _xlsx(path, rows, title="Inscrits"):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    wb.create_sheet("Autre").append(["rien"])
    wb.save(path)


def test_xlsx_title_row_numeric_postcode_and_dates(tmp_path):
    p = tmp_path / "r.xlsx"
    _xlsx(p, [["Inscriptions au forum"], [], ["Nom", "Email", "CP", "Inscrit le"],
              ["Roux", "zoe@x.fr", 1250, dt.datetime(2021, 11, 2, 9, 30)]])
    t = read(p)
    assert t.header_row == 3 and t.sheet == "Inscrits"
    assert list(t.source_rows) == [4]
    assert t.frame["CP"][0] == "1250"
    assert t.frame["Inscrit le"][0] == "2021-11-02 09:30:00"


def test_xlsx_wrong_sheet(tmp_path):
    p = tmp_path / "r.xlsx"
    _xlsx(p, [["Nom", "Email"], ["A", "a@x.fr"]])
    with pytest.raises(DataError, match=r"'Participants' not found \(sheets: Inscrits, Autre\)"):
        read(p, sheet="Participants")
    with pytest.raises(DataError, match="sheet index 5 does not exist"):
        read(p, sheet=5)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "registrations file is empty"),
     (b"\n\n  \n", "registrations file is empty"),
     (bytes(range(256)) * 40, "binary content"),
     (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old Excel .xls")],
)
def test_unreadable_files(tmp_path, content, message):
    p = tmp_path / "r.csv"
    p.write_bytes(content)
    with pytest.raises(DataError, match=message):
        read(p)


def test_source_file_is_never_modified(tmp_path):
    p = tmp_path / "r.csv"
    p.write_bytes(CSV.encode("cp1252"))
    before = (p.read_bytes(), p.stat().st_mtime_ns)
    read(p)
    assert (p.read_bytes(), p.stat().st_mtime_ns) == before
