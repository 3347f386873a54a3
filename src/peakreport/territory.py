"""French regions, départements, and reading a département from a postcode.

Why a table here and not a package: the list is small, stable since the 2016
regional reform, and every report run needs it without a network.
"""

from __future__ import annotations

import re

DEPARTEMENTS: dict[str, str] = {
    "01": "Ain",
    "02": "Aisne",
    "03": "Allier",
    "04": "Alpes-de-Haute-Provence",
    "05": "Hautes-Alpes",
    "06": "Alpes-Maritimes",
    "07": "Ardèche",
    "08": "Ardennes",
    "09": "Ariège",
    "10": "Aube",
    "11": "Aude",
    "12": "Aveyron",
    "13": "Bouches-du-Rhône",
    "14": "Calvados",
    "15": "Cantal",
    "16": "Charente",
    "17": "Charente-Maritime",
    "18": "Cher",
    "19": "Corrèze",
    "20": "Corse",  # a 20xxx postcode that does not tell Corse-du-Sud from Haute-Corse
    "2A": "Corse-du-Sud",
    "2B": "Haute-Corse",
    "21": "Côte-d'Or",
    "22": "Côtes-d'Armor",
    "23": "Creuse",
    "24": "Dordogne",
    "25": "Doubs",
    "26": "Drôme",
    "27": "Eure",
    "28": "Eure-et-Loir",
    "29": "Finistère",
    "30": "Gard",
    "31": "Haute-Garonne",
    "32": "Gers",
    "33": "Gironde",
    "34": "Hérault",
    "35": "Ille-et-Vilaine",
    "36": "Indre",
    "37": "Indre-et-Loire",
    "38": "Isère",
    "39": "Jura",
    "40": "Landes",
    "41": "Loir-et-Cher",
    "42": "Loire",
    "43": "Haute-Loire",
    "44": "Loire-Atlantique",
    "45": "Loiret",
    "46": "Lot",
    "47": "Lot-et-Garonne",
    "48": "Lozère",
    "49": "Maine-et-Loire",
    "50": "Manche",
    "51": "Marne",
    "52": "Haute-Marne",
    "53": "Mayenne",
    "54": "Meurthe-et-Moselle",
    "55": "Meuse",
    "56": "Morbihan",
    "57": "Moselle",
    "58": "Nièvre",
    "59": "Nord",
    "60": "Oise",
    "61": "Orne",
    "62": "Pas-de-Calais",
    "63": "Puy-de-Dôme",
    "64": "Pyrénées-Atlantiques",
    "65": "Hautes-Pyrénées",
    "66": "Pyrénées-Orientales",
    "67": "Bas-Rhin",
    "68": "Haut-Rhin",
    "69": "Rhône",
    "70": "Haute-Saône",
    "71": "Saône-et-Loire",
    "72": "Sarthe",
    "73": "Savoie",
    "74": "Haute-Savoie",
    "75": "Paris",
    "76": "Seine-Maritime",
    "77": "Seine-et-Marne",
    "78": "Yvelines",
    "79": "Deux-Sèvres",
    "80": "Somme",
    "81": "Tarn",
    "82": "Tarn-et-Garonne",
    "83": "Var",
    "84": "Vaucluse",
    "85": "Vendée",
    "86": "Vienne",
    "87": "Haute-Vienne",
    "88": "Vosges",
    "89": "Yonne",
    "90": "Territoire de Belfort",
    "91": "Essonne",
    "92": "Hauts-de-Seine",
    "93": "Seine-Saint-Denis",
    "94": "Val-de-Marne",
    "95": "Val-d'Oise",
    "971": "Guadeloupe",
    "972": "Martinique",
    "973": "Guyane",
    "974": "La Réunion",
    "975": "Saint-Pierre-et-Miquelon",
    "976": "Mayotte",
    "977": "Saint-Barthélemy",
    "978": "Saint-Martin",
    "986": "Wallis-et-Futuna",
    "987": "Polynésie française",
    "988": "Nouvelle-Calédonie",
}

REGIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "auvergne-rhone-alpes": (
        "Auvergne-Rhône-Alpes",
        ("01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"),
    ),
    "bourgogne-franche-comte": (
        "Bourgogne-Franche-Comté",
        ("21", "25", "39", "58", "70", "71", "89", "90"),
    ),
    "bretagne": ("Bretagne", ("22", "29", "35", "56")),
    "centre-val-de-loire": ("Centre-Val de Loire", ("18", "28", "36", "37", "41", "45")),
    "corse": ("Corse", ("2A", "2B", "20")),
    "grand-est": ("Grand Est", ("08", "10", "51", "52", "54", "55", "57", "67", "68", "88")),
    "hauts-de-france": ("Hauts-de-France", ("02", "59", "60", "62", "80")),
    "ile-de-france": ("Île-de-France", ("75", "77", "78", "91", "92", "93", "94", "95")),
    "normandie": ("Normandie", ("14", "27", "50", "61", "76")),
    "nouvelle-aquitaine": (
        "Nouvelle-Aquitaine",
        ("16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"),
    ),
    "occitanie": (
        "Occitanie",
        ("09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"),
    ),
    "pays-de-la-loire": ("Pays de la Loire", ("44", "49", "53", "72", "85")),
    "provence-alpes-cote-d-azur": (
        "Provence-Alpes-Côte d'Azur",
        ("04", "05", "06", "13", "83", "84"),
    ),
    "guadeloupe": ("Guadeloupe", ("971",)),
    "martinique": ("Martinique", ("972",)),
    "guyane": ("Guyane", ("973",)),
    "la-reunion": ("La Réunion", ("974",)),
    "mayotte": ("Mayotte", ("976",)),
}

_FLOAT_ZERO = re.compile(r"\.0+$")


def departement_of(postcode: object) -> str | None:
    """Return the département code of a French postcode, or None when unusable.

    Spaces are removed and a 4-digit number is left-padded (Excel stores 01250
    as 1250). 20xxx is Corsica: 200xx and 201xx are Corse-du-Sud (2A), 202xx and 206xx
    Haute-Corse (2B), as La Poste numbers them; any other 20xxx is "20", Corsica without
    its département. 97x/98x are overseas.
    """
    if postcode is None:
        return None
    text = str(postcode).strip().replace(" ", "").replace("\u00a0", "")
    text = _FLOAT_ZERO.sub("", text)  # 1250.0 from a numeric spreadsheet cell
    if not text.isdigit() or len(text) not in (4, 5):
        return None
    text = text.zfill(5)
    if text.startswith("20"):
        return {"0": "2A", "1": "2A", "2": "2B", "6": "2B"}.get(text[2], "20")
    if text[:2] in ("97", "98"):
        code = text[:3]
        return code if code in DEPARTEMENTS else None
    code = text[:2]
    return code if code in DEPARTEMENTS else None


def territory_codes(territory: str | list[str] | None) -> frozenset[str] | None:
    """Département codes of a territory: a region slug or a list of codes."""
    if territory is None:
        return None
    if isinstance(territory, str):
        return frozenset(REGIONS[territory][1])
    return frozenset(territory)


def territory_label(territory: str | list[str] | None) -> str | None:
    """A human name for the territory, for the report."""
    if territory is None:
        return None
    if isinstance(territory, str):
        return REGIONS[territory][0]
    return ", ".join(f"{DEPARTEMENTS.get(c, c)} ({c})" for c in territory)
