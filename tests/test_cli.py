"""cli: exit codes and one-sentence messages; `metrics` writes JSON on stdout only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from peakreport.cli import main

from .conftest import base_params, write_params


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_metrics_prints_json_on_stdout(hand_forum, capsys):
    code, out, _ = run(capsys, "metrics", str(hand_forum))
    assert code == 0
    data = json.loads(out)
    assert data["registrations"]["attended"] == 4
    assert set(data) >= {"schema_version", "event", "registrations", "audience", "survey",
                         "targets"}


def test_validate_prints_the_data_quality_summary(hand_forum, capsys):
    code, out, _ = run(capsys, "validate", str(hand_forum))
    assert code == 0
    assert "rows read 10, kept 9, rejected 1" in out
    assert "1 × a total or footer line, not a person" in out
    assert "email         ← 'Email'" in out
    assert "community labels counted as 'other': 'Association' (1)" in out
    assert "encoding cp1252" in out and "delimiter semicolon" in out


def _bad(tmp_path, kind):
    """Make one kind of bad input; return (params path, expected message fragment)."""
    reg = tmp_path / "registrations.csv"
    reg.write_text("Email;Nom\na@x.fr;A\n", encoding="utf-8")
    data = base_params(survey=None)
    if kind == "missing file":
        data["registrations"]["path"] = "absent.csv"
        return write_params(tmp_path, data), "absent.csv: registrations file not found"
    if kind == "empty file":
        reg.write_bytes(b"")
        return write_params(tmp_path, data), "registrations.csv: registrations file is empty"
    if kind == "binary garbage":
        reg.write_bytes(bytes(range(256)) * 64)
        return write_params(tmp_path, data), "registrations.csv: is not a CSV or Excel file"
    if kind == "wrong sheet":
        wb = Workbook()
        wb.active.title = "Inscrits"
        wb.active.append(["Email", "Nom"])
        wb.save(tmp_path / "r.xlsx")
        data["registrations"] = {"path": "r.xlsx", "sheet": "Feuil1"}
        return write_params(tmp_path, data), "r.xlsx: sheet 'Feuil1' not found (sheets: Inscrits)"
    if kind == "missing mapped column":
        data["registrations"]["columns"] = {"postcode": "Code postal"}
        return (write_params(tmp_path, data),
                "registrations.csv, row 1, column 'Code postal': column 'Code postal' (set for "
                "postcode in the params) is not in the registrations file")
    if kind == "YAML syntax error":
        p = tmp_path / "forum.yaml"
        p.write_text("event: {id: x, title: 'unclosed\nregistrations:\n  path: r.csv\n")
        return p, "forum.yaml: YAML syntax error at line"
    if kind == "unknown key":
        data["registrations"]["delimeter"] = ";"
        return write_params(tmp_path, data), "forum.yaml: unknown key 'registrations.delimeter'"
    if kind == "unknown preset":
        data["registrations"]["preset"] = "eventbrit"
        return (write_params(tmp_path, data),
                "forum.yaml: registrations.preset: unknown preset 'eventbrit' (known: auto")
    if kind == "preset of the other kind":
        data["registrations"]["preset"] = "google-forms"
        return (write_params(tmp_path, data), "forum.yaml: registrations.preset: "
                "'google-forms' is a survey preset (for registrations: eventbrite-attendees")
    if kind == "impossible date":
        data["event"]["date"] = "2021-13-45"
        return (write_params(tmp_path, data),
                "forum.yaml: event.date: '2021-13-45' is not a valid date")
    raise AssertionError(kind)


BAD = ["missing file", "empty file", "binary garbage", "wrong sheet", "missing mapped column",
       "YAML syntax error", "unknown key", "impossible date", "unknown preset",
       "preset of the other kind"]


@pytest.mark.parametrize("kind", BAD)
@pytest.mark.parametrize("command", ["metrics", "validate"])
def test_bad_input_exits_2_with_one_clear_message(tmp_path, capsys, kind, command):
    params, expected = _bad(tmp_path, kind)
    code, out, err = run(capsys, command, str(params))
    assert code == 2
    assert out == ""
    assert expected in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_module_entry_point_has_no_traceback(tmp_path):
    params, expected = _bad(tmp_path, "binary garbage")
    proc = subprocess.run([sys.executable, "-m", "peakreport", "metrics", str(params)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert expected in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_module_entry_point_writes_all_output_before_its_quick_exit():
    """`entry` ends the process with os._exit: buffered output must be flushed first,
    also when it goes to a pipe."""
    sample = Path(__file__).resolve().parents[1] / "params" / "forum-peak-2021.yaml"
    proc = subprocess.run([sys.executable, "-m", "peakreport", "metrics", str(sample)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and proc.stderr == ""
    assert json.loads(proc.stdout)["event"]["id"] == "forum-peak-2021"


def test_help_lists_commands(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert "validate" in out and "metrics" in out and "exit codes" in out
