#!/usr/bin/env python3
"""Validate the gazetteer TSV files beside this script.

Usage: python3 check_gazetteer.py [DIR]     (DIR defaults to this script's folder)

Checks, per file: UTF-8, LF line endings, a final newline, '#' comment header first, then rows with
the exact column count, no empty required field, no leading/trailing spaces, no empty item in a
|-separated list, allowed values in closed columns, no duplicated surface form within a row or
(where the file requires it) within the file, and that every ISO3 code used exists in
countries.tsv. Prints a summary and the cross-row ambiguities; exits 1 on any error.
Standard library only.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROLES = {'GOV', 'MIL', 'COP', 'JUD', 'SPY', 'LEG', 'OPP', 'REB', 'ELI', 'CVL', 'CRM', 'EDU', 'MED', 'BUS'}
# CAMEO international and regional prefixes that are not ISO3 countries (codebook Tables 3.2, 3.3).
NON_STATE = {'IGO', 'NGO', 'NGM', 'IMG', 'MNC', 'INT', 'UIS'}
REGIONS = {'AFR', 'ASA', 'BLK', 'CRB', 'CAU', 'CFR', 'CAS', 'CEU', 'EIN', 'EAF', 'EEU', 'EUR', 'LAM', 'MEA',
           'MDT', 'NAF', 'NMR', 'PGS', 'SCN', 'SAM', 'SAS', 'SEA', 'SAF', 'WAF', 'WST'}
CODE_RE = re.compile(r'^[A-Z]{3,15}$')   # mostly 3-letter groups; the seed's IGOAFRAU has 8 letters

errors = []


def err(f, n, msg):
    errors.append(f'{f}:{n}: {msg}')


def read_rows(path, ncols):
    name = os.path.basename(path)
    raw = open(path, 'rb').read()
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError as e:
        err(name, 0, f'not UTF-8: {e}')
        return []
    if '\r' in text:
        err(name, 0, 'CR characters (use LF line endings)')
    if not text.endswith('\n'):
        err(name, 0, 'no final newline')
    lines = text.split('\n')[:-1]
    if not lines or not lines[0].startswith('#'):
        err(name, 1, 'file must start with # comment lines')
    rows = []
    body_started = False
    for i, line in enumerate(lines, 1):
        if line.startswith('#'):
            if body_started:
                err(name, i, 'comment line inside the body')
            continue
        body_started = True
        if not line.strip():
            err(name, i, 'blank line')
            continue
        cols = line.split('\t')
        if len(cols) != ncols:
            err(name, i, f'{len(cols)} columns, expected {ncols}')
            continue
        for c in cols:
            if c != c.strip():
                err(name, i, f'leading/trailing space in {c!r}')
        rows.append((i, cols))
    return rows


def split_items(name, n, field, label, required):
    if not field:
        if required:
            err(name, n, f'empty {label}')
        return []
    items = field.split('|')
    for it in items:
        if not it or it != it.strip():
            err(name, n, f'empty or padded item in {label}: {field!r}')
    if len(set(items)) != len(items):
        err(name, n, f'duplicate item in {label}: {field!r}')
    return items


def check_state_code(name, n, code, countries):
    if not CODE_RE.match(code) or len(code) > 15:
        err(name, n, f'bad actor code {code!r}')
        return
    head = code[:3]
    if head in NON_STATE or head in REGIONS:
        return
    if head not in countries:
        err(name, n, f'actor {code} starts with {head}, not an ISO3 in countries.tsv')


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else HERE
    summary = []

    # countries.tsv
    name = 'countries.tsv'
    rows = read_rows(os.path.join(d, name), 7)
    countries = {}
    where = {}
    for n, (iso3, cname, kind, aliases, demonyms, capital, region) in rows:
        if not re.fullmatch(r'[A-Z]{3}', iso3):
            err(name, n, f'bad iso3 {iso3!r}')
        if iso3 in countries:
            err(name, n, f'duplicate iso3 {iso3}')
        countries[iso3] = cname
        if not cname:
            err(name, n, 'empty name')
        if kind not in ('country', 'territory'):
            err(name, n, f'bad kind {kind!r}')
        if not region:
            err(name, n, 'empty region')
        forms = [cname]
        forms += split_items(name, n, aliases, 'aliases', False)
        forms += split_items(name, n, demonyms, 'demonyms', False)
        split_items(name, n, capital, 'capital', False)
        if len(set(forms)) != len(forms):
            err(name, n, f'{iso3}: a form repeats across name/aliases/demonyms')
        for f in forms:
            if re.fullmatch(r'[A-Z]{2}', f) and (iso3, f) not in {('USA', 'US'), ('GBR', 'UK')}:
                err(name, n, f'2-letter code {f!r} as a surface form')
            where.setdefault(f, set()).add(iso3)
    amb = sorted((f, sorted(c)) for f, c in where.items() if len(c) > 1)
    summary.append(f'{name}: {len(rows)} rows ({sum(1 for _, r in rows if r[2] == "country")} countries); '
                   f'{len(amb)} forms shared by two rows: ' + '; '.join(f'{f} {"/".join(c)}' for f, c in amb))

    # metonyms.tsv
    name = 'metonyms.tsv'
    rows = read_rows(os.path.join(d, name), 7)
    seen = {}
    ncap = 0
    for n, (surface, typ, actor, country, canonical, capital_of, note) in rows:
        if not surface:
            err(name, n, 'empty surface')
        if '|' in surface:
            err(name, n, 'one surface per row (no |)')
        if typ not in ('ORG', 'GPE'):
            err(name, n, f'bad type {typ!r}')
        check_state_code(name, n, actor, countries)
        if country not in countries:
            err(name, n, f'country {country!r} not in countries.tsv')
        if actor[:3] != country:
            err(name, n, f'actor {actor} does not start with country {country}')
        if not canonical:
            err(name, n, 'empty canonical')
        if capital_of:
            ncap += 1
            if capital_of != country or actor != country or typ != 'GPE':
                err(name, n, 'capital rows need capital_of == country == actor and type GPE')
        key = (surface, actor)
        if key in seen:
            err(name, n, f'duplicate row for {surface!r} -> {actor}')
        seen[key] = n
    by_surface = {}
    for (s, a) in seen:
        by_surface.setdefault(s, []).append(a)
    multi = sorted((s, sorted(a)) for s, a in by_surface.items() if len(a) > 1)
    summary.append(f'{name}: {len(rows)} rows ({len(rows) - ncap} institutions, {ncap} capitals)'
                   + (f'; surfaces with several actors: {multi}' if multi else ''))

    # igos.tsv
    name = 'igos.tsv'
    rows = read_rows(os.path.join(d, name), 5)
    owner = {}
    for n, (surface, typ, actor, canonical, note) in rows:
        forms = split_items(name, n, surface, 'surface', True)
        if typ != 'ORG':
            err(name, n, f'bad type {typ!r}')
        check_state_code(name, n, actor, countries)
        if not canonical:
            err(name, n, 'empty canonical')
        for f in forms:
            if f in owner:
                err(name, n, f'surface {f!r} already on line {owner[f]}')
            owner[f] = n
    summary.append(f'{name}: {len(rows)} rows, {len(owner)} surface forms')

    # titles.tsv
    name = 'titles.tsv'
    rows = read_rows(os.path.join(d, name), 4)
    seen_t = {}
    for n, (title, role, kind, note) in rows:
        if not title:
            err(name, n, 'empty title')
        if title != title.lower():
            err(name, n, f'title not lowercase: {title!r}')
        if title in seen_t:
            err(name, n, f'duplicate title {title!r} (line {seen_t[title]})')
        seen_t[title] = n
        if role not in ROLES:
            err(name, n, f'bad role {role!r}')
        if kind not in ('person', 'group', 'body'):
            err(name, n, f'bad kind {kind!r}')
    roles = {}
    for _, (t, r, k, _) in rows:
        roles[r] = roles.get(r, 0) + 1
    summary.append(f'{name}: {len(rows)} rows; by role: ' + ', '.join(f'{r} {c}' for r, c in sorted(roles.items())))

    for s in summary:
        print(s)
    if errors:
        print(f'{len(errors)} error(s):', file=sys.stderr)
        for e in errors:
            print('  ' + e, file=sys.stderr)
        sys.exit(1)
    print('OK')


if __name__ == '__main__':
    main()
