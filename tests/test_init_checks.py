"""`init` never writes a params file that does not load (issue 17, class 1), and ends by
saying what to check: the placeholder title, every line marked "check", the labels it did
not understand."""

from __future__ import annotations

import pytest

from peakreport.cli import main
from peakreport.data.params_writer import write_params
from peakreport.errors import InputError
from peakreport.measure.analysis import analyse
from peakreport.params import load_params

from . import attendance_lists as A
from . import platforms as P


def test_a_tab_separated_utf16_export_gives_a_file_that_loads(tmp_path):
    # Excel's "Unicode text" (UTF-16 LE with a BOM, TAB-separated): the TAB was written
    # as a raw TAB that the params then refused
    text = ("Email\tNom\tPrénom\tPrésent\r\nanne@a.fr\tRoux\tAnne\toui\r\n"
            "paul@b.fr\tBlanc\tPaul\tnon\r\n")
    (tmp_path / "inscrits.txt").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    path, _ = write_params(tmp_path / "inscrits.txt", event_id="x", date="2021-12-15",
                           out_dir=tmp_path / "params")
    assert 'delimiter: "\\t"' in path.read_text()
    assert load_params(path).registrations.delimiter == "\t"
    assert analyse(path).metrics.data["registrations"]["attended"] == 1


def test_init_writes_nothing_when_its_file_would_not_load(tmp_path):
    # nothing in this export names a person: the file would be rejected by validate
    (tmp_path / "export.csv").write_text("Code;Montant\nA1;10\nA2;12\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"no params file written.*no usable registrations row"):
        write_params(tmp_path / "export.csv", event_id="x", date="2021-12-15",
                     out_dir=tmp_path / "params")
    assert list((tmp_path / "params").iterdir()) == []  # not even a temporary file


def test_init_ends_with_what_to_check(tmp_path, capsys):
    (tmp_path / "r.csv").write_text(
        "Email;Nom;Type de structure;Badge\na@x.fr;A;Entreprise;OK\nb@x.fr;B;Asso;\n",
        encoding="utf-8")
    (tmp_path / "s.csv").write_text(
        "Horodateur,Adresse e-mail,Globalement êtes-vous satisfait(e) ?,"
        "Souhaitez-vous participer à la prochaine phase ?\n"
        "15/12/2021 10:00:00,a@x.fr,Satisfait,Oui\n15/12/2021 11:00:00,b@x.fr,Bof,Peut-être bien\n",
        encoding="utf-8")
    assert main(["init", "--registrations", str(tmp_path / "r.csv"), "--survey",
                 str(tmp_path / "s.csv"), "--out", str(tmp_path / "params"), "--id", "x"]) == 0
    err = capsys.readouterr().err
    tail = err[err.index("check before running"):]  # it ends the output
    assert 'title: "Forum x"' in tail and "placeholder" in tail      # the placeholder title
    assert "date: 2021-12-15" in tail                                # a guessed date
    assert '"Asso": other' in tail                                    # a label left in other
    assert "survey satisfaction labels not understood: \"Bof\"" in tail
    text = (tmp_path / "params" / "x.yaml").read_text()
    checks = [n for n, line in enumerate(text.splitlines(), 1)
              if "check" in line.partition("#")[2] and "lines marked" not in line]
    shown = [int(line.split("line ")[1].split(":")[0]) for line in tail.splitlines()[1:]]
    assert shown == checks  # every line marked check, in order, and nothing else


def test_every_platform_export_gives_a_file_that_validate_accepts(tmp_path):
    # registrations alone, each survey with one registration export, each attendance list
    for i, (name, make) in enumerate({**P.REGISTRATIONS}.items()):
        folder = tmp_path / f"r{i}"
        folder.mkdir()
        path, _ = write_params(make(folder), event_id=f"r{i}", date="2021-12-15",
                               out_dir=folder / "params")
        assert main(["validate", str(path)]) == 0, name
    for i, (name, make) in enumerate({**P.SURVEYS}.items()):
        folder = tmp_path / f"s{i}"
        folder.mkdir()
        path, _ = write_params(P.weezevent(folder), make(folder), event_id=f"s{i}",
                               date="2021-12-15", out_dir=folder / "params")
        assert main(["validate", str(path)]) == 0, name
    for i, make in enumerate([*A.ONLINE.values(), A.sign_in_sheet, A.pretix_checkin]):
        folder = tmp_path / f"a{i}"
        folder.mkdir()
        path, _ = write_params(P.weezevent(folder), event_id=f"a{i}", date="2021-12-15",
                               out_dir=folder / "params", attendance=[make(folder)])
        assert main(["validate", str(path)]) == 0, make.__name__


def test_init_territory_share_leaves_blank_postcodes_out():
    """31 of the 40 usable postcodes are in Auvergne-Rhône-Alpes; 3 blanks are no
    département (they once counted in the denominator: 72 % instead of 78 %)."""
    from types import SimpleNamespace

    import pandas as pd

    from peakreport.data.params_writer import _guess_territory

    codes = ["69001"] * 31 + ["75011"] * 9 + ["", " ", None]
    table = SimpleNamespace(frame=pd.DataFrame({"CP": pd.Series(codes, dtype="string")}))
    mapping = SimpleNamespace(column=lambda f: "CP" if f == "postcode" else None)
    slug, how = _guess_territory(table, mapping)
    assert slug == "auvergne-rhone-alpes"
    assert "78%" in how
