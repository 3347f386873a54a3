"""Input limits: a decompression bomb or an absurd export exits 2 before it is read."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from peakreport.cli import main
from peakreport.errors import DataError
from peakreport.read.limits import check_input

from .conftest import HAND_REGISTRATIONS, base_params, write_params


def _xlsx(path: Path, sheet_xml: bytes | None = None) -> Path:
    """A real workbook; with `sheet_xml`, its first sheet's XML replaced."""
    wb = Workbook()
    ws = wb.active
    for row in (["Email", "Nom", "Prénom"], ["a@b.fr", "Rousseau", "Camille"]):
        ws.append(row)
    wb.save(path)
    if sheet_xml is None:
        return path
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = sheet_xml if info.filename == "xl/worksheets/sheet1.xml" else src.read(info)
            dst.writestr(info.filename, data)
    tmp.replace(path)
    return path


def test_a_csv_past_the_row_limit_exits_2_naming_the_file_and_the_limit(tmp_path, capsys):
    (tmp_path / "registrations.csv").write_text(HAND_REGISTRATIONS, encoding="utf-8")
    params = base_params(survey=None)
    params["registrations"]["max_rows"] = 10  # the file has 13 lines
    path = write_params(tmp_path, params)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"peakreport: {tmp_path / 'registrations.csv'}: has more than 10 lines, "
                   "past the limit; raise `max_rows:` under `registrations:` in the params "
                   "if the file is genuine")
    params["registrations"]["max_rows"] = 13  # raised: read as before
    path = write_params(tmp_path, params)
    assert main(["validate", str(path)]) == 0


def test_a_workbook_bomb_is_refused_by_its_zip_directory(tmp_path):
    # one cell of 80 MB of the same letter: 80 MB of XML packed into about 80 KB
    cell = b"A" * (80 << 20)
    bomb = _xlsx(tmp_path / "bomb.xlsx", b'<worksheet><sheetData><row r="1"><c r="A1" '
                 b't="inlineStr"><is><t>' + cell + b"</t></is></c></row></sheetData>"
                 b"</worksheet>")
    assert bomb.stat().st_size < 1 << 20
    with pytest.raises(DataError, match=r"bomb\.xlsx: expands \d+ times \(0\.\d MB to 84 MB\), "
                       r"past the limit of 100 times for a workbook; raise `max_xlsx_ratio:`"):
        check_input(bomb, "registrations")
    check_input(bomb, "registrations", max_ratio=10_000)  # raised: allowed through
    with pytest.raises(DataError, match=r"expands to 84 MB, past the limit of 67 MB for "
                       r"10,000 rows; raise `max_rows:`"):
        check_input(bomb, "registrations", max_rows=10_000, max_ratio=10_000)


def test_a_sheet_declaring_millions_of_rows_is_refused_before_it_is_read(tmp_path):
    book = _xlsx(tmp_path / "long.xlsx", b'<?xml version="1.0"?><worksheet xmlns="x">'
                 b'<dimension ref="A1:C6000000"/><sheetData/></worksheet>')
    with pytest.raises(DataError, match="has a sheet of 6,000,000 rows, past the limit of "
                                        "5,000,000; raise `max_rows:` under `survey:`"):
        check_input(book, "survey")
    check_input(book, "survey", max_rows=6_000_000)


def test_normal_files_pass(tmp_path):
    check_input(_xlsx(tmp_path / "ok.xlsx"), "registrations", max_rows=2)
    (tmp_path / "r.csv").write_text(HAND_REGISTRATIONS, encoding="utf-8")
    check_input(tmp_path / "r.csv", "registrations", max_rows=13)
