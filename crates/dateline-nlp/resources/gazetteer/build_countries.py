#!/usr/bin/env python3
"""Build countries.tsv: one row per country or territory, with the English names, aliases,
demonyms and capitals that news text uses for it.

Usage (from anywhere):
    python3 build_countries.py [--src DIR] [--out FILE]

DIR defaults to ../../../../../shared/data/countries relative to this script (the shared data
folder beside the repository; it holds countries-en.jsonl and ngec-countries.csv). FILE defaults
to countries.tsv beside this script. Only the Python 3 standard library is used. The output is
deterministic: the same inputs give the same bytes.

Sources:
  * countries-en.jsonl: English extract of mledoze/countries (ODbL 1.0). countries.tsv is a
    derived database and stays under the ODbL 1.0.
  * ngec-countries.csv: NGEC country list (Andy Halterman, MIT as declared): plural demonyms
    and a few aliases.
  * the CURATED tables below: news-usage names, aliases, demonyms and drops written for
    Dateline (CC0 1.0). They are listed in the header of countries.tsv.
"""
import argparse
import csv
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SRC = os.path.normpath(os.path.join(HERE, '..', '..', '..', '..', '..', 'shared', 'data', 'countries'))

# ---------------------------------------------------------------------------------------------
# CURATED for Dateline (CC0 1.0). Every entry is a decision about English news usage.
# ---------------------------------------------------------------------------------------------

# Canonical display name when upstream's name_common is not the usual English news form.
NAME_OVERRIDE = {
    'GBR': 'Britain',                           # Reuters/AP/VOA style; "United Kingdom" is an alias
    'COD': 'Democratic Republic of the Congo',  # upstream "DR Congo" (kept as alias)
    'COG': 'Republic of the Congo',             # upstream "Congo": bare "Congo" is ambiguous
    'TUR': 'Turkey',                            # upstream "Türkiye" (kept as alias)
    'CZE': 'Czech Republic',                    # upstream "Czechia" (kept as alias)
}

# Aliases added because English news uses them (upstream lacks them).
ADD_ALIASES = {
    'USA': ['United States', 'United States of America', 'U.S.', 'U.S.A.', 'US', 'USA', 'America'],
    'GBR': ['United Kingdom', 'UK', 'U.K.', 'Great Britain'],
    'PRK': ['DPRK', 'D.P.R.K.', "Democratic People's Republic of Korea", 'N. Korea'],
    'KOR': ['ROK', 'Republic of Korea', 'S. Korea'],
    'RUS': ['Russian Federation'],
    'COD': ['DR Congo', 'D.R. Congo', 'DRC', 'Democratic Republic of Congo', 'Congo-Kinshasa', 'Zaire'],
    'COG': ['Republic of Congo', 'Congo-Brazzaville'],
    'CIV': ["Cote d'Ivoire", "Côte d'Ivoire"],
    'MMR': ['Burma'],
    'CZE': ['Czechia'],
    'TUR': ['Türkiye', 'Turkiye', 'Republic of Türkiye', 'Republic of Turkey'],
    'ARE': ['UAE', 'U.A.E.'],
    'SAU': ['KSA'],
    'BIH': ['Bosnia', 'Bosnia-Herzegovina'],
    'GMB': ['The Gambia', 'the Gambia'],
    'BHS': ['The Bahamas', 'the Bahamas'],
    'NLD': ['The Netherlands', 'the Netherlands'],
    'PHL': ['The Philippines', 'the Philippines'],
    'VAT': ['Vatican', 'Holy See', 'the Holy See'],
    'PSE': ['State of Palestine', 'Palestinian territories', 'Palestinian Territories',
            'occupied Palestinian territories', 'Occupied Palestinian Territories'],
    'TWN': ['Republic of China', 'Chinese Taipei'],
    'HKG': ['Hong Kong SAR'],
    'MAC': ['Macao', 'Macau SAR', 'Macao SAR'],
    'IND': ['Bharat'],
    'MKD': ['Macedonia', 'Former Yugoslav Republic of Macedonia', 'FYROM'],
    'SWZ': ['Swaziland'],
    'TLS': ['East Timor'],
    'CPV': ['Cabo Verde'],
    'KNA': ['St. Kitts and Nevis', 'St Kitts and Nevis', 'St. Kitts'],
    'LCA': ['St. Lucia', 'St Lucia'],
    'VCT': ['St. Vincent and the Grenadines', 'St Vincent and the Grenadines', 'St. Vincent'],
    'STP': ['Sao Tome'],
    'FLK': ['Falklands', 'Malvinas'],
    'FRO': ['Faroes'],
    'SJM': ['Svalbard'],
    'SHN': ['Saint Helena', 'St. Helena'],
    'VIR': ['U.S. Virgin Islands', 'US Virgin Islands'],
    'UNK': ['Republic of Kosovo'],
    'VNM': ['Viet Nam'],
    'MDA': ['Republic of Moldova'],
    'LAO': ["Lao People's Democratic Republic", 'Lao PDR'],
    'BRN': ['Brunei Darussalam'],
}

# Demonyms added (plural/people forms and the spellings news uses) beyond upstream + NGEC.
ADD_DEMONYMS = {
    'GBR': ['British', 'Briton', 'Britons', 'Brits'],
    'PRK': ['North Korean', 'North Koreans', 'N. Korean'],
    'KOR': ['South Korean', 'South Koreans', 'S. Korean'],
    'USA': ['American', 'Americans'],
    'PSE': ['Palestinian', 'Palestinians'],
    'ISR': ['Israeli', 'Israelis'],
    'UKR': ['Ukrainian', 'Ukrainians'],
    'CPV': ['Cape Verdean', 'Cape Verdeans'],
    'ECU': ['Ecuadorian', 'Ecuadorians'],
    'TJK': ['Tajik', 'Tajiks'],
    'KGZ': ['Kyrgyz', 'Kyrgyzstani', 'Kyrgyzstanis'],
    'UZB': ['Uzbek', 'Uzbeks'],
    'KAZ': ['Kazakh', 'Kazakhs'],
    'MDV': ['Maldivian', 'Maldivians'],
    'NER': ['Nigerien', 'Nigeriens'],
    'COM': ['Comorian', 'Comorians'],
    'SUR': ['Surinamese'],
    'GNB': ['Bissau-Guinean', 'Bissau-Guineans'],
    'PHL': ['Philippine'],
    'LAO': ['Lao'],
    'THA': ['Thai', 'Thais'],
    'TGO': ['Togolese'],
    'SAU': ['Saudi', 'Saudis', 'Saudi Arabian', 'Saudi Arabians'],
    'NPL': ['Nepali', 'Nepalis'],
    'ISL': ['Icelandic'],
    'LSO': ['Basotho'],
    'BWA': ['Batswana', 'Botswanan'],
    'BFA': ['Burkinabe'],
    'ARG': ['Argentinian', 'Argentinians'],
    'BLR': ['Belarussian', 'Belarusians'],
    'HKG': ['Hong Konger', 'Hong Kongers', 'Hongkonger', 'Hongkongers'],
    'TLS': ['Timorese'],
    'FRA': ['Frenchman', 'Frenchmen', 'Frenchwoman'],
    'NLD': ['Dutchman', 'Dutchmen'],
    'UNK': ['Kosovar', 'Kosovars', 'Kosovan', 'Kosovans'],
    'DJI': ['Djiboutian', 'Djiboutians'],
    'KEN': ['Kenyans'],
    'BHS': ['Bahamians'],
    'TON': ['Tongans'],
    'GRL': ['Greenlander', 'Greenlanders'],
    'FRO': ['Faroese'],
    'MNE': ['Montenegrins'],
    'FLK': ['Falklander', 'Falklanders'],
    'GIB': ['Gibraltarian', 'Gibraltarians'],
    'CYM': ['Cayman Islander', 'Cayman Islanders'],
}

# Surface forms dropped, whatever their source: foreign-language forms, archaic forms, forms
# that collide with common words or names, and territory/sub-national folding.
DROP = {
    '*': {  # dropped from every row
        'Dominicanos', 'Kiwi', 'Kiwis', 'Afghani', 'English', 'England', 'Scottish', 'Welsh',
        'Scotland', 'Wales', 'Bosniak', 'Bosniaks', 'Malawis', 'Hong Kongese', 'Mosothos',
        'Nigeran', 'Nigerans', 'Holland', 'Island', 'Emirates', 'RSA', 'Timor',
        'Rumania', 'Roumania', 'the Abode of Peace',
        'The Islands of Bermuda', 'The Bermudas', 'Somers Isles', 'Pleasant Island',
        'BES islands', 'Guiana', 'Virgin Islands', 'Svalbard og Jan Mayen', 'Aotearoa',
        'Pitcairn Henderson Ducie and Oeno Islands', 'Islas Malvinas', 'Djibouti',
        'Gibraltar', 'Vatican City', 'Turkmeni', 'Turkmenis', 'Congo', 'Myanmar',
        'Western Sahara', 'Sahrawi',  # NGEC folds these into MAR; ESH has its own row
        'Cape Verdian',               # upstream misspelling of "Cape Verdean"
    },
    # Upstream alternative spellings that are demonyms, not names (kept as demonyms only).
    'alias_only': {'Lao', 'Saudi', 'Thai', 'Togolese'},
    # Upstream native-language ASCII spellings (foreign forms, not English news usage).
    'native': {
        'Aaland', 'Aland', 'Ahvenanmaa', "Principat d'Andorra", 'Osterreich', 'Oesterreich',
        'Belgie', 'Belgien', 'Belgique', 'Brasil', "Republika y'Uburundi", 'Buliwya', 'Wuliwya',
        'Buliwya Mamallaqta', 'Wuliwya Suyu', 'Lefatshe la Botswana', 'Schweiz', 'Suisse',
        'Svizzera', 'Svizra', 'Zhongguo', 'Zhonghua', 'Jabuuti', 'Gabuuti', 'Gabuutih Ummuuno',
        'Jamhuuriyadda Jabuuti', 'Dominique', 'Danmark', 'Kongeriget Danmark', 'Dzayer', 'Eesti',
        'Eesti Vabariik', 'Suomi', 'Suomen tasavalta', 'Republiken Finland', 'Viti',
        'Matanitu ko Viti', 'Sakartvelo', 'Bailliage de Guernesey', 'Bailliage de Jersey',
        'Gwadloup', 'Guyane', 'Hrvatska', 'Republika Hrvatska', 'Repiblik Ayiti',
        'Republik Indonesia', 'Ellan Vannin', 'Mann', 'Mannin', 'Bharat Ganrajya', 'Nippon',
        'Nihon', 'Qazaqstan', 'Respublika Kazakhstan', 'Jamhuri ya Kenya', 'Ribaberiki Kiribati',
        'Kyrgyz Respublikasy', 'Dawlat al-Kuwait', 'Sathalanalat Paxathipatai Paxaxon Lao',
        'Dawlat Libya', 'Muso oa Lesotho', 'Lietuvos Respublika', 'Latvijas Republika',
        'Republica Moldova', 'Dhivehi Raajjeyge Jumhooriyya', 'Mexicanos',
        'Estados Unidos Mexicanos', 'Crna Gora', 'Nijar', 'Nijeriya', 'Nederland', 'Norge',
        'Noreg', 'Kongeriket Norge', 'Kongeriket Noreg', 'Naoero', 'Ripublik Naoero',
        'Independen Stet bilong Papua Niugini', 'Rzeczpospolita Polska',
        'Estado Libre Asociado de Puerto Rico', 'Portuguesa', "Repubulika y'u Rwanda",
        'Singapura', 'Republik Singapura', 'Repubblica di San Marino', 'Srbija',
        'Republika Srbija', 'Sarnam', 'Sranangron', 'Republiek Suriname', 'Republika Slovenija',
        'Konungariket Sverige', 'weSwatini', 'Swatini', 'Ngwane', 'Umbuso weSwatini',
        'Repiblik Sesel', 'Tchad', 'Prathet', 'Ratcha Anachak Thai', 'Timor Lorosae',
        'Jamhuri ya Muungano wa Tanzania', 'Jamhuri ya Uganda', 'Ukrayina', 'Suid-Afrika',
        'Ripablik blong Vanuatu', 'Pais Korsou', 'Land Curacao', 'Shqipnia', 'Hayastan',
        'Royaume de Belgique', 'Estado Plurinacional de Bolivia', 'Union des Comores',
        'Udzima wa Komori', 'Bundesrepublik Deutschland', 'Repubblica italiana',
        "Repoblikan'i Madagasikara", "Repubblika ta' Malta", "Teratri of Norf'k Ailen",
        'Beluu er a Belau', 'Jamhuuriyadda Federaalka Soomaaliya',
    },
}

# kind = country for the independent entries plus these de facto state actors.
KIND_COUNTRY = {'UNK', 'PSE', 'TWN'}

# NGEC "Nationality" tokens that are names/aliases, not demonyms.
NGEC_ALIASES = {
    'Islamic Republic of Afghanistan', 'Cabo Verde', 'Cape Verde', "People's Republic of China",
    'Republic of the Congo', 'Congo-Brazzaville', "Cote d'Ivoire", 'Ivory Coast', "Côte d'Ivoire",
    'Czech Republic', 'DRC', 'DR Congo', 'Zaire', 'Hong Kong', 'Islamic Republic of Iran',
    "Lao People's Democratic Republic", 'Macedonia', 'FYROM', 'Myanmar', 'DPRK', 'Palestine',
    'São Tomé and Príncipe', 'Saudi Arabia', 'Swaziland', 'Syrian Arab Republic',
    'Republic of China', 'United Republic of Tanzania', 'East Timor', 'UK', 'U.K.',
    'United Kingdom of Great Britain and Northern Ireland', 'Britain', 'Great Britain', 'US',
    'U.S.', 'United States', 'Vatican City', 'England', 'Scotland', 'Wales', 'Western Sahara',
}
# NGEC tokens that fold a territory (or its people) into the sovereign's row; the territory
# has its own row here. (Tokens equal to another row's upstream name or demonym are skipped
# automatically; these are the ones that differ in form.)
NGEC_SKIP = {
    'Cocos [Keeling] Islands', 'Heard Island and McDonald Island', 'Faroe Islander',
    'Faroe Islanders', 'Greenlander', 'Greenlanders', 'Åland Islander', 'Åland Islanders',
    'Cayman Islander', 'Cayman Islanders', 'Falklander', 'Falklanders', 'Gibraltarian',
    'Gibraltarians', 'British Virgin Island', 'Bonaire', 'Sint Eustatius and Saba',
    'Bouvet Islanders', 'Svalbard', 'Virgin Islands (U.S.)', 'U.S. Virgin Islands',
    'US Virgin Islands', 'Kittian and Nevisian',
}
NGEC_CODE_MAP = {'XKX': 'UNK'}   # NGEC codes Kosovo XKX; mledoze uses UNK (CAMEO: KSV)

# Plural auto-generation for singular demonyms with these endings (when no plural is given).
PLURAL_ENDINGS = ('an', 'er', 'ot', 'i')
NO_PLURAL = {'I-Kiribati', 'Ni-Vanuatu', 'Burkinabe', 'Burkinabè', 'Malagasy', 'Motswana',
             'Mosotho'}

# Capital spellings not emitted: the ASCII fold of Malé is the English word "male".
CAPITAL_DROP = {'Male'}

# Capitals: seats of government and common English spellings added to upstream's list.
ADD_CAPITALS = {
    'USA': ['Washington', 'Washington, D.C.'],
    'UKR': ['Kiev'],
    'MNG': ['Ulaanbaatar'],
    'MMR': ['Naypyitaw', 'Nay Pyi Taw'],
    'YEM': ['Sanaa'],
    'TCD': ['Ndjamena'],
    'SWZ': ['Mbabane'],            # executive capital (Lobamba: royal and legislative)
    'BOL': ['La Paz'],             # seat of government (Sucre: constitutional capital)
    'BEN': ['Cotonou'],            # seat of government (Porto-Novo: official capital)
    'MYS': ['Putrajaya'],          # administrative capital
    'LKA': ['Sri Jayawardenepura Kotte'],
    'CHE': ['Berne'],
    'BDI': ['Bujumbura'],          # capital until 2019, still the seat of most of government
    'KAZ': ['Nur-Sultan'],         # name of Astana 2019-2022
    'ESH': ['Laayoune'],
}


# ---------------------------------------------------------------------------------------------

def norm_apos(s):
    return s.replace('\u2019', "'").replace('\u2018', "'").replace('\u02bc', "'").strip()


def fold(s):
    """ASCII fold of a Latin-script string ("Türkiye" -> "Turkiye"); None if not Latin."""
    d = unicodedata.normalize('NFKD', s)
    out = ''.join(ch for ch in d if not unicodedata.combining(ch))
    out = out.replace('ø', 'o').replace('Ø', 'O').replace('æ', 'ae').replace('ß', 'ss')
    out = out.replace('ı', 'i').replace('ł', 'l').replace('đ', 'd')
    return out if out.isascii() else None


def latin_only(s):
    """True if every letter is Latin script (ASCII or accented Latin)."""
    for ch in s:
        if ch.isalpha() and not ch.isascii():
            if 'LATIN' not in unicodedata.name(ch, ''):
                return False
    return True


def is_two_letter_code(s):
    return re.fullmatch(r'[A-Z]{2}', s) is not None


def add_unique(lst, items):
    for it in items:
        if it and it not in lst:
            lst.append(it)


def with_folds(items):
    out = []
    for it in items:
        add_unique(out, [it])
        if not it.isascii():
            f = fold(it)
            if f:
                add_unique(out, [f])
    return out


def split_demonym(d):
    parts = []
    for p in re.split(r',| or ', d or ''):
        p = p.strip()
        if p:
            parts.append(p)
    return parts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--src', default=DEFAULT_SRC)
    ap.add_argument('--out', default=os.path.join(HERE, 'countries.tsv'))
    args = ap.parse_args()

    rows = [json.loads(l) for l in open(os.path.join(args.src, 'countries-en.jsonl'), encoding='utf-8')]
    by_code = {r['cca3']: r for r in rows}

    ngec = {}
    with open(os.path.join(args.src, 'ngec-countries.csv'), encoding='utf-8', newline='') as f:
        for r in csv.DictReader(f):
            code = NGEC_CODE_MAP.get(r['CCA3'], r['CCA3'])
            if code not in by_code:
                continue   # EU, UN and breakaway entities (GEOPRE, ...) are not country rows
            toks = [norm_apos(t) for t in r['Nationality'].split(',')]
            ngec.setdefault(code, [])
            add_unique(ngec[code], [t for t in toks if t])

    drop_all = DROP['*'] | DROP['native']

    # Forms owned by each row from upstream alone (to detect NGEC territory folding).
    own_forms = {}
    for r in rows:
        forms = {r['name_common'], r['name_official']}
        forms |= set(split_demonym(r['demonym_m'])) | set(split_demonym(r['demonym_f']))
        forms |= {a for a in r['alt_spellings'] if not is_two_letter_code(a)}
        own_forms[r['cca3']] = {norm_apos(x).casefold() for x in forms}
        own_forms[r['cca3']] |= {(fold(x) or x).casefold() for x in forms}

    def owned_elsewhere(code, tok):
        t = tok.casefold()
        cands = {t, t[:-1] if t.endswith('s') else t, (fold(tok) or tok).casefold()}
        for other, forms in own_forms.items():
            if other != code and cands & forms:
                return True
        return False

    independent_demonyms = set()
    for r in rows:
        if r['independent']:
            independent_demonyms |= set(split_demonym(r['demonym_m'])) | set(split_demonym(r['demonym_f']))

    out_rows = []
    for r in rows:
        code = r['cca3']
        name = NAME_OVERRIDE.get(code, r['name_common'])
        kind = 'country' if (r['independent'] or code in KIND_COUNTRY) else 'territory'

        aliases = []
        cand = [r['name_common'], r['name_official']]
        for a in r['alt_spellings']:
            if not a.isascii():
                continue            # native-script and accented foreign forms
            a = norm_apos(a)
            if is_two_letter_code(a) or ',' in a or '(' in a:
                continue
            cand.append(a)
        for t in ngec.get(code, []):
            if t in NGEC_ALIASES and not owned_elsewhere(code, t):
                cand.append(t)
        cand += ADD_ALIASES.get(code, [])
        for a in with_folds([norm_apos(x) for x in cand]):
            if a in drop_all or a in DROP['alias_only'] or a == name or not latin_only(a):
                continue
            if ',' in a or '(' in a:
                continue
            add_unique(aliases, [a])

        demonyms = []
        dcand = split_demonym(r['demonym_m']) + split_demonym(r['demonym_f'])
        if kind == 'territory':
            # a territory's demonym that is a sovereign's ("French", "Dutch") is the sovereign's
            dcand = [d for d in dcand if d not in independent_demonyms]
        for t in ngec.get(code, []):
            if t in NGEC_ALIASES or t in NGEC_SKIP or owned_elsewhere(code, t):
                continue
            dcand.append(t)
        dcand += ADD_DEMONYMS.get(code, [])
        for d in with_folds([norm_apos(x) for x in dcand]):
            if d in drop_all or d == name or d in aliases:
                continue
            add_unique(demonyms, [d])
        # plural forms
        for d in list(demonyms):
            if d in NO_PLURAL or d.endswith(('s', 'man')) or ' and ' in d:
                continue
            if d.endswith(PLURAL_ENDINGS) and (d + 's') not in demonyms:
                if any(x.startswith(d) and x != d for x in demonyms):
                    continue  # some plural already present ("Argentine" -> "Argentines")
                demonyms.append(d + 's')

        capitals = [c for c in with_folds([norm_apos(c) for c in r['capital'] + ADD_CAPITALS.get(code, [])])
                    if c not in CAPITAL_DROP]
        out_rows.append((code, name, kind, aliases, demonyms, capitals, r['region'] or ''))

    # Cross-row ambiguity report (same surface form in more than one row).
    seen = {}
    for code, name, kind, aliases, demonyms, capitals, region in out_rows:
        for s in [name] + aliases + demonyms:
            seen.setdefault(s, set()).add(code)
    ambiguous = sorted((s, sorted(c)) for s, c in seen.items() if len(c) > 1)

    curated_lines = []
    curated_lines.append('#   names: ' + '; '.join(f'{k}={v}' for k, v in sorted(NAME_OVERRIDE.items())))
    curated_lines.append('#   kind=country also for: ' + ', '.join(sorted(KIND_COUNTRY)))
    for k in sorted(ADD_CAPITALS):
        curated_lines.append(f'#   +capital {k}: ' + '|'.join(ADD_CAPITALS[k]))
    for k in sorted(ADD_ALIASES):
        curated_lines.append(f'#   +aliases {k}: ' + '|'.join(ADD_ALIASES[k]))
    for k in sorted(ADD_DEMONYMS):
        curated_lines.append(f'#   +demonyms {k}: ' + '|'.join(ADD_DEMONYMS[k]))
    curated_lines.append('#   dropped everywhere: ' + '|'.join(sorted(DROP['*'])))
    curated_lines.append('#   not aliases (demonyms only): ' + '|'.join(sorted(DROP['alias_only'])))
    curated_lines.append('#   capital spellings not emitted: ' + '|'.join(sorted(CAPITAL_DROP)))
    curated_lines.append(f'#   dropped native-language upstream spellings: {len(DROP["native"])} forms (see build_countries.py)')
    curated_lines.append('#   NGEC tokens not used (territory folding): ' + '|'.join(sorted(NGEC_SKIP)))

    header = [
        '# countries.tsv: countries and territories with the English names, aliases, demonyms and capitals',
        '# used in news text. One row per ISO 3166-1 alpha-3 code (250 rows). Generated by build_countries.py;',
        '# do not edit by hand: change the curated tables in the script and regenerate.',
        '# Columns (TAB-separated, no header row):',
        '#   iso3      ISO 3166-1 alpha-3 code as in mledoze/countries (Kosovo: UNK; CAMEO dictionaries use KSV, NGEC XKX)',
        '#   name      common English name (display/canonical form)',
        '#   kind      country (independent, plus Kosovo, Palestine, Taiwan) | territory (dependent territory)',
        '#   aliases   |-separated other names: official name, alternative names and abbreviations used in English',
        '#             news; ASCII-folded variants of accented forms included. No native-script forms; no ISO',
        '#             2-letter codes except "US" for USA (and the abbreviation "UK" for GBR). May be empty.',
        '#   demonyms  |-separated adjective and people forms, singular and plural ("North Korean|North Koreans").',
        '#             May be empty.',
        '#   capital   |-separated capital(s) as in upstream, plus ASCII-folded variants. May be empty.',
        '#   region    upstream region (Africa, Americas, Antarctic, Asia, Europe, Oceania)',
        '# Matching: forms are case-sensitive as written ("US", "Chad", "Turkey", "Jordan", "Georgia" need context);',
        "#   apostrophes are ASCII ' (normalise \u2019 before lookup).",
        '# Sources: Contains data from mledoze/countries, ODbL 1.0 (countries-en.jsonl, snapshot',
        '#   5e9f370050f83ad2ba4cb885f75d66114badf72c); plural demonyms and aliases from NGEC',
        '#   (ahalterman/NGEC-2025 NGEC/assets/countries.csv, MIT as declared; Andy Halterman);',
        '#   news-usage overrides curated for Dateline (CC0 1.0), listed below.',
        '# Licence: this file is a derived database of mledoze/countries and is licensed under the',
        '#   Open Database License (ODbL) 1.0 (https://opendatacommons.org/licenses/odbl/1-0/).',
        '#   Contains data from mledoze/countries, ODbL 1.0.',
        '# Curated for Dateline (CC0 1.0):',
    ] + curated_lines + [
        '# Ambiguous surface forms (appear in more than one row; the consumer must decide by context):',
        '#   ' + '; '.join(f'{s} ({",".join(c)})' for s, c in ambiguous),
        '# Other ambiguity a consumer must handle: see SOURCES.md beside this file.',
    ]

    lines = []
    for code, name, kind, aliases, demonyms, capitals, region in out_rows:
        cols = [code, name, kind, '|'.join(aliases), '|'.join(demonyms), '|'.join(capitals), region]
        for c in cols:
            assert '\t' not in c and '\n' not in c, (code, c)
        lines.append('\t'.join(cols))

    with open(args.out, 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(header) + '\n')
        f.write('\n'.join(lines) + '\n')
    print(f'wrote {len(lines)} rows to {args.out}', file=sys.stderr)


if __name__ == '__main__':
    main()
