"""presets + init: every platform's export gives the hand-checked numbers, with no edits.

The exports and the numbers worked out by hand are in tests/platforms.py.
"""

from __future__ import annotations

import pytest

from peakreport.cli import main
from peakreport.data.params_writer import write_params
from peakreport.measure.analysis import analyse
from peakreport.read.presets import detect

from . import attendance_lists as A
from . import platforms as P

PAIRS = [  # every registration platform and every survey platform at least once
    ("eventbrite-attendees", "google-forms"),
    ("eventbrite-attendees-fr", "google-forms-fr"),
    ("weezevent", "surveymonkey"),
    ("helloasso", "surveymonkey-xlsx"),
    ("generic", "limesurvey"),
    ("weezevent", "microsoft-forms"),
    ("eventbrite-attendees", "microsoft-forms-fr"),
    ("generic", "typeform"),
    # real variants: UK account, the buyer-column layout, full LimeSurvey headings with an
    # unfinished response, Typeform's Response Type with a partial one, month-first
    # Google Forms whose days are all 1–12
    ("eventbrite-attendees-uk", "limesurvey-full"),
    ("eventbrite-attendees-2023", "typeform-2023"),
    ("weezevent", "google-forms-early-days"),
    # issue 17: platforms of universities and associations (three header rows, platform
    # markers of unfinished, test and repeated responses, rating words with intensifiers
    # and inclusive writing, a derived NPS group column, cancellation words)
    ("weezevent", "qualtrics"),
    ("indico", "kobotoolbox"),
    ("generic", "tally"),
    ("eventbrite-attendees-fr", "webform-7"),
    # registrations without a check-in column: presence from an on-site attendance list
    ("pretix-positions", "google-forms-fr"),
    ("billetweb", "typeform"),
]
# the on-site list that says who came, for registrations that cannot
ONSITE = {"pretix-positions": A.pretix_checkin, "billetweb": A.sign_in_sheet}
PRESET_OF = {"surveymonkey-xlsx": "surveymonkey", "google-forms-early-days": "google-forms",
             "typeform-2023": "typeform"}


def _init(tmp_path, reg, survey):
    exports = tmp_path / "exports"
    exports.mkdir(parents=True)
    r = P.REGISTRATIONS[reg](exports)
    s = P.SURVEYS[survey](exports)
    lists = [ONSITE[reg](exports)] if reg in ONSITE else []
    path, warnings = write_params(r, s, event_id="forum-x", date="2021-12-15",
                                  out_dir=tmp_path / "params", attendance=lists)
    return path, warnings


@pytest.mark.parametrize(("reg", "survey"), PAIRS, ids=[f"{a}+{b}" for a, b in PAIRS])
def test_init_then_metrics_gives_the_hand_numbers(tmp_path, reg, survey):
    path, _ = _init(tmp_path, reg, survey)
    a = analyse(path)
    m = a.metrics.data
    for key, value in P.EXPECTED["registrations"].items():
        assert m["registrations"][key] == value, key
    assert m["registrations"]["attendance_rate"] == pytest.approx(P.EXPECTED["attendance_rate"])
    assert m["audience"]["by_community"] == P.EXPECTED["by_community"]
    assert m["audience"]["regional_share"] == pytest.approx(P.EXPECTED["regional_share"])
    for key, value in P.EXPECTED["survey"].items():
        assert m["survey"][key] == pytest.approx(value), key
    expected_reg = None if reg == "generic" else reg
    assert (a.registrations.mapping.preset.name if a.registrations.mapping.preset else None
            ) == expected_reg
    assert a.survey.mapping.preset.name == PRESET_OF.get(survey, survey)


def test_helloasso_payer_email_is_never_the_participants(tmp_path):
    path, _ = _init(tmp_path, "helloasso", "google-forms")
    a = analyse(path)
    assert a.registrations.mapping.column("email") == "Email participant"
    assert "Email payeur" in a.registrations.mapping.unmatched


def test_generated_params_file_explains_itself(tmp_path):
    path, _ = _init(tmp_path, "weezevent", "limesurvey")
    text = path.read_text(encoding="utf-8")
    assert "preset: weezevent   # Weezevent participant export: recognised by its headers" in text
    assert "preset: limesurvey" in text
    assert 'checked_in: "Contrôlé"   # preset weezevent, 100%' in text
    assert '"Entreprise": company   # keyword' in text
    assert "# columns not used:" in text
    assert 'path: "../exports/weezevent.csv"' in text
    assert "encoding: cp1252" in text and 'delimiter: ";"' in text


def test_init_never_overwrites_without_force(tmp_path, capsys):
    path, _ = _init(tmp_path, "weezevent", "google-forms")
    before = path.read_text()
    args = ["init", "--registrations", str(tmp_path / "exports" / "weezevent.csv"),
            "--id", "forum-x", "--out", str(tmp_path / "params")]
    assert main(args) == 2
    assert "already exists; add --force to replace it" in capsys.readouterr().err
    assert path.read_text() == before
    assert main([*args, "--force", "--title", "Forum X"]) == 0
    assert 'title: "Forum X"' in path.read_text()


def test_init_guesses_the_date_and_says_so(tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    r = P.weezevent(exports)
    s = P.google_forms_fr(exports)
    path, _ = write_params(r, s, event_id="forum-y", out_dir=tmp_path / "params")
    assert "date: 2021-12-15   # the day of the first survey answer: check" in path.read_text()


def test_ambiguous_files_give_a_clear_warning(tmp_path):
    (tmp_path / "r.csv").write_text("Email;Nom;Présent\na@x.fr;A;oui\n", encoding="utf-8")
    (tmp_path / "s.csv").write_text(
        "Q1,Q2,Q3\n5,4,9\n4,3,10\n3,5,7\n5,5,8\n", encoding="utf-8")
    path, warnings = write_params(tmp_path / "r.csv", tmp_path / "s.csv", event_id="amb",
                                  date="2021-12-15", out_dir=tmp_path / "params")
    assert any("no satisfaction question found" in w for w in warnings)
    assert "nps: \"Q3\"   # answers 0–10, 60%: unsure, check" in path.read_text()


@pytest.mark.parametrize("name", list(P.REGISTRATIONS))
def test_registration_presets_are_recognised(tmp_path, name):
    from peakreport.params import RegistrationsParams
    from peakreport.read.load import read_table

    path = P.REGISTRATIONS[name](tmp_path)
    table = read_table(RegistrationsParams(path=path), "registrations")
    found = detect(table.headers, "registrations")
    assert (found.name if found else "generic") == name


RUN_PAIRS = [*PAIRS[:11], ("pretix-positions", "google-forms-fr"), ("weezevent", "qualtrics")]


@pytest.mark.parametrize(("reg", "survey"), RUN_PAIRS, ids=[f"{a}+{b}" for a, b in RUN_PAIRS])
def test_init_then_run_builds_the_report(tmp_path, reg, survey):
    from peakreport.publish.run import run_report

    path, _ = _init(tmp_path, reg, survey)
    run_report(path, out=tmp_path / "out", to="html", quiet=True)
    html = (tmp_path / "out" / "forum-x" / "report.html").read_text(encoding="utf-8")
    assert 'id="satisfaction"' in html and 'id="audience"' in html


def test_helloasso_membership_one_payer_for_three_people(tmp_path):
    # Paul pays for Marc and for Anne's second row; no member e-mail, no check-in column
    exports = tmp_path / "exports"
    exports.mkdir()
    path, _ = write_params(P.helloasso_adhesion(exports), None, event_id="forum-x",
                           date="2021-12-15", out_dir=tmp_path / "params")
    a = analyse(path)
    assert a.registrations.mapping.preset.name == "helloasso-adhesion"
    assert a.registrations.mapping.column("email") is None
    reg = a.metrics.data["registrations"]
    # people by name + organisation: Anne (twice, ROUX/Roux), Paul, Marc (refunded), Lise
    assert (reg["registered"], reg["cancelled"], reg["duplicate_rows"]) == (3, 1, 1)
    assert reg["attended"] is None  # unknown, not 0
    assert a.metrics.reasons["registrations.attended"] == "no_checkin_column"


def test_init_writes_the_language_of_the_exports(tmp_path):
    path, _ = _init(tmp_path, "eventbrite-attendees", "surveymonkey")
    assert "language: en   # fr or en: the exports' headers are in English" in path.read_text()
    path, _ = _init(tmp_path / "fr", "weezevent", "google-forms-fr")
    assert "language: fr   # fr or en: the exports' headers are in French" in path.read_text()


def _init_sheet(tmp_path, first: str, second: str):
    """init on a two-person hand-kept sheet registered on `first` and `second`."""
    (tmp_path / "r.csv").write_text("Email;Présent;Date d'inscription\n"
                                    f"a@x.fr;oui;{first}\nb@x.fr;;{second}\n",
                                    encoding="utf-8")
    path, _ = write_params(tmp_path / "r.csv", event_id="sheet", date="2021-12-15",
                           out_dir=tmp_path / "params")
    return path


def test_init_says_ambiguous_dates_and_writes_a_format_to_check(tmp_path):
    # a hand-kept sheet with no platform to tell the order, and no day past the 12th
    path = _init_sheet(tmp_path, "03/04/2021", "05/06/2021")
    text = path.read_text()
    assert 'date_format: "%d/%m/%Y"   # check: no day past the 12th' in text
    assert analyse(path).registrations.date_orders["registered_at"] == ("%d/%m/%Y", "params")


def test_init_never_writes_a_mixed_date_format(tmp_path):
    # dates in two shapes: no single format to confirm, so none is written
    path = _init_sheet(tmp_path, "03/12/2021 09:15", "04/12/2021")
    text = path.read_text()
    assert "date_format:" not in text and "# check the dates" in text
    dates = analyse(path).registrations.frame["registered_at"]
    assert list(dates.dt.month) == [12, 12]  # 3 and 4 December, day-first


@pytest.mark.parametrize(("survey", "codes"), [
    # Qualtrics: three header rows, so answers start on row 4; Marc stopped half-way
    # (Finished = False, row 8), a Survey Preview was left in (row 9)
    ("qualtrics", {8: "unfinished", 9: "test_response"}),
    # KoboToolbox: Lise's submission arrived twice with one _uuid (rows 4 and 6)
    ("kobotoolbox", {6: "duplicate_submission"}),
    # Framaforms (Webform 7): three header rows; Marc's draft (Draft = 1) on row 8
    ("webform-7", {8: "unfinished"}),
], ids=["qualtrics", "kobotoolbox", "webform-7"])
def test_platform_markers_set_responses_aside_with_their_reason(tmp_path, survey, codes):
    path, _ = _init(tmp_path, "weezevent", survey)
    rej = analyse(path).survey.rejected
    assert dict(zip(rej["source_row"], rej["code"], strict=True)) == codes


def test_qualtrics_nps_group_column_is_never_the_nps(tmp_path):
    # Q2_NPS_GROUP ("… - Group", Promoter/Passive/Detractor) stands before the 0–10 score
    path, _ = _init(tmp_path, "weezevent", "qualtrics")
    a = analyse(path)
    assert a.survey.mapping.column("nps") == (
        "How likely are you to recommend the forum to a colleague?")
    assert a.survey.table.ids["How likely are you to recommend the forum to a colleague?"] == "Q2"
    assert "group" not in path.read_text().split("nps:")[1].split("\n")[0].lower()
