#!/usr/bin/env python3
"""Build agents.tsv (role nouns -> CAMEO role, kind, source) and dropped.txt beside this script.

Usage: python3 build_agents.py [PHOENIX_AGENTS_TXT] [--out DIR]

Inputs: PETRARCH2's Phoenix.agents.txt (default ../../../../../shared/data/petrarch/Phoenix.agents.txt),
Dateline's ../events/agents.tsv and ../gazetteer/titles.tsv. A noun's role comes from ../events/agents.tsv,
else titles.tsv (a noun's singular/plural twin counts too), else Phoenix's code through ROLE_MAP.
Prints a tally of the Phoenix line shapes, the counts and the overrides. Deterministic (same inputs,
same bytes); standard library only. SOURCES.md explains the rules and tables below.
"""
import collections
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_PHOENIX = os.path.join(HERE, '../../../../../shared/data/petrarch/Phoenix.agents.txt')
OURS = os.path.join(HERE, '../events/agents.tsv')
TITLES = os.path.join(HERE, '../gazetteer/titles.tsv')

# Every 3-letter group of a Phoenix code -> Dateline role, or None (no Dateline role).
# A multi-group code (~GOVMIL) takes the role of its first group that has one.
ROLE_MAP = {
    **{r: r for r in 'GOV MIL COP JUD SPY LEG OPP REB ELI CVL CRM EDU MED BUS'.split()},
    'UAF': 'REB', 'LAB': 'CVL', 'REF': 'CVL', 'AGR': 'CVL', 'HLH': 'CVL', 'HRI': 'OPP',
    **dict.fromkeys('REL CHR CTH PRO MAR BUD HIN JEW MUS RAD PTY PPL ENV DEV NGO IGO IMG'.split()),
}
STATE_ROLES = {'GOV', 'MIL', 'COP', 'JUD', 'SPY', 'LEG'}

# Plurals. Phoenix drops regular plurals; PETRARCH adds them on loading. Here: the head word (the last
# word, or the word before the first preposition: "council of ministers") takes the English plural.
STEMS = {'minist': [('minister', 'ministers'), ('ministry', 'ministries')],   # unstopped stems
         'compan': [('company', 'companies')], 'industr': [('industry', 'industries')],
         'authorit': [('authority', 'authorities')]}
PREPS = {'of', 'for', 'in', 'to', 'at', 'on', 'with', 'along', 'without', 'de'}
POSTPOSITIVE = {'emeritus', 'extraordinary', 'plenipotentiary', 'jg', '(jg)', 'junior', 'grade', 'supreme'}
UNCOUNTED = set('aerospace aircraft artillery clergy craft enforcement federale governance infantry information '
                'intelligence janjaweed labor leadership media nationale news opposition personnel police press '
                'resistance security soldiery staff television tv'.split())   # no plural is made
IRREGULAR = {'child': 'children', 'mafioso': 'mafiosi'}

# Kinds, first rule that applies: KIND_FIXES; a noun ending -held/-controlled, a head in GROUP_WORDS
# or EQUIPMENT, or a THINGS head under its role -> group; a state role on an INSTITUTIONS head ->
# body; a COLLECTIVES head -> group; otherwise plural -> group, singular -> person.
KIND_FIXES = {**dict.fromkeys(['army national guard', 'assembly federale', 'coast guard', 'court supreme',
                               'gendarmerie nationale', 'judicial system', 'justice system', 'military justice',
                               'national guard'], 'body'),
              **dict.fromkeys(['artillery system', 'defense services', 'government troops and police',
                               'savings and loan', 'students and professor', 'students and teacher',
                               'unmanned aerial system'], 'group'),
              "charge d'affaires": 'person'}
GROUP_WORDS = {'forces', 'authorities'}
EQUIPMENT = set(   # head words of aircraft, ships, vehicles, weapons ("16", "4c", "fa": "f 16", "rf 4c", "pak fa")
    '16 4c aircraft apache b-52 battleship boat carrier chinook containership corvette craft cruiser destroyer '
    'dragonfly drone eurofighter f-16 f-7mg f/a-18 fa falcon freighter frigate gun gunship helicopter hmmwv hornet '
    'humvee jet jumbojet kfir mi-24vm/hind mig mig-21pfm mirage-2000 missile orion osprey plane poseidon predator '
    'raptor reaper ship su-24 su-30mk supertanker tank tanker trainer typhoon uav vehicle vessel warplane '
    'warship'.split())
THINGS = {'MIL': ('fighter', 'bomber'), 'BUS': ('maker', 'manufacturer', 'contractor')}   # persons otherwise
INSTITUTIONS = set(   # with a state role: state institutions and the buildings that stand for them
    'administration advisory agency apparatus army assembly authority bank barracks base board body branch '
    'building bureau bureaucracy cabinet chamber chancellery command commission committee congress consulate corp '
    'council court department dept district duma embassy enforcement facility force gendarmerie gendarmery '
    'gendermarie government hospital house institution intelligence judicatory judicature judiciary junta '
    'legislature military ministry mission muhabarat mukabarat mukhabarat navy office palace parliament police '
    'politburo position post praesidium presidium prison procuratorate regime secretariate security senate '
    'service tribunal'.split())
COLLECTIVES = INSTITUTIONS | set(   # organisations, units and collective nouns
    'aerospace agrobusiness airline airway alliance artillery association band battalion blog brigade business '
    'cartel center centre clergy clique coalition college community company conglomerate conservatory '
    'corporation crime daily delegation detachment electorate enterprise exchange facilitiy faction family '
    'federation firm front gang garrison gazette group industry infantry infirmary insurgence insurgency '
    'kindergarden kindergarten labor leadership machine maffia mafia magazine media milita militia minority mob '
    'monastary monastery movement news newspaper opposition org organisation organization outlet party patrol '
    'personnel population preschool presence press rabble races radio regiment reserve resistance sanatarium '
    'sanatorium sanitarium school schoolhouse site society squad staff station syndicate tabloid television troop '
    'tv union unit university website wing'.split())

# Phoenix nouns that would mis-code news: a reason, then the forms it drops (indented, "; "-separated).
# A form that events/agents.tsv or titles.tsv lists is never dropped.
NOISE = """
generic person noun: names no role (Phoenix PPL, or CVL "provisional")
    man; men; people; persons; woman; women; girl; girls
mostly a film or stage actor in news
    actor; actors
an adjective; "retired general" is handled by titles.tsv's ELI rule
    retired; retireds
a status, not a role; mostly celebrity news
    vip; vips
kinship noun, no role
    mother; mothers
also a common personal name (Hunter, Fisher, Dean, Granger)
    hunter; hunters; fisher; fishers; dean; deans; granger; grangers
a place, not an actor
    village; villages; small town; small towns; neighborhood; neighborhoods; neighbourhood; neighbourhoods
mostly a legal or financial settlement
    settlement; settlements
mostly "the international community" (an IGO sense) or abstract
    community; communities
a passenger aircraft is a thing hit, not an actor of its country
    passenger airliner; passenger airliners; airliner; airliners; commercial jet; commercial jets; jetliner;
    jetliners; passenger jet; passenger jets
mostly abstract ("do business")
    business; businesses
informal; "party boss", "crime boss" take other roles
    boss; bosses
a word fragment ("warmonger")
    monger; mongers
also The Economist (magazine); "economists" stays
    economist
WordNet noise: no such actor in news
    bargainer; bargainers; cabinetmaker; cabinetmakers; waiter; waiters; waitress; waitresses; nanny;
    nannies; nursemaid; nursemaids; cultivator; cultivators; cropper; croppers; educatee; educatees;
    collegian; collegians; excursionist; excursionists; tourer; tourers
mostly the Edmonton Oilers
    oiler; oilers
mostly a producing or exporting country ("top oil producer")
    producer; producers; exporter; exporters
WordNet archaism or jargon (the Phoenix header's own warning)
    brigand; brigands; cutpurse; cutpurses; gaolbird; gaolbirds; jailbird; jailbirds; jail bird; jail birds;
    larcener; larceners; larcenist; larcenists; malefactor; malefactors; miscreant; miscreants; rumrunner;
    rumrunners; safebreaker; safebreakers; sea rover; sea rovers; sea robber; sea robbers; snitcher;
    snitchers; housebreaker; housebreakers; holdup man; stickup man; pilferer; pilferers; contrabandist;
    contrabandists; extortioner; extortioners; gangdom; gangland; ganglands; marauder; marauders;
    gunslinger; gunslingers; privateer; privateers; recreant; recreants; crusader; crusaders; lawgiver;
    lawgivers; promulgator; promulgators; assemblage; assemblages; potentate; potentates; polity; polities;
    soldiery; battlewagon; battlewagons; consistory; consistories; pleader; pleaders; stipendiary;
    stipendiaries; sodbuster; sodbusters; husbandman; husbandmen; husbandwoman; husbandwomen; husbandperson;
    foster-nurse; foster-nurses; medico; medicos; doc
not an English word
    branokker; branokkers; tinginist; tinginists
mostly a thing to blame ("the culprit was a faulty valve")
    culprit; culprits
also a verb ("convict", "outlaw", "advocate") or a supporter ("advocates of reform")
    convict; convicts; outlaw; outlaws; advocate; advocates
mostly an adviser ("state counselor"), not a lawyer
    counsellor; counsellors; counselor; counselors
Phoenix codes CRM; migrants are civilians ("immigrant", "migrant" stay CVL)
    illegal immigrant; illegal immigrants; illegal migrant; illegal migrants
mostly the adjective ("criminal charges"); "criminals" stays
    criminal
a hired killer is a criminal, not an armed group; UAF -> REB would mis-code
    hitman; hitmen; hit man; hit men; triggerman; hired gun; hired guns; gun for hire; guns for hire
fighters for hire, often state-backed; REB would mis-code
    mercenary; mercenaries; soldier of fortune; soldiers of fortune; private security force;
    private security forces
Phoenix codes REB; looters are rioters or criminals, raiders also a sports team
    looter; looters; pillager; pillagers; plunderer; plunderers; raider; raiders
an event, not an actor; "revolt" is also a verb
    revolt; revolts; uprising; uprisings; rebellion; rebellions
mostly "in exile"; "exiled leader" etc. stay
    exile; exiles
prisoners of any side; "political detainee" stays OPP
    detainee; detainees
mostly abstract ("the authority to"); "authorities" stays
    authority
abstract, or the state itself rather than a role
    governance; public sector; public sectors; kingdom; kingdoms; sovereign; sovereigns; military rule;
    military rules
an event, not an actor
    a cabinet meeting
mostly a company's CEO (Hong Kong's is the exception)
    chief executive; chief executives
mostly the UN organ (IGOUNO)
    security council; security councils; general assembly; general assemblies
mostly "gas chamber", "chamber of commerce"
    chamber; chambers
ordinary words ("delegates from 190 countries", "representatives of")
    delegate; delegates; representatives
generic; Phoenix's GOVMIL looks like an error
    executive department; executive departments
an activity, not an actor
    security check; security checks; intelligence information; intelligence activity;
    intelligence activities; intelligence operation; intelligence operations
an adjective only
    naval; navals; military led; military leds; semi-official; semi-officials; state-owned; state-owneds;
    naturalized; naturalizeds; non-native; non-natives
mostly the adjective ("intellectual property", "native language"); the plurals stay
    intellectual; native
mostly the act of publishing
    publication; publications
a telecoms company is business, not media
    telecom; telecoms; telecom firm; telecom firms; telecom consultant; telecom consultants
an ordinary word ("upper echelons"), or archaic
    echelon; echelons; phalanx; phalanxes
mostly an airline or a phone carrier ("aircraft carrier" stays)
    carrier; carriers
mostly a person ("the bomber"); "bombers" and the aircraft phrases stay
    bomber
mostly a deputy minister or a member of parliament, not a sheriff's deputy
    deputy; deputies
an idiom, mostly sport or hobby
    weekend warrior; weekend warriors
soldiers' families are civilians, not MIL
    soldiers, along with their families; soldiers and their families; soldiers with their families
an adjective phrase; no role
    the poor
an embassy office or an old English court; neither is an actor in news
    chancery; chanceries
a fragment of Myanmar's "State Law and Order Restoration Council"
    general for law and order; generals for law and order
garbled "C-in-C of"
    c in cof; cs in cof
garbled "Supreme People's Court"
    supreme people court; supreme people courts
garbled "office of the UN representative"
    office of the unrepresentative; offices of the unrepresentative
a form of state, not an actor
    constitutional monarcy; constitutional monarcies
misspelt "manufacture", an activity
    manafacture; manafactures
garbled ("Sports & Youth")
    ministry of sports youth; ministries of sports youth; minister of sports youth;
    ministers of sports youth
a truncated name ("civil ...", "foreign ...", "home ...")
    ministry for civil; ministries for civil; minister for civil; ministers for civil; ministry of civil;
    ministries of civil; minister of civil; ministers of civil; secretary of civil; secretaries of civil;
    ministry for foreign; ministries for foreign; minister for foreign; ministers for foreign;
    ministry of foreign; ministries of foreign; minister of foreign; ministers of foreign;
    ministry for home; ministries for home; minister for home; ministers for home; ent affairs minister;
    ent affairs ministers; ent affairs ministry; ent affairs ministries
a fragment of a group's name; the place follows "of"
    front for the liberation; army for the liberation; popular movement for the liberation
Phoenix's misspelt plural of "midwife"
    midwive
"""


def noise_table():
    table, reason = {}, None
    for line in NOISE.strip().splitlines():
        if line.startswith(' '):
            table.update((form.strip(), reason) for form in line.split(';') if form.strip())
        else:
            reason = line
    return table


def norm(phrase):
    """Phoenix phrase -> noun as written: '_' and blanks become one space, lowercase."""
    return re.sub(r'[_ ]+', ' ', phrase).strip().lower()


def head_index(words):
    i = next((i - 1 for i, w in enumerate(words) if i and w in PREPS), len(words) - 1)
    while i and words[i] in POSTPOSITIVE:
        i -= 1
    return i


def head(noun, i=None):
    words = noun.split(' ')
    return words[head_index(words) if i is None else i]


def is_plural(word):
    word = word.rstrip(',')
    return word.endswith(('men', 'people', 'children', 'hasidim')) or (
        word.endswith('s') and not word.endswith(('ss', 'us', 'is')) and word not in UNCOUNTED)


def pluralise(w):
    if w in IRREGULAR:
        return IRREGULAR[w]
    if w.endswith('man') and w != 'human':
        return w[:-3] + 'men'
    if w.endswith(('s', 'x', 'z', 'sh')) or (w.endswith('ch') and not w.endswith('arch')):
        return w + 'es'
    if w.endswith('y') and len(w) > 1 and w[-2] not in 'aeiou':
        return w[:-1] + 'ies'
    return w + 's'


def singular(w):
    for pl, sg in (('ies', 'y'), ('men', 'man'), ('ches', 'ch'), ('shes', 'sh'), ('sses', 'ss'), ('s', '')):
        if w.endswith(pl):
            return w[:-len(pl)] + sg
    return w


def plural_of(noun):
    """The regular plural of a singular noun phrase, or None where none should be made."""
    words = noun.split(' ')
    i = head_index(words)
    w = words[i]
    if words[0] in ('the', 'a') or w.endswith('.') or w in UNCOUNTED or is_plural(w):
        return None
    return ' '.join(words[:i] + [pluralise(w)] + words[i + 1:])


def read_phoenix(path, tally):
    """Yield (line number, code or '', [(singular, plural or None, index of the head word)]) per
    entry, and tally the line shapes."""
    sets = {}
    for n, raw in enumerate(open(path, encoding='utf-8'), 1):
        line = raw.rstrip('\n')
        if not line.strip():
            continue
        if line.startswith('#'):
            tally['comment line'] += 1
            continue
        if '#' in line:
            tally['trailing # comment (cut, as PETRARCH does)'] += 1
            line = line[:line.find('#')]
        if '!' in line and '=' in line:
            tally['substitution set !X! = ...'] += 1
            name, _, items = line.partition('=')
            items = [norm(x) for x in items.split(',')]
            sets[name.strip()] = [(x, pluralise(x) if pluralise(x) in items else None)
                                  for x in items if not any(pluralise(y) == x for y in items)]
            continue
        if '[' not in line:
            tally['no code (skipped, as PETRARCH does)'] += 1
            yield n, '', [(norm(line), None, head_index(norm(line).split(' ')))]
            continue
        phrase, _, rest = line.partition('[')
        code = rest.partition(']')[0].strip()
        if code.endswith('}'):
            tally['code closed by } instead of ] (read as ])'] += 1
            code = code[:-1]
        tally['prefix code [XXX~]' if code.endswith('~') else
              'multi-group code [~XXXYYY]' if len(code) > 4 else 'single-group code [~XXX]'] += 1
        plural_given = None
        if '{' in phrase:
            phrase, _, given = phrase.partition('{')
            plural_given = norm(given.partition('}')[0])
        if ' ' in phrase.strip():
            tally['blank between words (intervening words allowed; read as one space)'] += 1
        phrase = phrase.replace('AD!MINIST!RAT', 'ADMINISTRAT')  # a search-and-replace slip in Phoenix
        marker = re.search(r'!\w+!', phrase)
        noun = norm(phrase)
        words = noun.split(' ')
        if marker:   # the head is the word the marker stands in
            tally['substitution marker !X! (the set lists the plurals; braces ignored)'] += 1
            i = next(i for i, w in enumerate(words) if '!' in w)
            yield n, code, [(norm(phrase.replace(marker.group(), sg)),
                             pl and norm(phrase.replace(marker.group(), pl)), i) for sg, pl in sets[marker.group()]]
        elif words[-1] in STEMS:
            tally['unstopped stem (MINIST, COMPAN, INDUSTR, AUTHORIT: expanded)'] += 1
            stem = noun[:-len(words[-1])]
            yield n, code, [(stem + sg, stem + pl, len(words) - 1) for sg, pl in STEMS[words[-1]]]
        elif plural_given is not None:
            tally['{PLURAL} irregular plural given' if plural_given else '{} no plural'] += 1
            yield n, code, [(noun, plural_given or None, head_index(words))]
        elif phrase.strip().endswith('_'):
            tally['stopped with trailing _ (no plural)'] += 1
            yield n, code, [(noun, None, head_index(words))]
        else:
            tally['already plural (no plural made)' if is_plural(head(noun)) else 'regular (plural generated)'] += 1
            yield n, code, [(noun, plural_of(noun), head_index(words))]


def read_roles(path):
    rows = (line.rstrip('\n').split('\t') for line in open(path, encoding='utf-8'))
    return {cols[0].lower(): cols[1] for cols in rows if cols[0] and not cols[0].startswith('#')}


def phoenix_role(code):
    groups = re.findall('[A-Z]{3}', code)
    return next((ROLE_MAP[g] for g in groups if ROLE_MAP[g]), None)


def kind_of(noun, h, role, plural, sg):
    h = h.rstrip(',')
    heads = {h, singular(h)} if plural else {h}
    if sg in KIND_FIXES:
        return KIND_FIXES[sg]
    if (noun.endswith(('-held', '-controlled')) or h in GROUP_WORDS or heads & EQUIPMENT
            or role in THINGS and any(x.endswith(THINGS[role]) for x in heads)):
        return 'group'
    if role in STATE_ROLES and heads & INSTITUTIONS:
        return 'body'
    return 'group' if heads & COLLECTIVES or plural else 'person'


def drop_reason(form, code, mapped, noise):
    if form in noise:
        return noise[form]
    if not code:
        return 'no code in Phoenix (PETRARCH skips the line)'
    if not form.isascii():
        return 'mojibake in a Spanish ministry name'
    if form.split(' ')[-1] in PREPS:
        return 'a fragment ending in a preposition: the country or body follows, so a modifier rule misreads it'
    if code.endswith('~'):
        return f"prefix code [{code}]: an international organisation's agent, not a state role"
    if mapped is None:
        return f'Phoenix code [{code}] has no Dateline role (SOURCES.md, role mapping)'
    return None


def build(phoenix_path):
    tally = collections.Counter()
    ours, titles, noise = read_roles(OURS), read_roles(TITLES), noise_table()
    candidates = collections.defaultdict(list)   # form -> [(line, code, mapped role, singular, plural, head)]
    for n, code, pairs in read_phoenix(phoenix_path, tally):
        mapped = phoenix_role(code) if not code.endswith('~') else None
        for sg, pl, i in pairs:
            candidates[sg].append((n, code, mapped, sg, pl, head(sg, i)))
            if pl:
                same = len(pl.split(' ')) == len(sg.split(' '))
                candidates[pl].append((n, code, mapped, sg, pl, head(pl, i if same else None)))
    rows, dropped, intra, overridden = {}, {}, [], {}
    for form in sorted(candidates):
        # Phoenix lists a few forms twice: a mapped code wins, then a single-group code, then the first line.
        cands = sorted(candidates[form], key=lambda c: (c[2] is None, len(c[1]) > 4, c[0]))
        n, code, mapped, sg, pl, h = cands[0]
        if len({c[2] for c in cands if c[2]}) > 1:
            intra.append(f'{form}: ' + ', '.join(f'{c[2]} (line {c[0]})' for c in cands if c[2]) + f'; {mapped} kept')
        twins = [sg] + ([pl] if pl else [])
        by = next(((name, table[f]) for f in [form] + twins for name, table in
                   (('events/agents.tsv', ours), ('titles.tsv', titles)) if f in table), None)
        reason = None if form in ours or form in titles else drop_reason(form, code, mapped, noise)
        if reason and not (by and form not in noise):
            dropped[form] = reason
            continue
        role = by[1] if by else mapped
        plural = form == pl or is_plural(h)
        kind = kind_of(form, h, role, plural, sg)
        if not by and code.startswith('~GOVMIL') and singular(h) in ('ministry', 'department') and 'civil' not in form:
            role = 'MIL'   # titles.tsv: a defence ministry as an institution is MIL
        if not by and code.startswith('~GOVMED') and singular(h) in ('media', 'agency', 'television', 'tv'):
            role = 'MED'   # titles.tsv: state media and state news agencies are MED
        if role != mapped:
            overridden[form] = f'{mapped or "-"} -> {role} ({by[0] if by else code})'
        rows[form] = [role, kind, 'phoenix']
    for form, role in ours.items():
        phoenix = next((c[2] for c in sorted(candidates.get(form, []), key=lambda c: c[0]) if c[2]), None)
        if phoenix and phoenix != role:
            overridden.setdefault(form, f'{phoenix} -> {role} (events/agents.tsv)')
        rows[form] = [role, kind_of(form, head(form), role, is_plural(head(form)), form),
                      'phoenix,dateline' if form in candidates else 'dateline']
    dropped = {form: reason for form, reason in dropped.items() if form not in rows}
    return rows, dropped, tally, intra, overridden


HEADER = """\
# agents.tsv: role nouns that name a state's agents in news ("police", "rebels", "the ministry",
# "lawmakers"), with the CAMEO role they take; the country comes from a demonym, possessive or place
# next to the noun ("Syrian rebels" -> SYRREB, "police in Lagos" -> NGACOP).
# GENERATED by build_agents.py: do not edit; change the inputs or the script's tables and rebuild.
# Sources: PETRARCH2 Phoenix.agents.txt (openeventdata/petrarch2 @ 676801cd9cb2924bbbad09f86d15c9323e7097bf,
#   MIT licence, notice below) and Dateline's events/agents.tsv (CC0 1.0), whose roles win;
#   gazetteer/titles.tsv roles win over Phoenix's. Rules, role mapping and counts: SOURCES.md.
# Columns (TAB-separated, no header row, sorted by noun):
#   noun    lowercase, as written in news; singular and plural forms are separate rows
#   role    GOV MIL COP JUD SPY LEG OPP REB ELI CVL CRM EDU MED BUS (MED = media)
#   kind    person (one person) | group (people or things in numbers; organisations) | body (a state institution)
#   source  phoenix | dateline | phoenix,dateline
# Licence of the Phoenix-derived rows (the notice of Phoenix.agents.txt):
#   The MIT License (MIT)
#   Copyright (c) 2014 Open Event Data Alliance
#   Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
#   associated documentation files (the "Software"), to deal in the Software without restriction, including
#   without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
#   copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the
#   following conditions:
#   The above copyright notice and this permission notice shall be included in all copies or substantial
#   portions of the Software.
#   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
#   LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO
#   EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
#   IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR
#   THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def main():
    args = sys.argv[1:]
    out = HERE
    if '--out' in args:
        out = args.pop(args.index('--out') + 1)
        args.remove('--out')
    rows, dropped, tally, intra, overridden = build(args[0] if args else DEFAULT_PHOENIX)
    with open(os.path.join(out, 'agents.tsv'), 'w', encoding='utf-8', newline='\n') as f:
        f.write(HEADER)
        f.writelines('\t'.join([noun] + rows[noun]) + '\n' for noun in sorted(rows))
    with open(os.path.join(out, 'dropped.txt'), 'w', encoding='utf-8', newline='\n') as f:
        f.write('# dropped.txt: Phoenix.agents.txt nouns left out of agents.tsv, one reason each (generated by\n'
                '# build_agents.py; MIT, Copyright (c) 2014 Open Event Data Alliance, notice in SOURCES.md).\n'
                '# Columns (TAB-separated, no header row): noun, reason.\n')
        f.writelines(f'{noun}\t{dropped[noun]}\n' for noun in sorted(dropped))
    print('Phoenix line shapes:')
    print(''.join(f'  {c:5}  {s}\n' for s, c in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))), end='')
    print(f'rows: {len(rows)}; dropped: {len(dropped)}')
    for key, name in ((2, 'source'), (0, 'role'), (1, 'kind')):
        print(f'by {name}:', dict(sorted(collections.Counter(r[key] for r in rows.values()).items())))
    print(f'Phoenix forms coded twice with different roles ({len(intra)}):')
    print(''.join(f'  {x}\n' for x in intra), end='')
    print(f'roles changed from Phoenix\'s ({len(overridden)}):')
    print(''.join(f'  {f}: {x}\n' for f, x in sorted(overridden.items())), end='')


if __name__ == '__main__':
    main()
