"""params: the SPEC's params file as a typed model; errors name the key and the file."""

from __future__ import annotations

import datetime as dt

import pytest

from peakreport.errors import ParamsError
from peakreport.params import load_params, load_programme_params

from .conftest import ROOT, base_params, write_params


def test_sample_params_load_with_paths_relative_to_the_file():
    p = load_params(ROOT / "params" / "forum-peak-2021.yaml")
    assert p.event.date == dt.date(2021, 12, 15)
    assert p.registrations.path == ROOT / "data/sample/forum-peak-2021/registrations.csv"
    assert p.survey.questions["Les ateliers vous ont-ils été utiles ?"] == "Ateliers"
    assert p.language == "fr" and p.privacy.min_group_size == 5


def test_only_four_keys_are_required(tmp_path):
    p = load_params(write_params(tmp_path, {
        "event": {"id": "f", "title": "T", "date": "2021-01-02"},
        "registrations": {"path": "r.csv"}}))
    assert p.survey is None and p.territory is None and p.targets == {}
    assert p.registrations.preset == "auto" and p.registrations.header_row is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["registrations"].update(colums={}), "unknown key 'registrations.colums'"),
        (lambda d: d.update(extra=1), "unknown key 'extra'"),
        (lambda d: d["event"].pop("title"), "required key 'event.title' is missing"),
        (lambda d: d["event"].update(date="2021-02-30"),
         "event.date: '2021-02-30' is not a valid date"),
        (lambda d: d["event"].update(id="Forum 2021"), "lower-case letters, digits and hyphens"),
        (lambda d: d.update(language="de"), "language"),
        (lambda d: d["registrations"].update(header_rows=3), "registrations.header_rows"),
        (lambda d: d["registrations"].update(columns={"mail": "Email"}), "unknown field 'mail'"),
        (lambda d: d["registrations"].update(values={"community": {"PME": "smb"}}),
         "'smb', which is not one of company"),
        (lambda d: d.update(targets={"attendees": 100}), "unknown target 'attendees'"),
        (lambda d: d.update(territory="auvergne"), "unknown region 'auvergne'"),
        (lambda d: d["registrations"].update(encoding="klingon"), "unknown encoding 'klingon'"),
        (lambda d: d["privacy"].update(min_group_size="five"), "privacy.min_group_size"),
    ],
)
def test_invalid_params_name_the_key_and_file(tmp_path, change, message):
    data = base_params(privacy={"min_group_size": 5})
    change(data)
    path = write_params(tmp_path, data)
    with pytest.raises(ParamsError) as err:
        load_params(path)
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_yaml_syntax_error_gives_line_and_column(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("event:\n  id: x\n  title: [unclosed\nregistrations: {path: r.csv}\n")
    with pytest.raises(ParamsError, match=r"bad.yaml: YAML syntax error at line \d+, column \d+"):
        load_params(path)


@pytest.mark.parametrize(("text", "message"), [("", "params file is empty"),
                                                ("- a\n- b\n", "must be a YAML mapping")])
def test_empty_or_not_a_mapping(tmp_path, text, message):
    path = tmp_path / "p.yaml"
    path.write_text(text)
    with pytest.raises(ParamsError, match=message):
        load_params(path)


def test_missing_params_file(tmp_path):
    with pytest.raises(ParamsError, match="params file not found"):
        load_params(tmp_path / "nope.yaml")


def test_programme_params():
    p = load_programme_params(ROOT / "params" / "peak-3.yaml")
    assert [f.name for f in p.forums] == [f"forum-peak-{y}.yaml" for y in range(2018, 2022)]
    assert p.forums[0].is_absolute()


def test_programme_file_given_to_forum_loader_says_so():
    with pytest.raises(ParamsError, match="peakreport programme"):
        load_params(ROOT / "params" / "peak-3.yaml")


def test_programme_params_refuse_a_forum_only_report_key(tmp_path):
    """A breakdown is each forum's (its registration columns): in the programme params it
    would be silently ignored, so it is an unknown key there; images may be allowed."""
    forums = [str(ROOT / "params" / f"forum-peak-{y}.yaml") for y in range(2018, 2022)]
    base = {"programme": {"id": "p", "title": "P"}, "forums": forums}
    import yaml

    ok = tmp_path / "ok.yaml"
    ok.write_text(yaml.safe_dump({**base, "report": {"allow_images": True}}), encoding="utf-8")
    assert load_programme_params(ok).report.allow_images is True
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({**base, "report": {"breakdown": ["Filière"]}}),
                   encoding="utf-8")
    with pytest.raises(ParamsError, match=r"report\.breakdown"):
        load_programme_params(bad)
