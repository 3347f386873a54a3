"""territory: départements read from postcodes, per the SPEC's rules."""

from __future__ import annotations

import pytest

from peakreport.territory import REGIONS, departement_of, territory_codes


@pytest.mark.parametrize(
    ("postcode", "dep"),
    [("74000", "74"), ("1250", "01"), (1250, "01"), ("1250.0", "01"), ("01 250", "01"),
     ("69 001", "69"), ("20090", "2A"), ("20200", "2B"), ("97400", "974"), ("97100", "971"),
     # Corsica: 200xx/201xx Corse-du-Sud (Ajaccio 20000, Sartène 20100, Porto-Vecchio 20137),
     # 202xx/206xx Haute-Corse (Bastia 20200, Corte 20250, Furiani 20600); else just "Corse"
     ("20000", "2A"), ("20137", "2A"), ("20250", "2B"), ("20600", "2B"), ("20620", "2B"),
     ("20300", "20"), ("20900", "20"),
     ("98800", "988"), ("", None), ("B-1000", None), ("123", None), ("750011", None),
     (None, None)],
)
def test_departement_of(postcode, dep):
    assert departement_of(postcode) == dep


def test_every_region_department_is_known():
    codes = [c for _, deps in REGIONS.values() for c in deps]
    # 101 départements, and "20": Corsica when a postcode does not say which of the two
    assert len(codes) == len(set(codes)) == 102
    assert territory_codes(["74", "73"]) == {"74", "73"}
