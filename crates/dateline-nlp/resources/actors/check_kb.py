#!/usr/bin/env python3
"""Check people.tsv (and curated.tsv): format, ids, dates, codes, variants and a few known facts.

Usage (from anywhere):
    python3 check_kb.py [--shared] [PEOPLE_TSV]

Prints every problem and a short report (row counts per source, the 20 variants shared by most
people; --shared lists every shared variant with its ids) and exits 1 when a check fails. A
variant listed by several people (surnames such as "Kim", "Khan") is allowed: each of those rows
lists it, so the matcher sees the ambiguity and must resolve it by context or date. Only the
Python 3 standard library is used.
"""
import os
import re
import sys
from collections import Counter, defaultdict
from datetime import date

HERE = os.path.dirname(os.path.abspath(__file__))
PEOPLE = os.path.join(HERE, 'people.tsv')
CURATED = os.path.join(HERE, 'curated.tsv')
COUNTRIES = os.path.join(HERE, '..', 'gazetteer', 'countries.tsv')

ROLES = 'GOV|MIL|COP|JUD|SPY|LEG|OPP|REB|ELI|CVL|CRM|EDU|MED|BUS'
# Phoenix IGO/NGO codes are IGO/NGO + one to four 3-letter groups (IGOUNO ... IGOUNOREFHCR).
CODE = re.compile(
    rf'^(?:IGO(?:[A-Z]{{3}}){{1,4}}|NGO(?:[A-Z]{{3}}){{1,4}}|([A-Z]{{3}})(?:{ROLES})?)$')
ROLE = re.compile(r'^([A-Z]+)@(\d{4}-\d\d-\d\d)?\.\.(\d{4}-\d\d-\d\d)?$')
ID = re.compile(r'^(?:Q[1-9]\d*|phx:[a-z0-9]+(?:-[a-z0-9]+)*|dl:[a-z0-9]+(?:-[a-z0-9]+)*)$')
# Former states used by Phoenix codes; build_kb.py EXTRA_COUNTRIES.
EXTRA_COUNTRIES = {'SUN', 'YUG', 'CSK', 'DDR', 'SCG'}
SOURCES = {'wikidata', 'phoenix', 'curated'}
MAX_BYTES = 3_000_000


class Checker:
    """Collects failures; `ok` is False once any check failed."""

    def __init__(self):
        self.failures = []

    def fail(self, message):
        self.failures.append(message)

    @property
    def ok(self):
        return not self.failures


def load_iso3(path=COUNTRIES):
    with open(path, encoding='utf-8') as f:
        return {line.split('\t', 1)[0] for line in f if line.strip() and not line.startswith('#')}


def parse_date(text, where, check):
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        check.fail(f'{where}: invalid date {text!r}')
        return None


def parse_roles(field, where, check, iso3):
    """[(code, start, end)] of a roles field; reports bad shapes, dates, codes and order."""
    roles = []
    for text in field.split('|'):
        m = ROLE.match(text)
        if not m:
            check.fail(f'{where}: bad role {text!r}')
            continue
        code, start, end = m.group(1), parse_date(m.group(2), where, check), \
            parse_date(m.group(3), where, check)
        cm = CODE.match(code)
        if not cm:
            check.fail(f'{where}: bad code {code!r}')
        elif cm.group(1) and cm.group(1) not in iso3 and cm.group(1) not in EXTRA_COUNTRIES:
            check.fail(f'{where}: unknown country in code {code!r}')
        if start and end and start > end:
            check.fail(f'{where}: start after end in {text!r}')
        roles.append((code, start, end))
    keys = [(s or date.min, e or date.max, c) for c, s, e in roles]
    if keys != sorted(keys):
        check.fail(f'{where}: roles not sorted by start')
    return roles


def read_rows(path, check):
    """Data rows of a people-format TSV (header lines start with '# ')."""
    rows = []
    with open(path, 'rb') as f:
        data = f.read()
    if b'\r' in data:
        check.fail(f'{path}: CR line ends')
    text = data.decode('utf-8')
    lines = text.split('\n')
    if lines[-1] != '':
        check.fail(f'{path}: no final newline')
    for number, line in enumerate(lines[:-1], 1):
        if line.startswith('#'):
            if not (line == '#' or line.startswith('# ')):
                check.fail(f'{path}:{number}: comment lines start with "# "')
            continue
        cols = line.split('\t')
        if len(cols) != 6:
            check.fail(f'{path}:{number}: {len(cols)} columns')
            continue
        rows.append((number, cols))
    return rows


def check_people(path, check, iso3):
    """Row-level checks of people.tsv; returns {id: (name, country, variants, roles, sources)}."""
    if os.path.getsize(path) > MAX_BYTES:
        check.fail(f'{path}: {os.path.getsize(path)} bytes, more than {MAX_BYTES}')
    with open(path, encoding='utf-8') as f:
        head = f.read(4096)
    if 'build_kb.py' not in head or 'Do not edit by hand' not in head:
        check.fail(f'{path}: header must name build_kb.py and say not to edit by hand')
    people, ids = {}, []
    for number, (pid, name, country, variants, roles, sources) in read_rows(path, check):
        where = f'people.tsv:{number} {pid}'
        ids.append(pid)
        if not ID.match(pid):
            check.fail(f'{where}: bad id')
        if pid in people:
            check.fail(f'{where}: duplicate id')
        if not name.strip() or name != ' '.join(name.split()):
            check.fail(f'{where}: empty or badly spaced name')
        if country and country not in iso3 and country not in EXTRA_COUNTRIES:
            check.fail(f'{where}: unknown country {country!r}')
        forms = variants.split('|')
        if forms[0] != name:
            check.fail(f'{where}: first variant is not the name')
        folded = [v.casefold() for v in forms]
        if '' in forms or len(set(folded)) != len(folded):
            check.fail(f'{where}: empty or duplicate variant')
        parsed = parse_roles(roles, where, check, iso3)
        undated = [c for c, s, e in parsed if s is None and e is None]
        if len(undated) > 1:
            check.fail(f'{where}: {len(undated)} undated default roles')
        if not parsed:
            check.fail(f'{where}: no role')
        src = sources.split(',')
        if not set(src) <= SOURCES or src != sorted(set(src)):
            check.fail(f'{where}: bad sources {sources!r}')
        if pid.startswith('phx:') and 'phoenix' not in src:
            check.fail(f'{where}: phx: id without the phoenix source')
        if pid.startswith('dl:') and src != ['curated']:
            check.fail(f'{where}: dl: id must come from curated.tsv only')
        people[pid] = (name, country, forms, parsed, src)
    if ids != sorted(ids):
        check.fail('people.tsv: rows not sorted by id')
    return people


def check_curated(path, check, iso3, people):
    """curated.tsv: same format; every id is in people.tsv; QIDs come from the leaders data (they
    reach people.tsv with the wikidata source)."""
    seen = set()
    for number, (pid, name, country, variants, roles, _sources) in read_rows(path, check):
        where = f'curated.tsv:{number} {pid}'
        if pid in seen:
            check.fail(f'{where}: duplicate id')
        seen.add(pid)
        if pid not in people:
            check.fail(f'{where}: id missing from people.tsv')
        elif pid.startswith('Q') and 'wikidata' not in people[pid][4]:
            check.fail(f'{where}: QID not found in the leaders data')
        if country and country not in iso3:
            check.fail(f'{where}: unknown country {country!r}')
        if roles:
            parse_roles(roles, where, check, iso3)
    with open(path, encoding='utf-8') as f:
        if '# Source:' not in f.read(4096):
            check.fail('curated.tsv: no "# Source:" header line')


def holds(people, pid, code, day):
    """True when person pid has a dated role `code` covering day."""
    return any(c == code and (s or e) and (s is None or s <= day) and (e is None or day <= e)
               for c, s, e in people[pid][3])


def has_role(people, pid, text):
    code, span = text.split('@')
    start, end = (date.fromisoformat(x) if x else None for x in span.split('..'))
    return (code, start, end) in people[pid][3]


def by_name(people, name):
    ids = [pid for pid, row in people.items() if row[0] == name]
    return ids[0] if len(ids) == 1 else None


def check_facts(people, check):
    """Spot checks of well-known office holders."""
    def expect(condition, message):
        if not condition:
            check.fail(f'fact: {message}')

    bush, obama, may = by_name(people, 'George W. Bush'), by_name(people, 'Barack Obama'), \
        by_name(people, 'Theresa May')
    putin, zelensky = by_name(people, 'Vladimir Putin'), by_name(people, 'Volodymyr Zelenskyy')
    gaddafi, guterres = by_name(people, 'Muammar Gaddafi'), by_name(people, 'António Guterres')
    missing = [label for label, pid in (
        ('George W. Bush', bush), ('Barack Obama', obama), ('Theresa May', may),
        ('Vladimir Putin', putin), ('Volodymyr Zelenskyy', zelensky),
        ('Muammar Gaddafi', gaddafi), ('António Guterres', guterres)) if pid is None]
    for label in missing:
        expect(False, f'exactly one row named {label}')
    if missing:
        return
    expect(holds(people, bush, 'USAGOV', date(2005, 6, 1)), 'Bush USAGOV on 2005-06-01')
    expect(not holds(people, bush, 'USAGOV', date(2012, 6, 1)), 'Bush not USAGOV on 2012-06-01')
    expect(has_role(people, obama, 'USAGOV@2009-01-20..2017-01-20'),
           'Obama USAGOV@2009-01-20..2017-01-20')
    expect(not holds(people, obama, 'USAGOV', date(2018, 1, 1)), 'Obama not USAGOV in 2018')
    expect(has_role(people, may, 'GBRGOV@2016-07-13..2019-07-24'),
           'May GBRGOV@2016-07-13..2019-07-24')
    expect(not holds(people, may, 'GBRGOV', date(2020, 1, 1)), 'May not GBRGOV in 2020')
    for year in (2005, 2010, 2020):
        expect(holds(people, putin, 'RUSGOV', date(year, 6, 1)), f'Putin RUSGOV in {year}')
    expect(any(c == 'UKRGOV' and s == date(2019, 5, 20) for c, s, _e in people[zelensky][3]),
           'Zelensky UKRGOV from 2019-05-20')
    expect(holds(people, zelensky, 'UKRGOV', date(2024, 1, 1)), 'Zelensky UKRGOV in 2024')
    expect({'Zelensky', 'Zelenskyy', 'Zelenskiy'} <= set(people[zelensky][2]),
           'Zelensky spellings')
    expect({'Qaddafi', 'Gadhafi'} <= set(people[gaddafi][2]), 'Gaddafi variants Qaddafi, Gadhafi')
    expect(any(c == 'IGOUNO' and s == date(2017, 1, 1) for c, s, _e in people[guterres][3]),
           'Guterres IGOUNO from 2017-01-01')
    expect(not any(row[0] in ('Phil Baker', 'Quentin Trembley') for row in people.values()),
           'fictional US presidents dropped')
    expect('May' not in people[may][2] and 'Bush' not in people[bush][2],
           'common-word surnames left out')


def shared_variants(people):
    """{variant: sorted ids} for the variants listed by more than one person."""
    owners = defaultdict(set)
    for pid, row in people.items():
        for form in row[2]:
            owners[form].add(pid)
    return {v: sorted(ids) for v, ids in owners.items() if len(ids) > 1}


def main(argv):
    args = [a for a in argv[1:] if a != '--shared']
    path = args[0] if args else PEOPLE
    check = Checker()
    iso3 = load_iso3()
    people = check_people(path, check, iso3)
    check_curated(CURATED, check, iso3, people)
    check_facts(people, check)
    shared = shared_variants(people)
    sources = Counter(','.join(row[4]) for row in people.values())
    print(f'rows: {len(people)}  bytes: {os.path.getsize(path)}')
    for key, n in sorted(sources.items()):
        print(f'  sources {key}: {n}')
    multi = sum(1 for v in shared if ' ' in v)
    print(f'shared variants: {len(shared)} ({multi} of several words), '
          f'listed by {sum(len(i) for i in shared.values())} rows')
    ranked = sorted(shared.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    for form, ids in ranked if '--shared' in argv else ranked[:20]:
        print(f'  {len(ids):4d}  {form}' + (f'  {" ".join(ids)}' if '--shared' in argv else ''))
    for message in check.failures:
        print('FAIL', message)
    print('OK' if check.ok else f'{len(check.failures)} failures')
    return 0 if check.ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
