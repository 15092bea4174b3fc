"""Country codes shared by the GeoNames build scripts: ISO2 -> ISO3 and ISO3 -> display name,
from shared/data/countries/countries-en.jsonl (mledoze/countries, ODbL)."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
COUNTRIES = os.path.join(HERE, "../../../../../shared/data/countries/countries-en.jsonl")


def load(countries=COUNTRIES):
    """Returns (iso3 by iso2, common name by iso3)."""
    iso3, names = {}, {}
    with open(countries, encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            iso3[c["cca2"]] = c["cca3"]
            names[c["cca3"]] = c["name_common"]
    return iso3, names
