#!/usr/bin/env python3
"""Build metonyms.tsv: seats of government, institutions and state media that news uses for a
state actor ("the Kremlin said", "the Pentagon", "KCNA"), plus every capital of a country row in
countries.tsv ("Pyongyang said", "talks between Washington and Beijing").

Usage (from anywhere):
    python3 build_metonyms.py [--countries FILE] [--out FILE]

--countries defaults to countries.tsv beside this script (run build_countries.py first);
--out defaults to metonyms.tsv beside this script. Standard library only; deterministic output.

Licence: the institution table below was written for Dateline (CC0 1.0). The capital rows are
generated from countries.tsv, whose capitals come from mledoze/countries (ODbL 1.0), so
metonyms.tsv as a whole is a derived database under the ODbL 1.0.
"""
import argparse
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------------------------
# Institutions (CC0, written for Dateline).
# (surfaces, type, actor, country, canonical, note)
# Role codes follow shared/eval/README.md "Actor codes": GOV, MIL, COP, JUD, SPY, LEG, MED, ...
# Defence ministries and the Pentagon are MIL (as the seed gold codes "Pentagon" and
# "Ukrainian Defense Ministry"); ruling parties are GOV (CAMEO: governing parties are GOV).
# ---------------------------------------------------------------------------------------------
INSTITUTIONS = [
    # United States
    (['White House', 'the White House'], 'ORG', 'USAGOV', 'USA', 'White House', ''),
    (['Oval Office'], 'ORG', 'USAGOV', 'USA', 'Oval Office', "the president's office"),
    (['Pentagon', 'the Pentagon'], 'ORG', 'USAMIL', 'USA', 'Pentagon', 'seed gold codes the Pentagon USAMIL'),
    (['Defense Department', 'U.S. Defense Department', 'Department of Defense', 'U.S. Department of Defense',
      'Department of War'], 'ORG', 'USAMIL', 'USA', 'Pentagon',
     '"Department of War": secondary name adopted in 2025'),
    (['State Department', 'the State Department', 'U.S. State Department', 'Department of State',
      'Foggy Bottom'], 'ORG', 'USAGOV', 'USA', 'State Department', 'seed gold codes the State Department USAGOV'),
    (['Congress', 'U.S. Congress'], 'ORG', 'USALEG', 'USA', 'Congress',
     'bare "Congress" is also other countries\' congresses and India\'s Congress party; check context'),
    (['Capitol Hill'], 'ORG', 'USALEG', 'USA', 'Capitol Hill', ''),
    (['U.S. Senate'], 'ORG', 'USALEG', 'USA', 'U.S. Senate', 'bare "Senate" is ambiguous across countries'),
    (['U.S. House of Representatives', 'U.S. House'], 'ORG', 'USALEG', 'USA', 'U.S. House of Representatives',
     'bare "House of Representatives" is ambiguous across countries'),
    (['Treasury Department', 'U.S. Treasury', 'Department of the Treasury'], 'ORG', 'USAGOV', 'USA',
     'Treasury Department', 'bare "Treasury" is also Britain\'s'),
    (['Justice Department', 'U.S. Justice Department', 'Department of Justice'], 'ORG', 'USAGOV', 'USA',
     'Justice Department', 'executive department (GOV); some coders use JUD for prosecutors'),
    (['Department of Homeland Security', 'Homeland Security Department'], 'ORG', 'USAGOV', 'USA',
     'Department of Homeland Security', ''),
    (['FBI', 'Federal Bureau of Investigation'], 'ORG', 'USACOP', 'USA', 'FBI', ''),
    (['CIA', 'Central Intelligence Agency'], 'ORG', 'USASPY', 'USA', 'CIA', ''),
    (['Langley'], 'ORG', 'USASPY', 'USA', 'CIA', 'CIA headquarters; also a place and a surname'),
    (['National Security Agency'], 'ORG', 'USASPY', 'USA', 'National Security Agency', ''),
    (['U.S. Supreme Court'], 'ORG', 'USAJUD', 'USA', 'U.S. Supreme Court', 'bare "Supreme Court" is ambiguous'),
    (['Federal Reserve', 'U.S. Federal Reserve'], 'ORG', 'USAGOV', 'USA', 'Federal Reserve',
     'central bank (CAMEO GOVBUS); GOV here; "the Fed" not listed ("fed" when matched without case)'),
    (['Joint Chiefs of Staff', 'Joint Chiefs'], 'ORG', 'USAMIL', 'USA', 'Joint Chiefs of Staff', ''),
    (['USAID'], 'ORG', 'USAGOV', 'USA', 'USAID', ''),
    (['Voice of America', 'VOA', 'VOA News'], 'ORG', 'USAMED', 'USA', 'Voice of America',
     'U.S. government broadcaster; seed gold codes USAMED'),
    (['Radio Free Europe/Radio Liberty', 'Radio Free Europe', 'RFE/RL'], 'ORG', 'USAMED',
     'USA', 'Radio Free Europe/Radio Liberty', 'U.S. government-funded broadcaster'),
    (['Radio Free Asia'], 'ORG', 'USAMED', 'USA', 'Radio Free Asia', 'U.S. government-funded broadcaster'),
    # Russia
    (['Kremlin', 'the Kremlin'], 'ORG', 'RUSGOV', 'RUS', 'Kremlin', ''),
    (['State Duma', 'Duma', 'the Duma'], 'ORG', 'RUSLEG', 'RUS', 'State Duma', ''),
    (['Federation Council'], 'ORG', 'RUSLEG', 'RUS', 'Federation Council', ''),
    (['FSB', 'Federal Security Service'], 'ORG', 'RUSSPY', 'RUS', 'FSB', ''),
    (['SVR'], 'ORG', 'RUSSPY', 'RUS', 'SVR', 'foreign intelligence service'),
    (['GRU'], 'ORG', 'RUSSPY', 'RUS', 'GRU', 'military intelligence (CAMEO MILSPY; SPY here)'),
    (['TASS'], 'ORG', 'RUSMED', 'RUS', 'TASS', 'state news agency'),
    (['RIA Novosti', 'RIA'], 'ORG', 'RUSMED', 'RUS', 'RIA Novosti', 'state news agency'),
    (['Russia Today'], 'ORG', 'RUSMED', 'RUS', 'RT', 'state broadcaster; "RT" not listed (retweet, other uses)'),
    (['Sputnik'], 'ORG', 'RUSMED', 'RUS', 'Sputnik', 'state media; also the satellite and the vaccine'),
    # Britain
    (['Downing Street', '10 Downing Street'], 'ORG', 'GBRGOV', 'GBR', 'Downing Street',
     '"Number 10"/"No. 10" not listed (rankings, shirt numbers)'),
    (['Whitehall'], 'ORG', 'GBRGOV', 'GBR', 'Whitehall', ''),
    (['Westminster'], 'ORG', 'GBRLEG', 'GBR', 'Westminster',
     'Parliament and, loosely, British politics; also the borough and the Abbey'),
    (['House of Commons'], 'ORG', 'GBRLEG', 'GBR', 'House of Commons', 'Canada also has a House of Commons'),
    (['House of Lords'], 'ORG', 'GBRLEG', 'GBR', 'House of Lords', ''),
    (['Foreign Office', 'Foreign, Commonwealth and Development Office', 'FCDO'], 'ORG', 'GBRGOV', 'GBR',
     'Foreign Office', 'bare "Foreign Office" is also used for Germany\'s'),
    (['Ministry of Defence'], 'ORG', 'GBRMIL', 'GBR', 'Ministry of Defence',
     'British spelling; other Commonwealth ministries share the name'),
    (['MI6', 'Secret Intelligence Service'], 'ORG', 'GBRSPY', 'GBR', 'MI6', ''),
    (['MI5'], 'ORG', 'GBRSPY', 'GBR', 'MI5', 'domestic security service'),
    (['GCHQ'], 'ORG', 'GBRSPY', 'GBR', 'GCHQ', ''),
    (['Scotland Yard', 'Metropolitan Police'], 'ORG', 'GBRCOP', 'GBR', 'Scotland Yard', ''),
    # France
    (['Elysee', 'Élysée', 'the Elysee', 'the Élysée', 'Elysee Palace', 'Élysée Palace'], 'ORG', 'FRAGOV',
     'FRA', 'Élysée', ''),
    (["Quai d'Orsay"], 'ORG', 'FRAGOV', 'FRA', "Quai d'Orsay", 'foreign ministry'),
    (['Matignon'], 'ORG', 'FRAGOV', 'FRA', 'Matignon', "prime minister's office"),
    (['DGSE'], 'ORG', 'FRASPY', 'FRA', 'DGSE', ''),
    # Germany
    (['Bundestag'], 'ORG', 'DEULEG', 'DEU', 'Bundestag', ''),
    (['Bundesrat'], 'ORG', 'DEULEG', 'DEU', 'Bundesrat', 'Austria also has a Bundesrat'),
    (['Bundeswehr'], 'ORG', 'DEUMIL', 'DEU', 'Bundeswehr', ''),
    (['BND'], 'ORG', 'DEUSPY', 'DEU', 'BND', ''),
    # China
    (['Zhongnanhai'], 'ORG', 'CHNGOV', 'CHN', 'Zhongnanhai', ''),
    (["National People's Congress"], 'ORG', 'CHNLEG', 'CHN', "National People's Congress", ''),
    (["People's Liberation Army", 'PLA'], 'ORG', 'CHNMIL', 'CHN', "People's Liberation Army", ''),
    (['Chinese Communist Party', 'Communist Party of China', 'CCP'], 'ORG', 'CHNGOV', 'CHN',
     'Chinese Communist Party', 'ruling party (CAMEO: governing parties are GOV)'),
    (['Ministry of State Security'], 'ORG', 'CHNSPY', 'CHN', 'Ministry of State Security',
     'name also used historically elsewhere (e.g. East Germany)'),
    (['Xinhua', 'Xinhua News Agency'], 'ORG', 'CHNMED', 'CHN', 'Xinhua', 'state news agency'),
    (["People's Daily"], 'ORG', 'CHNMED', 'CHN', "People's Daily", 'state media'),
    (['China Daily'], 'ORG', 'CHNMED', 'CHN', 'China Daily', 'state media; seed gold codes CHNMED'),
    (['Global Times'], 'ORG', 'CHNMED', 'CHN', 'Global Times', 'state media'),
    (['CGTN'], 'ORG', 'CHNMED', 'CHN', 'CGTN', 'state broadcaster'),
    # North Korea
    (['KCNA', 'Korean Central News Agency'], 'ORG', 'PRKMED', 'PRK', 'Korean Central News Agency',
     'state news agency; seed gold codes PRKMED'),
    (['Rodong Sinmun'], 'ORG', 'PRKMED', 'PRK', 'Rodong Sinmun', 'party newspaper; seed gold codes PRKMED'),
    (["Workers' Party of Korea", "Korean Workers' Party"], 'ORG', 'PRKGOV', 'PRK', "Workers' Party of Korea",
     'ruling party'),
    (["Korean People's Army", 'KPA'], 'ORG', 'PRKMIL', 'PRK', "Korean People's Army", ''),
    (['State Security Department'], 'ORG', 'PRKSPY', 'PRK', 'State Security Department',
     'North Korea\'s secret police (seed gold PRKSPY); generic-sounding, check context'),
    # South Korea
    (['Blue House', 'the Blue House', 'Cheong Wa Dae'], 'ORG', 'KORGOV', 'KOR', 'Blue House',
     'presidential office until May 2022'),
    (['Yongsan'], 'ORG', 'KORGOV', 'KOR', 'Yongsan',
     'presidential office 2022-2025; also a Seoul district and the former U.S. base'),
    (['Yonhap', 'Yonhap News Agency'], 'ORG', 'KORMED', 'KOR', 'Yonhap', 'semi-official news agency'),
    (['National Intelligence Service'], 'ORG', 'KORSPY', 'KOR', 'National Intelligence Service',
     'other countries use the same name'),
    # Japan
    (['National Diet', 'Japanese Diet'], 'ORG', 'JPNLEG', 'JPN', 'National Diet',
     '"the Diet" not listed: "diet" is a common word'),
    (['Self-Defense Forces', 'Self-Defence Forces', 'Japan Self-Defense Forces'], 'ORG', 'JPNMIL', 'JPN',
     'Self-Defense Forces', '"SDF" not listed: also the Syrian Democratic Forces'),
    (['Kantei'], 'ORG', 'JPNGOV', 'JPN', 'Kantei', "prime minister's office"),
    # Israel
    (['Knesset', 'the Knesset'], 'ORG', 'ISRLEG', 'ISR', 'Knesset', ''),
    (['IDF', 'Israel Defense Forces', 'Israeli Defense Forces', 'Israel Defence Forces'], 'ORG', 'ISRMIL',
     'ISR', 'Israel Defense Forces', ''),
    (['Mossad'], 'ORG', 'ISRSPY', 'ISR', 'Mossad', ''),
    (['Shin Bet'], 'ORG', 'ISRSPY', 'ISR', 'Shin Bet', 'domestic security service'),
    # Iran
    (['IRGC', 'Islamic Revolutionary Guard Corps', 'Revolutionary Guard Corps', 'Revolutionary Guards',
      'Revolutionary Guard'], 'ORG', 'IRNMIL', 'IRN', 'Islamic Revolutionary Guard Corps', ''),
    (['Quds Force'], 'ORG', 'IRNMIL', 'IRN', 'Quds Force', 'external arm of the IRGC'),
    (['Majlis'], 'ORG', 'IRNLEG', 'IRN', 'Majlis', 'also the name of other parliaments (Maldives, Gulf states)'),
    (['IRNA'], 'ORG', 'IRNMED', 'IRN', 'IRNA', 'state news agency'),
    (['Press TV'], 'ORG', 'IRNMED', 'IRN', 'Press TV', 'state broadcaster'),
    (['Tasnim'], 'ORG', 'IRNMED', 'IRN', 'Tasnim', 'IRGC-affiliated news agency'),
    # India, Pakistan
    (['South Block'], 'ORG', 'INDGOV', 'IND', 'South Block', 'foreign and defence ministries'),
    (['Lok Sabha'], 'ORG', 'INDLEG', 'IND', 'Lok Sabha', 'lower house'),
    (['Rajya Sabha'], 'ORG', 'INDLEG', 'IND', 'Rajya Sabha', 'upper house'),
    (['ISI', 'Inter-Services Intelligence'], 'ORG', 'PAKSPY', 'PAK', 'Inter-Services Intelligence', ''),
    (['Rawalpindi'], 'GPE', 'PAKMIL', 'PAK', 'Rawalpindi',
     'army headquarters, used for the military; also a city'),
    # Turkey, Ukraine, others
    (['Turkish Grand National Assembly', 'Grand National Assembly'], 'ORG', 'TURLEG', 'TUR',
     'Grand National Assembly', ''),
    (['Anadolu Agency', 'Anadolu'], 'ORG', 'TURMED', 'TUR', 'Anadolu Agency', 'state-run news agency'),
    (['Verkhovna Rada', 'Rada'], 'ORG', 'UKRLEG', 'UKR', 'Verkhovna Rada', ''),
    (['Bankova'], 'ORG', 'UKRGOV', 'UKR', 'Bankova', "presidential office (street name)"),
    (['Palestinian Authority'], 'ORG', 'PSEGOV', 'PSE', 'Palestinian Authority', ''),
    (['WAFA'], 'ORG', 'PSEMED', 'PSE', 'WAFA', 'Palestinian Authority news agency'),
    (['SANA'], 'ORG', 'SYRMED', 'SYR', 'SANA', 'Syrian state news agency'),
    (['Saudi Press Agency'], 'ORG', 'SAUMED', 'SAU', 'Saudi Press Agency', ''),
    (['Middle East News Agency'], 'ORG', 'EGYMED', 'EGY', 'Middle East News Agency', ''),
    (['Al-Ahram'], 'ORG', 'EGYMED', 'EGY', 'Al-Ahram', 'state-owned newspaper'),
]

# Capital spelling variants and their canonical capital (beyond ASCII folds).
VARIANT_OF = {
    'Washington D.C.': 'Washington', 'Washington, D.C.': 'Washington', 'Kiev': 'Kyiv',
    'Ulan Bator': 'Ulaanbaatar', 'Naypyitaw': 'Naypyidaw', 'Nay Pyi Taw': 'Naypyidaw', 'Sanaa': "Sana'a",
    'Ndjamena': "N'Djamena", 'Berne': 'Bern', 'Nur-Sultan': 'Astana',
}
# Curated extra capital-like rows (CC0): spelling variants not in countries.tsv.
EXTRA_CAPITALS = [
    ('Delhi', 'IND', 'New Delhi', 'used for the Indian government; also the city/territory of Delhi'),
    ('Teheran', 'IRN', 'Tehran', 'older spelling'),
]
SEATS = {  # seat of government rather than constitutional capital
    'La Paz': 'seat of government (constitutional capital: Sucre)',
    'Cotonou': 'seat of government (official capital: Porto-Novo)',
    'Putrajaya': 'administrative capital',
    'Mbabane': 'executive capital',
    'Bujumbura': 'capital until 2019; still the seat of much of government',
    'Sri Jayawardenepura Kotte': 'official capital (Colombo is the executive capital)',
    'Nur-Sultan': 'name of Astana 2019-2022',
}
CAPITAL_NOTES = {
    'Washington': 'also the U.S. state; as a dateline or destination it is a place (its own GPE), not the government',
    'Jerusalem': 'seat of Israel\'s government; status disputed (Palestinians claim East Jerusalem)',
    'Ramallah': 'seat of the Palestinian Authority',
    'Brussels': 'also used for the EU (IGOEUREEC) and NATO headquarters',
    'Vienna': 'also the venue of IAEA/OPEC/OSCE meetings',
    'Addis Ababa': 'also African Union headquarters',
    'Tripoli': 'also a city in Lebanon',
    'Victoria': 'common name; many other places',
    'Kingston': 'also cities in Canada, Britain and Norfolk Island',
    'Georgetown': 'also a Washington neighbourhood and university',
    'Santiago': 'also other cities (Santiago de Cuba, Santiago de Compostela)',
    'Sofia': 'also a first name',
    'Wellington': 'also a surname',
    'Colombo': 'also a surname',
    'Moroni': 'also a surname',
    'Lima': 'also a surname',
    'Nassau': 'also places in Germany and the U.S.',
    'Amsterdam': 'the Dutch government sits in The Hague (not listed: used for the ICC/ICJ)',
    'Yamoussoukro': 'the government largely sits in Abidjan',
    'Dodoma': 'much of government is still in Dar es Salaam',
    'Taipei': 'Taiwan\'s government',
    'Pristina': 'Kosovo (CAMEO code KSV; ISO3 column UNK)',
    'Tbilisi': 'Georgia the country (not the U.S. state)',
    'Bern': 'Swiss federal city',
    'Pretoria': 'executive capital',
    'Cape Town': 'legislative capital',
    'Bloemfontein': 'judicial capital',
    'Gitega': 'political capital since 2019',
    'Sucre': 'constitutional capital; government sits in La Paz',
    'Porto-Novo': 'official capital; government sits in Cotonou',
    'Lobamba': 'royal and legislative capital',
}


def fold(s):
    d = unicodedata.normalize('NFKD', s)
    out = ''.join(ch for ch in d if not unicodedata.combining(ch))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--countries', default=os.path.join(HERE, 'countries.tsv'))
    ap.add_argument('--out', default=os.path.join(HERE, 'metonyms.tsv'))
    args = ap.parse_args()

    countries = []
    with open(args.countries, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            cols = line.rstrip('\n').split('\t')
            countries.append(cols)
    known = {c[0] for c in countries}
    names = {c[0]: c[1] for c in countries}

    rows = []
    seen = set()

    def add(surface, typ, actor, country, canonical, capital_of, note):
        key = (surface, actor)
        if key in seen:
            return
        seen.add(key)
        assert country in known, (surface, country)
        rows.append([surface, typ, actor, country, canonical, capital_of, note])

    for surfaces, typ, actor, country, canonical, note in INSTITUTIONS:
        assert actor[:3] == country, (surfaces, actor, country)
        for s in surfaces:
            add(s, typ, actor, country, canonical, '', note)

    n_inst = len(rows)
    capital_rows = []
    for iso3, name, kind, aliases, demonyms, capital, region in countries:
        if kind != 'country' or not capital:
            continue
        caps = capital.split('|')
        for cap in caps:
            canon = VARIANT_OF.get(cap, cap)
            if cap.isascii():
                for other in caps:
                    if other != cap and not other.isascii() and fold(other) == cap:
                        canon = other
            note = SEATS.get(cap) or CAPITAL_NOTES.get(canon, '')
            if cap == name or cap in aliases.split('|'):
                note = (note + '; ' if note else '') + 'same form as the country name'
            capital_rows.append((cap, iso3, canon, note))
    for surface, iso3, canon, note in EXTRA_CAPITALS:
        capital_rows.append((surface, iso3, canon, note))
    for cap, iso3, canon, note in capital_rows:
        add(cap, 'GPE', iso3, iso3, canon, iso3, note)

    header = [
        '# metonyms.tsv: names that news uses for a state actor instead of the state\'s own name:',
        '# seats of government, institutions and state media ("the Kremlin", "Pentagon", "KCNA"),',
        '# and every capital of a country row in countries.tsv ("Pyongyang", "Kyiv", "Washington").',
        '# Generated by build_metonyms.py from its institution table and countries.tsv; do not edit by hand.',
        '# One surface form per row (variants such as "Kremlin" / "the Kremlin" are separate rows).',
        '# Columns (TAB-separated, no header row):',
        '#   surface     the form as written in text (case-sensitive; apostrophes ASCII \')',
        '#   type        ORG (institution, building, service, outlet) | GPE (capital or city)',
        '#   actor       CAMEO-style actor code: ISO3 + role for institutions (RUSGOV, USAMIL, USALEG, PRKMED);',
        '#               the bare ISO3 for capitals (a capital stands for the state, as in the seed gold)',
        '#   country     ISO3 of the state (a code in countries.tsv)',
        '#   canonical   display name of the institution or capital ("Pentagon", "Kyiv" for "Kiev")',
        '#   capital_of  ISO3 when the row is a capital or seat of government used as a metonym; empty for',
        '#               institution rows. Consumers tell the two kinds of row apart by this column.',
        '#   note        ambiguity or coding remark; may be empty',
        '# Capital rows cover kind=country rows only: territory capitals are not used for state actors and',
        '#   many collide with common words ("The Valley", "The Bottom", "Douglas", "Stanley").',
        '# A capital in text is a metonym only when it stands for the government (subject of a speech or',
        '#   action verb: "Pyongyang said", "Washington and Seoul agreed"); as a dateline, destination or',
        '#   location it is a place and keeps type GPE without the actor (see shared/eval/README.md).',
        '# Sources: institution rows written for Dateline (CC0 1.0); role conventions from shared/eval/README.md',
        '#   and the CAMEO 1.1b3 actor codebook. Capital rows derived from countries.tsv, which contains data',
        '#   from mledoze/countries, ODbL 1.0; curated capital variants CC0.',
        '# Licence: Open Database License (ODbL) 1.0 for this file as a whole (derived from countries.tsv;',
        '#   https://opendatacommons.org/licenses/odbl/1-0/).',
        '#   Contains data from mledoze/countries, ODbL 1.0.',
        f'# Rows: {n_inst} institution rows, {len(rows) - n_inst} capital rows.',
    ]
    with open(args.out, 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(header) + '\n')
        for r in rows:
            for c in r:
                assert '\t' not in c and '\n' not in c, r
            f.write('\t'.join(r) + '\n')
    print(f'wrote {len(rows)} rows ({n_inst} institutions) to {args.out}', file=sys.stderr)


if __name__ == '__main__':
    main()
