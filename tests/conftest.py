"""Shared helpers: write small exports and params files into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "params" / "forum-peak-2021.yaml"

# The hand-checked forum used by test_metrics and test_cli. Row numbers are the
# spreadsheet rows (header = row 1); each comment says what the row is for.
HAND_REGISTRATIONS = "\r\n".join([
    "Nom;Prénom;Email;Société;Type de structure;Code postal;Statut;Présent;Date d'inscription",
    "Rousseau;Camille;camille@a.fr;Alpha SAS;Entreprise;74000;Validé;Oui;01/10/2021 10:00",   # 2 A
    "Martin;Louis;louis@b.fr;Université X;Université;69001;Validé;;02/10/2021 10:00",          # 3 B
    "Dubois;Emma;emma@c.fr;Région;Collectivité territoriale;75011;Annulé;;03/10/2021 10:00",
    # ^ row 4: C cancelled
    "Dubois;Emma;EMMA@c.fr ;Région;Collectivité territoriale;75011;Validé;Oui;04/10/2021 10:00",
    # ^ row 5: C again, active and checked in
    "Petit;Hugo;hugo@d.fr;Labo Y;Laboratoire de recherche;1250;Annulé;Oui;05/10/2021 10:00",  # 6 D
    "Leroy;Léa;;Beta;PME;;Validé;x;06/10/2021 10:00",                                          # 7 E
    ";;;;;;;;",                                                                                 # 8
    "Total;;;;;;;;5",                                                                           # 9
    "Moreau;Jules;jules@e.fr;Assoc Z;Association;20090;Validé;oui;07/10/2021 10:00",          # 10 F
    "Simon;Zoé;zoe@f.fr;Gamma;Entreprise;38000;Validé;Non;08/10/2021 10:00",                  # 11 G
    " ROUSSEAU ;Camille;Camille@A.fr;Alpha SAS;Entreprise;74000;Validé;;09/10/2021 10:00",    # 12 A
    "",
])

HAND_SURVEY = "\n".join([
    "Horodateur,Adresse e-mail,Globalement êtes-vous satisfait du forum ?,"
    "Recommanderiez-vous le forum à un collègue ? (0-10),"
    "Souhaitez-vous participer à la prochaine phase ?,Commentaires",
    '15/12/2021 18:00:00,camille@a.fr,Très satisfait,10,Oui,"Super, merci"',  # 2
    "16/12/2021 09:00:00,emma@c.fr,3,6,Non,",                                  # 3 latest of emma
    "15/12/2021 19:00:00,emma@c.fr,4,9,Oui,",                                  # 4 superseded
    "15/12/2021 20:00:00,louis@b.fr,Satisfait,8,Peut-être,",                   # 5 a no-show
    "15/12/2021 21:00:00,jules@e.fr,6,9,Oui,",                                 # 6 rejected: 6
    "15/12/2021 22:00:00,,5,,Oui,",                                            # 7 anonymous
    "15/12/2021 22:00:00,,5,,Oui,",                                            # 8 exact dup
    "15/12/2021 23:00:00,x@unknown.fr,2,11,Non,",                              # 9 rejected: 11
    '16/12/2021 08:00:00,jules@e.fr,5,7,Oui,"Contact: jules@e.fr"',            # 10
    "",
])


def write_params(folder: Path, data: dict, name: str = "forum.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def base_params(reg: str = "registrations.csv", survey: str | None = "survey.csv", **extra):
    data = {
        "event": {"id": "forum-test", "title": "Forum test", "date": "2021-12-15"},
        "territory": "auvergne-rhone-alpes",
        "registrations": {"path": reg},
    }
    if survey:
        data["survey"] = {"path": survey}
    data.update(extra)
    return data


@pytest.fixture
def hand_forum(tmp_path: Path) -> Path:
    """The hand-checked forum: cp1252 `;` registrations and a UTF-8 Google Forms survey."""
    (tmp_path / "registrations.csv").write_bytes(HAND_REGISTRATIONS.encode("cp1252"))
    (tmp_path / "survey.csv").write_text(HAND_SURVEY, encoding="utf-8")
    return write_params(
        tmp_path,
        base_params(targets={"attended": 5, "nps": -10, "no_show_rate": 0.5}),
    )


# The sample forum's report, built once per test session (a kernel, nbconvert, Chromium).


@pytest.fixture(scope="session")
def chromium() -> str:
    from peakreport.publish.pdf import find_chromium

    path = find_chromium()
    if path is None:
        pytest.fail("no Chromium found: `make test` installs one (apt-get) when root")
    return path


@pytest.fixture(scope="session")
def report_fr(tmp_path_factory, chromium) -> Path:
    from peakreport.publish.run import run_report

    out = tmp_path_factory.mktemp("fr")
    run_report(SAMPLE, out=out, quiet=True)
    return out / "forum-peak-2021"


@pytest.fixture(scope="session")
def report_en(tmp_path_factory, chromium) -> Path:
    from peakreport.publish.run import run_report

    out = tmp_path_factory.mktemp("en")
    run_report(SAMPLE, out=out, language="en", quiet=True)
    return out / "forum-peak-2021"


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)
