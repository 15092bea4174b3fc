#!/usr/bin/env python3
"""Validate agents.tsv and dropped.txt beside this script and the held-out probes
(../../../dateline-eval/resources/probes/agents.tsv), and check that build_agents.py
reproduces agents.tsv and dropped.txt byte for byte.

Usage: python3 check_agents.py     Exits 1 on any error. Standard library only.

agents.tsv: '#' header first, then 4 TAB-separated non-empty columns, no surrounding spaces, lowercase
noun, role and kind and source from the closed sets, no duplicate noun, sorted; every row of
../events/agents.tsv present with its role. dropped.txt: 2 columns, no noun that agents.tsv keeps.
probes: 2 columns, codes are an ISO3 code of ../gazetteer/countries.tsv plus a role.
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROLES = {'GOV', 'MIL', 'COP', 'JUD', 'SPY', 'LEG', 'OPP', 'REB', 'ELI', 'CVL', 'CRM', 'EDU', 'MED', 'BUS'}
KINDS = {'person', 'group', 'body'}
SOURCES = {'phoenix', 'dateline', 'phoenix,dateline'}
errors = []


PROBES = os.path.join(HERE, '../../../dateline-eval/resources/probes')


def rows(name, ncols, folder=HERE):
    """The body rows of a '#'-headed TSV file, checking its layout."""
    text = open(os.path.join(folder, name), 'rb').read().decode('utf-8')
    if '\r' in text or not text.endswith('\n') or not text.startswith('#'):
        errors.append(f'{name}: needs LF line endings, a final newline and a # header first')
    lines = text.split('\n')[:-1]
    body = [(n, line) for n, line in enumerate(lines, 1) if not line.startswith('#')]
    if body and any(line.startswith('#') for line in lines[body[0][0]:]):
        errors.append(f'{name}: comment line inside the body')
    out = []
    for n, line in body:
        cols = line.split('\t')
        if len(cols) != ncols or any(not c or c != c.strip() for c in cols):
            errors.append(f'{name}:{n}: want {ncols} non-empty, trimmed columns: {line!r}')
            continue
        out.append((n, cols))
    return out


def check_agents():
    seen = {}
    agents = rows('agents.tsv', 4)
    for n, (noun, role, kind, source) in agents:
        for value, allowed, what in ((role, ROLES, 'role'), (kind, KINDS, 'kind'), (source, SOURCES, 'source')):
            if value not in allowed:
                errors.append(f'agents.tsv:{n}: bad {what} {value!r}')
        if noun != noun.lower():
            errors.append(f'agents.tsv:{n}: noun not lowercase: {noun!r}')
        if noun in seen:
            errors.append(f'agents.tsv:{n}: duplicate noun {noun!r} (line {seen[noun][0]})')
        seen[noun] = (n, role, source)
    if [cols[0] for _, cols in agents] != sorted(seen):
        errors.append('agents.tsv: rows not sorted by noun')
    for n, (noun, role) in rows('agents.tsv', 2, os.path.join(HERE, '../events')):
        if seen.get(noun, (0, None))[1] != role or 'dateline' not in seen[noun][2]:
            errors.append(f'agents.tsv: events/agents.tsv row {noun!r} {role} missing or changed')
    for n, (noun, _) in rows('dropped.txt', 2):
        if noun in seen:
            errors.append(f'dropped.txt:{n}: {noun!r} is also kept in agents.tsv')
    return len(agents)


def check_probes():
    countries = {line.split('\t')[0] for line in open(os.path.join(HERE, '../gazetteer/countries.tsv'), encoding='utf-8')
                 if not line.startswith('#')}
    probes = rows('agents.tsv', 2, PROBES)
    for n, (_, expected) in probes:
        for code in expected.split('|'):
            if not re.fullmatch(r'[A-Z]{6}', code) or code[:3] not in countries or code[3:] not in ROLES:
                errors.append(f'probes/agents.tsv:{n}: bad code {code!r}')
    return len(probes)


def check_rebuild():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, os.path.join(HERE, 'build_agents.py'), '--out', tmp],
                       check=True, stdout=subprocess.DEVNULL)
        for name in ('agents.tsv', 'dropped.txt'):
            if open(os.path.join(tmp, name), 'rb').read() != open(os.path.join(HERE, name), 'rb').read():
                errors.append(f'{name}: differs from a fresh build_agents.py run (rebuild and commit)')


def main():
    n_agents = check_agents()
    n_probes = check_probes()
    check_rebuild()
    print('\n'.join(errors) or f'ok: agents.tsv {n_agents} rows, probes/agents.tsv {n_probes} probes, rebuild identical')
    sys.exit(1 if errors else 0)


if __name__ == '__main__':
    main()
