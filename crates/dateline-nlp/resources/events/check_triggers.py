#!/usr/bin/env python3
"""Check triggers.tsv against the CAMEO and PLOVER reference tables.

Usage: check_triggers.py [--cameo DIR] [--triggers FILE]

DIR holds cameo-eventcodes.tsv, cameo2plover.txt and plover-structured-codebook.csv; it defaults
to ../../../../../shared/data/cameo relative to this script's directory. FILE defaults to
triggers.tsv next to this script.

Errors (exit status 1): a row without exactly 7 columns, a bad trigger, pos other than V/N, a
CAMEO code missing from cameo-eventcodes.tsv, a PLOVER type outside the 16 of PLOVER 0.8, a mode
the codebook does not list for that type, a target token outside the allowed set, malformed
needs, a duplicate (trigger, pos, needs) row, a reporting verb as a trigger, a comment line after
the first row, or a CAMEO root (01-20) or PLOVER type with no row.

Warnings (printed, exit status unaffected): a PLOVER type that differs from the CAMEO -> PLOVER
table with Dateline's conventions on top; a row that gives no mode where the table's mode for the
code is not a codebook mode of the row's type (the engine would keep the table's mode); rows
starting with the same word that are not contiguous; a row that can only be reached when the
engine requires a target (it follows a row of the same trigger with needs - and is not a notarget
fallback for the same code); obj as the target of a noun.

Python 3 standard library only. Licence: CC0 1.0.
"""

import argparse
import csv
import os
import re
import sys
from collections import Counter, defaultdict

PLOVER_TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
# Prepositions a target may be introduced by, and the direct-object slot.
TARGET_TOKENS = {
    "obj", "to", "with", "against", "on", "into", "from", "for", "of", "in", "between", "at",
    "toward", "towards", "upon", "near", "among", "inside", "onto", "across", "behind",
    "outside", "over", "about",
}
# Dateline's PLOVER conventions (longest prefix wins); 08 may be either of two types.
CONVENTIONS = {"02": "REQUEST", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE",
               "057": "SUPPORT", "163": "SANCTION"}
EITHER = {"08": {"CONCEDE", "RETREAT"}}
REPORTING_VERBS = {"say", "tell", "add", "state"}
WORD = re.compile(r"^[a-z0-9][a-z0-9'’.-]*$")
STEM = re.compile(r"^[a-z0-9][a-z0-9'’é.-]*$")


def load_codes(cameo_dir):
    codes = {}
    with open(os.path.join(cameo_dir, "cameo-eventcodes.tsv"), encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\r\n").split("\t")
            if len(parts) >= 2 and parts[0].isdigit():
                codes[parts[0]] = parts[1].strip()
    return codes


def load_cameo2plover(cameo_dir):
    """CAMEO code -> (type, mode) from cameo2plover.txt; section headings give the root's type."""
    table = {}
    with open(os.path.join(cameo_dir, "cameo2plover.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0]
            if ":" not in line:
                continue
            code, rest = line.split(":", 1)
            code = code.strip()
            if len(code) < 2 or not code.isdigit():
                continue
            fields = [x.strip() for x in rest.split(",")]
            if not fields or not fields[0]:
                continue
            mode = fields[1] if len(fields) > 1 and fields[1] else None
            table.setdefault(code, (fields[0], mode))
    return table


def load_modes(cameo_dir):
    modes = defaultdict(set)
    with open(os.path.join(cameo_dir, "plover-structured-codebook.csv"), encoding="utf-8",
              newline="") as f:
        for row in csv.DictReader(f):
            event = (row.get("event") or "").strip()
            mode = (row.get("mode") or "").strip()
            if event:
                modes[event]
                if mode:
                    modes[event].add(mode)
    return modes


def expected_plover(code, table):
    """The type Dateline's code table gives `code`: conventions first, then cameo2plover."""
    for n in range(len(code), 1, -1):
        if code[:n] in CONVENTIONS:
            return CONVENTIONS[code[:n]], None
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            kind, mode = table[code[:n]]
            return kind, mode
    return None, None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cameo", default=os.path.normpath(
        os.path.join(here, "..", "..", "..", "..", "..", "shared", "data", "cameo")))
    ap.add_argument("--triggers", default=os.path.join(here, "triggers.tsv"))
    args = ap.parse_args()

    try:
        codes = load_codes(args.cameo)
        table = load_cameo2plover(args.cameo)
        modes = load_modes(args.cameo)
    except OSError as e:
        print(f"ERROR: cannot read the reference tables in {args.cameo}: {e}")
        return 1
    missing_types = [t for t in PLOVER_TYPES if t not in modes]
    if missing_types:
        print(f"note: codebook lacks types {missing_types}")

    errors, warnings = [], []
    rows = []  # (line number, cols)
    seen_row = False
    with open(args.triggers, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if line.endswith("\r"):
                errors.append(f"{n}: CR line ending")
                line = line.rstrip("\r")
            if line.startswith("#"):
                if seen_row:
                    errors.append(f"{n}: comment line after the first row")
                continue
            if not line.strip():
                errors.append(f"{n}: blank line")
                continue
            seen_row = True
            rows.append((n, line.split("\t")))

    keys = {}
    by_trigger = defaultdict(list)  # (trigger, pos) -> [(n, cols)]
    by_first = defaultdict(list)    # (first word, pos) -> [n]
    roots, types, codes_used = Counter(), Counter(), Counter()
    for n, cols in rows:
        if len(cols) != 7:
            errors.append(f"{n}: {len(cols)} columns, want 7: {cols!r}")
            continue
        if any(c != c.strip() or not c for c in cols):
            errors.append(f"{n}: empty cell or stray spaces: {cols!r}")
            continue
        trigger, pos, code, plover, mode, target, needs = cols
        words = trigger.split(" ")
        if not all(WORD.match(w) for w in words):
            errors.append(f"{n}: bad trigger {trigger!r} (lowercase words, single spaces)")
        if pos not in ("V", "N"):
            errors.append(f"{n}: pos {pos!r} is not V or N")
        if pos == "V" and words[0] in REPORTING_VERBS:
            errors.append(f"{n}: reporting verb {words[0]!r} is not an event trigger")
        if code not in codes:
            errors.append(f"{n}: CAMEO code {code!r} not in cameo-eventcodes.tsv")
        elif len(code) < 3:
            warnings.append(f"{n}: {trigger}: root code {code} (use a 3- or 4-digit code)")
        if plover not in PLOVER_TYPES:
            errors.append(f"{n}: PLOVER type {plover!r} is not one of the 16")
        elif code in codes:
            want, table_mode = expected_plover(code, table)
            either = EITHER.get(code[:2])
            if either and plover not in either:
                warnings.append(f"{n}: {trigger} {code}: {plover}, conventions say "
                                f"{' or '.join(sorted(either))}")
            elif not either and want and plover != want:
                warnings.append(f"{n}: {trigger} {code}: {plover}, table says {want}")
            elif want is None and code[:2] != "01":
                warnings.append(f"{n}: {trigger} {code}: no PLOVER type in the tables")
            t_kind, t_mode = table.get(code, (None, None))
            t_mode = t_mode.strip() if t_mode else None
            if mode == "-" and t_mode and t_mode not in modes.get(plover, set()):
                why = (f"the table's {t_kind} mode" if t_kind != plover
                       else "the table's mode, not a PLOVER 0.8 mode of that type,")
                warnings.append(f"{n}: {trigger} {code} {plover}: {why} {t_mode!r} would be "
                                f"kept; give a mode")
        if mode != "-" and plover in modes and mode not in modes[plover]:
            errors.append(f"{n}: mode {mode!r} is not a {plover} mode "
                          f"({', '.join(sorted(modes[plover])) or 'none'})")
        if target != "-":
            toks = target.split("|")
            bad = [t for t in toks if t not in TARGET_TOKENS]
            if bad:
                errors.append(f"{n}: target tokens {bad} not allowed")
            if len(set(toks)) != len(toks):
                errors.append(f"{n}: repeated target token in {target!r}")
            if pos == "N" and "obj" in toks:
                warnings.append(f"{n}: noun {trigger!r} with obj target")
        if needs not in ("-", "target", "notarget"):
            if not needs.startswith("obj="):
                errors.append(f"{n}: needs {needs!r} is not -, target, notarget or obj=…")
            else:
                stems = needs[4:].split("|")
                if not stems or not all(STEM.match(s) for s in stems):
                    errors.append(f"{n}: bad stems in {needs!r} (lowercase words, no spaces)")
                if len(set(stems)) != len(stems):
                    errors.append(f"{n}: repeated stem in {needs!r}")
        if needs == "target" and target == "-":
            errors.append(f"{n}: needs target but the row looks for no target")
        key = (trigger, pos, needs)
        if key in keys:
            errors.append(f"{n}: duplicate of line {keys[key]} ({trigger}, {pos}, {needs})")
        else:
            keys[key] = n
        by_trigger[(trigger, pos)].append((n, cols))
        by_first[(words[0], pos)].append(n)
        roots[code[:2]] += 1
        types[plover] += 1
        codes_used[code] += 1

    for (first, pos), lines in by_first.items():
        if lines != list(range(lines[0], lines[0] + len(lines))):
            gaps = [b for a, b in zip(lines, lines[1:]) if b != a + 1]
            warnings.append(f"rows starting with {first!r} ({pos}) are not contiguous "
                            f"(lines {lines[0]}…, break before {gaps[:3]})")
    for (trigger, pos), entries in by_trigger.items():
        general = None
        for n, cols in entries:
            if general is not None:
                fallback = cols[6] == "notarget" and cols[2] == general[1][2]
                if not fallback:
                    warnings.append(f"{n}: {trigger} ({pos}) follows the unconditional row on "
                                    f"line {general[0]}; reached only when that row finds no target")
            elif cols[6] == "-":
                general = (n, cols)

    all_roots = [f"{i:02d}" for i in range(1, 21)]
    missing_roots = [r for r in all_roots if roots[r] == 0]
    missing_plover = [t for t in PLOVER_TYPES if types[t] == 0]
    if missing_roots:
        errors.append(f"CAMEO roots with no row: {missing_roots}")
    if missing_plover:
        errors.append(f"PLOVER types with no row: {missing_plover}")

    nv = sum(1 for _, c in rows if len(c) == 7 and c[1] == "V")
    print(f"{len(rows)} rows ({nv} verb, {len(rows) - nv} noun), "
          f"{len(by_trigger)} distinct triggers, {len(codes_used)} distinct CAMEO codes")
    print("CAMEO roots: " + "  ".join(
        f"{r} {codes.get(r, '?').title()}: {roots[r]}" for r in all_roots))
    print("PLOVER types: " + "  ".join(f"{t} {types[t]}" for t in PLOVER_TYPES))
    for w in warnings:
        print("warning: " + w)
    for e in errors:
        print("ERROR: " + e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
