#!/usr/bin/env python3
"""Build people.tsv: a dated knowledge base of political people for actor coding.

Usage (from anywhere):
    python3 build_kb.py [DATA_DIR] [--out FILE]

DATA_DIR defaults to ../../../../../shared/data relative to this script (the shared, read-only
data folder beside the repository). It must hold leaders/ (three Wikidata query results) and
petrarch/ (the PETRARCH2 Phoenix actor dictionaries). Beside this script the build also reads
curated.tsv (hand-written rows, merged by id), common-words.txt (surnames that are also common
English words) and ../gazetteer/countries.tsv (ISO3 codes and demonyms). It writes people.tsv
beside this script (or FILE) and prints the cleaning counts that SOURCES.md reports.

Only the Python 3 standard library is used. The output is deterministic: every collection that
reaches the output is sorted, and nothing depends on the clock or on dict/set iteration order.
"""
import csv
import datetime
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, '..', '..', '..', '..', '..', 'shared', 'data'))
COUNTRIES_TSV = os.path.join(HERE, '..', 'gazetteer', 'countries.tsv')
CURATED_TSV = os.path.join(HERE, 'curated.tsv')
COMMON_WORDS = os.path.join(HERE, 'common-words.txt')
OUTPUT = os.path.join(HERE, 'people.tsv')

Date = datetime.date
DAY = datetime.timedelta(days=1)
PERIOD_START = Date(1945, 1, 1)       # terms that ended before this are dropped
SNAPSHOT_2024 = Date(2024, 10, 23)    # date of heads-current-2024.csv
LEADERS_END = Date(2025, 10, 3)       # last date covered by heads-of-state-government.csv
PHOENIX_AS_OF = Date(2014, 1, 30)     # CountryInfo.140130, the snapshot Phoenix's people come from

# CAMEO roles kept in the `roles` column (at most one per code).
ROLES = ('GOV', 'MIL', 'COP', 'JUD', 'SPY', 'LEG', 'OPP', 'REB', 'ELI', 'CVL', 'CRM', 'EDU',
         'MED', 'BUS')
# Phoenix country prefixes that are not ISO 3166-1 alpha-3, mapped to the code countries.tsv uses.
CAMEO_TO_ISO = {'TMP': 'TLS', 'KSV': 'UNK', 'IMY': 'IMN', 'USR': 'SUN', 'FRY': 'YUG'}
# Former states that Phoenix codes and countries.tsv (current codes only) lacks.
EXTRA_COUNTRIES = {'SUN': 'Soviet Union', 'YUG': 'Yugoslavia', 'CSK': 'Czechoslovakia',
                   'DDR': 'East Germany', 'SCG': 'Serbia and Montenegro'}
# Countries whose names put the family name first: the short form is the first word.
FAMILY_NAME_FIRST = frozenset(('CHN', 'TWN', 'HKG', 'MAC', 'KOR', 'PRK'))
# Countries whose names do not follow the given names + surname order (East Asian family-name
# first, Burmese names without a family name): names there are only matched when identical.
NO_SURNAME_ORDER = FAMILY_NAME_FIRST | {'MMR'}

# Words that never occur in a person's name: a Phoenix record whose primary phrase has one of
# them is an organisation or a place, not a person.
ORG_WORDS = frozenset('''
ADMINISTRATION AFFAIRS ALLIANCE AND ARMY ASSEMBLY AUTHORITY BANK BRIGADE BRIGADES BUREAU CABINET
CHARGE COALITION COMMISSION COMMITTEE COMPANY CONGRESS CORPORATION COUNCIL COURT DEMOCRATIC
DIRECTORATE EMPIRE FEDERATION FORCES FRONT GOVERNMENT GROUP INTERNET ISLAMIC JUNTA KINGDOM LEAGUE
LIBERATION MIN. MINISTRY MOVEMENT NATIONAL OFFICE ORGANIZATION PARLIAMENT PARTY POLICE REGIME
REPUBLIC REVOLUTION REVOLUTIONARY RIGHTS SEC. SECRETARY SERVICE SFSR SOVIET STATE STATES THE
TREATY UNION
'''.split())
# Variants (Phoenix synonyms) naming something other than the person ("BUSH_ADMINISTRATION").
NOT_PERSON_WORDS = frozenset('''
ADMINISTRATION CABINET CAMP FAMILY GOVERNMENT GOVT GOV'T GOVERNMENTS REGIME SUPPORTERS LOYALISTS
FORCES FOLLOWERS ALLIES ERA
'''.split())
# Leading titles and honorifics removed from names and variants (single words; multi-word
# titles are sequences of these, e.g. PRIME MINISTER, SECRETARY GENERAL, HOJJAT OL ESLAM).
TITLES = frozenset('''
ACTING ADM. ADMIRAL AMBASSADOR AMIR ARCHBISHOP ARMY AYATOLLAH BARON BARONESS BISHOP BRIG. BRIGADIER
BUNDESKANZLER CAPT. CAPTAIN CARDINAL CHAIRMAN CHANCELLOR CHIEF COL. COLONEL COMMANDER CROWN DAME
DATO DATUK DEFENCE DEFENSE DEPUTY DR DR. DUKE EMIR ESLAM EX EX- FIELD FOREIGN FORMER GEN. GENERAL
GOV. GOVERNOR GRAND HOJJAT HRH INTERIM JONKHEER JUDGE JUSTICE KANZLER KING KPA LADY LIEUTENANT
LORD LT. MAJ. MARSHAL MAYOR MINISTER MR MR. MRS MRS. MS MS. OF OL PM PREMIER PRESIDENT
PRESIDENT-ELECT PRIME PRINCE PRINCESS PROF PROF. PROFESSOR QUEEN REV. SECRETARY SECRETARY-GENERAL
SEN. SENATOR SHAIKH SHAYKH SHEIK SHEIKH SIR SPEAKER STAFF STATE THE TUANKU VICE
'''.split())
# Name-prefix words countries.tsv does not list as demonyms (abbreviations, old adjectives).
EXTRA_NATIONALITY = frozenset('US U.S. U.S UK U.K. UN U.N. UNITED NATIONS EU E.U. SOVIET'.split())
# Lower-case particles inside names; a surname keeps the particles in front of its last word.
PARTICLES = frozenset('''
al el bin bint ibn ben de da das do dos del della der den di du la le of van von ter ten y ul ud
'''.split())
# The particles that start a surname ("al Qaddafi", "de Gaulle", "von der Leyen"); "ben"/"di"/"du"
# are left out because they are capitalised name words as often as particles.
SURNAME_PARTICLES = frozenset('al el bin ibn de da das do dos del der den la le van von'.split())
# First words of Arabic compound given names; "Abdel Fattah el-Sisi" gets no "Abdel el-Sisi".
COMPOUND_OPENERS = frozenset('abd abdel abdul abdal abu abou umm'.split())
ROMAN = frozenset('II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI'.split())


class Stats:
    """Named counters of every cleaning rule, printed at the end and quoted in SOURCES.md."""

    def __init__(self):
        self.counts = Counter()

    def add(self, key, n=1):
        self.counts[key] += n

    def report(self):
        return '\n'.join(f'{k}\t{v}' for k, v in sorted(self.counts.items()))


STATS = Stats()


# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------

def ascii_fold(text):
    """Accents and special Latin letters to ASCII ("Erdoğan" -> "Erdogan", "Ø" -> "O")."""
    special = {'ø': 'o', 'Ø': 'O', 'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'ß': 'ss', 'æ': 'ae',
               'Æ': 'AE', 'œ': 'oe', 'Œ': 'OE', 'ı': 'i', 'ð': 'd', 'þ': 'th', 'ʻ': "'", 'ʼ': "'",
               '’': "'", '‘': "'", '`': "'", 'ə': 'a', 'Ə': 'A'}
    text = ''.join(special.get(c, c) for c in text)
    return ''.join(c for c in unicodedata.normalize('NFKD', text) if not unicodedata.combining(c))


def words(phrase):
    """The words of a Phoenix phrase or a name: split on `_`, blanks and TABs."""
    return [w for w in re.split(r'[_\s]+', phrase) if w]


def norm_key(name):
    """Matching key: ASCII, upper case, hyphens as blanks, no dots/apostrophes."""
    text = ascii_fold(name).upper().replace('-', ' ').replace('_', ' ')
    text = re.sub(r"[.'`\"(),]", '', text)
    return ' '.join(text.split())


def slug(text):
    """Lower-case ASCII slug for ids: runs of other characters become one hyphen."""
    return re.sub(r'[^a-z0-9]+', '-', ascii_fold(text).lower()).strip('-')


def proper_case_word(word, first):
    """One upper-case word in display case: particles lower case inside a name, Roman numerals,
    initials and Mc/O' prefixes kept readable ("MCNAMARA" -> "McNamara")."""
    if '-' in word:
        parts = word.split('-')
        return '-'.join(proper_case_word(p, first and i == 0) if p else p
                        for i, p in enumerate(parts))
    low = word.lower()
    if not first and low in PARTICLES:
        return low
    if word.upper() in ROMAN:
        return word.upper()
    if re.fullmatch(r"(?:[A-Za-z]\.)+", word):
        return word.upper()
    out = re.sub(r"[^\W\d_]", lambda m: m.group(0).upper(), low, count=1)
    out = re.sub(r"^(Mc|O'|D'|L')([a-z])", lambda m: m.group(1) + m.group(2).upper(), out)
    return out


def proper_case(phrase_words):
    """Display form of a list of upper-case Phoenix words."""
    return ' '.join(proper_case_word(w, i == 0) for i, w in enumerate(phrase_words))


# ---------------------------------------------------------------------------------------------
# Reference tables
# ---------------------------------------------------------------------------------------------

def load_countries(path=COUNTRIES_TSV):
    """ISO3 codes, the nationality words (names, aliases, demonyms) and the place words (those
    plus capitals) of countries.tsv, as matching keys."""
    iso3s, nationality, places = set(), set(), set()
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            cols = line.rstrip('\n').split('\t')
            iso3s.add(cols[0])
            for form in [cols[1]] + cols[3].split('|') + cols[4].split('|'):
                if form:
                    nationality.add(norm_key(form))
            places.update(norm_key(c) for c in cols[5].split('|') if c)
    return iso3s, nationality, places | nationality


def load_common_words(path=COMMON_WORDS):
    """Lower-case common English words that must not be matched as a bare surname."""
    with open(path, encoding='utf-8') as f:
        return {w.strip().lower() for w in f if w.strip() and not w.startswith('#')}


# ---------------------------------------------------------------------------------------------
# Roles
# ---------------------------------------------------------------------------------------------

class Role:
    """One coded role: CAMEO code over [start, end] (None = open). `source` is wikidata, phoenix,
    fm (foreign ministers), current (heads-current-2024) or curated. `weak` marks an open end that
    only says "still in office when the source was made" (Phoenix `>date`, the 2023 foreign
    minister snapshot); a dated term of a stronger source may close it."""
    __slots__ = ('code', 'start', 'end', 'source', 'weak')

    def __init__(self, code, start, end, source, weak=False):
        self.code, self.start, self.end, self.source, self.weak = code, start, end, source, weak

    def key(self):
        return (self.start or Date.min, self.end or Date.max, self.code)

    def text(self):
        fmt = lambda d: d.isoformat() if d else ''
        return f'{self.code}@{fmt(self.start)}..{fmt(self.end)}'


def overlap_days(a_start, a_end, b_start, b_end):
    """Days shared by two intervals (None = open; open ends stop at LEADERS_END)."""
    lo = max(a_start or Date(1, 1, 1), b_start or Date(1, 1, 1))
    hi = min(a_end or LEADERS_END, b_end or LEADERS_END)
    return max(0, (hi - lo).days + 1)


def merge_intervals(roles):
    """Merge roles of one code and one source that overlap or touch (gap of at most one day)."""
    out = []
    for role in sorted(roles, key=Role.key):
        last = out[-1] if out else None
        if (last and last.code == role.code and
                (last.end is None or role.start is None or role.start <= last.end + DAY)):
            if last.end is not None and (role.end is None or role.end > last.end):
                last.end, last.weak = role.end, role.weak
            STATS.add(f'{role.source}: overlapping or touching terms merged')
        else:
            out.append(Role(role.code, role.start, role.end, role.source, role.weak))
    return out


def normalise_code(raw, iso3s):
    """CAMEO actor code -> country (ISO3) + at most one role, or an IGO/NGO code kept whole.
    Returns None for codes that name no usable actor (`---`, bare `IGO`, MNC, unknown country)."""
    raw = raw.strip().upper()
    if raw.startswith(('IGO', 'NGO')):
        return raw if len(raw) >= 6 and len(raw) % 3 == 0 and raw.isalpha() else None
    if len(raw) < 3 or not raw[:3].isalpha() or raw.startswith(('MNC', 'IMG')):
        return None
    country, rest = CAMEO_TO_ISO.get(raw[:3], raw[:3]), raw[3:]
    nested = CAMEO_TO_ISO.get(rest[:3], rest[:3])
    if rest[:3] not in ROLES and nested in iso3s:       # territory under its state: GBRVGBGOV
        country, rest = nested, rest[3:]
    if country not in iso3s and country not in EXTRA_COUNTRIES:
        return None
    chunks = [rest[i:i + 3] for i in range(0, len(rest), 3)]
    role = next((c for c in chunks if c in ROLES), '')
    return country + role


def code_country(code):
    """The ISO3 country of a normalised code, or None for IGO/NGO codes."""
    return None if code.startswith(('IGO', 'NGO')) else code[:3]


def code_role(code):
    return '' if code.startswith(('IGO', 'NGO')) else code[3:]


# ---------------------------------------------------------------------------------------------
# Wikidata leaders
# ---------------------------------------------------------------------------------------------

def wd_date(text):
    """`YYYY-MM-DD` from the leaders files, or None (empty, `unknown`, negative years)."""
    if not re.fullmatch(r'\d{4}-\d\d-\d\d', text or ''):
        return None
    try:
        return Date.fromisoformat(text)
    except ValueError:
        return None


class Leader:
    """A person of the leaders data (any of the three files), keyed by QID."""

    def __init__(self, qid):
        self.qid = qid
        self.pt_name = ''          # upstream label of heads-of-state-government.csv (often pt)
        self.en_names = []         # English labels: name_en, officeholderLabel, FM name
        self.terms = []            # Role objects
        self.countries = set()
        self.confirmed = set()     # other sources that know this QID: current, fm, phoenix, ...

    def add_en(self, name):
        if name and not re.fullmatch(r'Q\d+', name) and name not in self.en_names:
            self.en_names.append(name)

    def keys(self):
        """Full-name matching keys (titles removed) of every label."""
        names = self.en_names + ([self.pt_name] if self.pt_name else [])
        return sorted({k for k in (strip_titles_key(norm_key(n)) for n in names) if k})


def load_heads(path, leaders):
    """heads-of-state-government.csv: names of the leaders, and the usable rows per office
    (iso3, role) as [qid, start, end] lists for the term rules that follow."""
    by_office = defaultdict(list)
    with open(path, encoding='utf-8', newline='') as f:
        for row in csv.DictReader(f):
            STATS.add('wikidata heads: rows read')
            if row['flags']:
                STATS.add('wikidata heads: rows dropped, non-empty flags (total)')
                for flag in row['flags'].split(';'):
                    STATS.add(f'wikidata heads: rows dropped, flag {flag}')
                continue
            start, end = wd_date(row['start']), wd_date(row['end'])
            if start is None:
                STATS.add('wikidata heads: rows dropped, no usable start date')
                continue
            if end is not None and end < start:
                STATS.add('wikidata heads: rows dropped, end before start')
                continue
            person = leaders.setdefault(row['person_qid'], Leader(row['person_qid']))
            person.pt_name = person.pt_name or row['name']
            person.add_en(row['name_en'])
            by_office[(row['iso3'], row['role'])].append([row['person_qid'], start, end])
    return by_office


def merge_office_terms(by_office):
    """Per person and office, merge rows that overlap or touch (Turchynov twice, etc.). A missing
    end is taken as "not recorded": the merged term ends at the latest recorded end unless an
    open row starts after it (a later term that is still running)."""
    merged = {}
    for office, rows in sorted(by_office.items()):
        out, group = [], []
        for row in sorted(rows, key=lambda r: (r[0], r[1], r[2] or Date.max)) + [None]:
            same = bool(row and group and row[0] == group[0][0])
            if same and (any(r[2] is None for r in group)
                         or row[1] <= max(r[2] for r in group) + DAY):
                group.append(row)
                STATS.add('wikidata heads: identical person+office rows merged')
                continue
            if group:
                ends = [r[2] for r in group if r[2] is not None]
                open_starts = [r[1] for r in group if r[2] is None]
                end = max(ends) if ends else None
                if open_starts and (end is None or max(open_starts) > end):
                    end = None
                elif open_starts:
                    STATS.add('wikidata heads: open rows closed by a dated duplicate')
                out.append([group[0][0], group[0][1], end])
            group = [row] if row else []
        merged[office] = sorted(out, key=lambda r: (r[1], r[0]))
    return merged


def close_stale_open_terms(offices, current):
    """An open term of a person that heads-current-2024 does not list as in office on 2024-10-23
    is closed at the start of the next holder of the same office (Wikidata often lacks the end
    date of a predecessor). Persons listed as current (Maduro, the Andorran co-princes, ...) and
    terms with no later holder stay open."""
    for (iso3, _role), terms in sorted(offices.items()):
        for term in terms:
            qid, start, end = term[0], term[1], term[2]
            if end is not None or (iso3, qid) in current:
                continue
            later = [t[1] for t in terms if t[0] != qid and t[1] > start]
            if later:
                term[2] = min(later)
                STATS.add('wikidata heads: open terms closed at the next holder\'s start')


def drop_early_terms(offices):
    """Keep terms that end on/after 1945-01-01 or are open."""
    for office in sorted(offices):
        kept = [t for t in offices[office] if t[2] is None or t[2] >= PERIOD_START]
        STATS.add('wikidata heads: terms dropped, ended before 1945',
                  len(offices[office]) - len(kept))
        offices[office] = kept


def load_current(path, leaders):
    """heads-current-2024.csv: English labels by QID, who was in office on 2024-10-23, and
    year-only terms (used only for persons without a dated term in the heads file)."""
    current, year_terms = set(), []
    with open(path, encoding='utf-8', newline='') as f:
        for row in csv.DictReader(f):
            qid, label = row['officeholder'], row['officeholderLabel']
            if not qid:
                continue
            if re.fullmatch(r'Q\d+', label):
                STATS.add('heads-current: rows skipped, label is a QID')
                continue
            person = leaders.setdefault(qid, Leader(qid))
            person.add_en(label)
            person.confirmed.add('current')
            if not row['end_year']:
                current.add((row['iso3'], qid))
            year_terms.append((row['iso3'], qid, row['start_year'], row['end_year']))
    return current, year_terms


def load_foreign_ministers(path, leaders):
    """foreign-ministers-2023-01.csv: incumbent on 2023-01-10 -> ISO3GOV from start, open (weak)."""
    with open(path, encoding='utf-8', newline='') as f:
        for row in csv.DictReader(f):
            start = wd_date(row['start'])
            if not row['iso3'] or not row['person'] or not row['name'] or start is None:
                STATS.add('foreign ministers: rows skipped, no iso3, person, name or start')
                continue
            person = leaders.setdefault(row['person'], Leader(row['person']))
            person.add_en(row['name'])
            person.confirmed.add('fm')
            person.terms.append(Role(row['iso3'] + 'GOV', start, None, 'fm', weak=True))
            person.countries.add(row['iso3'])
            STATS.add('foreign ministers: GOV roles added')


# ---------------------------------------------------------------------------------------------
# Phoenix actor dictionaries
# ---------------------------------------------------------------------------------------------

class PhxRecord:
    """One TABARI actor record: phrases (primary first), dated restrictions and default codes."""

    def __init__(self, primary, filename, line):
        self.phrases = [primary]
        self.restrictions = []     # (raw code, start, end, kind) kind in '<', '>', '-'
        self.defaults = []         # raw codes without dates
        self.filename, self.line = filename, line
        self.roles = []            # normalised Role objects
        self.default_codes = []    # normalised default codes
        self.qid = None

    @property
    def primary(self):
        return self.phrases[0]

    def has_codes(self):
        return bool(self.restrictions or self.defaults)


def phoenix_date(text):
    """YYMMDD (00-30 -> 20YY, else 19YY) or YYYYMMDD; ValueError for anything else."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(text)
    if len(text) == 6:
        yy = int(text[:2])
        year, rest = (2000 + yy if yy <= 30 else 1900 + yy), text[2:]
    else:
        year, rest = int(text[:4]), text[4:]
    return Date(year, int(rest[:2]), int(rest[2:]))


def strip_comment(line):
    """Cut a line at the first `#` outside square brackets."""
    depth = 0
    for i, c in enumerate(line):
        if c == '[':
            depth += 1
        elif c == ']':
            depth = max(0, depth - 1)
        elif c == '#' and depth == 0:
            return line[:i]
    return line


def add_code_groups(record, text):
    """Parse every `[CODE ...]` group of a line into the record's restrictions or defaults."""
    for group in re.findall(r'\[([^\]]*)\]', text):
        parts = group.strip().split(None, 1)
        if not parts:
            continue
        code, rest = parts[0], (parts[1].strip() if len(parts) > 1 else '')
        if not rest:
            record.defaults.append(code)
            continue
        try:
            if rest[0] in '<>':
                day = phoenix_date(rest[1:].strip())
                record.restrictions.append((code, None, day, '<') if rest[0] == '<'
                                           else (code, day, None, '>'))
            else:
                a, b = (s.strip() for s in rest.split('-', 1))
                start, end = phoenix_date(a), phoenix_date(b)
                if end < start:
                    STATS.add('phoenix: restrictions skipped, end before start')
                    continue
                record.restrictions.append((code, start, end, '-'))
        except ValueError:
            STATS.add('phoenix: restrictions skipped, malformed date')


def read_actor_file(path):
    """Records of a TABARI/PETRARCH actor file. As in PETRARCH, a primary phrase with no code of
    its own shares the codes of the next record (it becomes that record's synonym)."""
    records, pending = [], []
    name = os.path.basename(path)
    with open(path, encoding='utf-8', errors='replace') as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip('\n').replace('\x1a', '')
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            body = strip_comment(line)
            if line[0] in ' \t':
                if records:
                    add_code_groups(records[-1], body)
            elif line[0] == '+':
                if records:
                    phrase = body[1:].split(';')[0].strip()
                    if phrase:
                        records[-1].phrases.append(phrase)
            else:
                if records and not records[-1].has_codes():
                    pending.extend(records.pop().phrases)
                    STATS.add('phoenix: code-less primaries joined to the next record')
                primary = ' '.join(body.split('[')[0].split(';')[0].split())
                record = PhxRecord(primary, name, number)
                add_code_groups(record, body)
                if pending:
                    record.phrases = pending + record.phrases
                    pending = []
                records.append(record)
    return records


def person_rejection(record, iso3s):
    """Why a dated record is not a person (None when it is one). Rules, in order: an inline bare
    country code on the primary line (country/territory record), a code of a company or militant
    group, a restriction coded to a country without a role (places: `[CSK 19181001-19930101]`,
    `[USRARM <900823]`), a primary phrase that is not name-shaped, an organisation word."""
    for raw in record.defaults + [r[0] for r in record.restrictions]:
        raw = raw.upper()
        if raw.startswith(('MNC', 'IMG')):
            return 'company or militant-group code'
        if raw.startswith(('IGO', 'NGO')) or raw == '---':
            continue
        code = normalise_code(raw, iso3s)
        if code is not None and code_role(code) == '' and len(raw) <= 6:
            return 'country code without a role (place record)'
    if not re.fullmatch(r"[A-Z\u00C0-\u024F.'`\-]+(?:[_ ]+[A-Z\u00C0-\u024F.'`\-]+)*_?",
                        record.primary.upper()):
        return 'primary phrase not name-shaped'
    if ORG_WORDS & set(words(record.primary.upper())):
        return 'organisation word in primary phrase'
    return None


def load_phoenix(data_dir, iso3s):
    """Person records of the Phoenix country and international actor files, codes normalised."""
    persons = []
    for filename in ('Phoenix.Countries.actors.txt', 'Phoenix.International.actors.txt'):
        for record in read_actor_file(os.path.join(data_dir, 'petrarch', filename)):
            STATS.add('phoenix: records read')
            if not record.restrictions:
                continue
            why = person_rejection(record, iso3s)
            if why:
                STATS.add(f'phoenix: dated records not persons, {why}')
                continue
            for raw, start, end, kind in record.restrictions:
                code = normalise_code(raw, iso3s)
                if code is None:
                    STATS.add('phoenix: restrictions dropped, unusable code')
                    continue
                if end is not None and end < PERIOD_START:
                    STATS.add('phoenix: restrictions dropped, ended before 1945')
                    continue
                record.roles.append(Role(code, start, end, 'phoenix', weak=(kind == '>')))
            for raw in record.defaults:
                code = normalise_code(raw, iso3s)
                if code is None:
                    STATS.add('phoenix: default codes dropped, unusable code')
                elif code not in record.default_codes:
                    record.default_codes.append(code)
            if not record.roles:
                STATS.add('phoenix: person records dropped, no usable dated role')
                continue
            persons.append(record)
    STATS.add('phoenix: person records', len(persons))
    return persons


# ---------------------------------------------------------------------------------------------
# Names and variants
# ---------------------------------------------------------------------------------------------

NATIONALITY = set()    # filled in build() from countries.tsv
PLACE_WORDS = set()


def is_title(word):
    """A title word, also hyphenated ones (VICE-PRESIDENT, SECRETARY-GENERAL, EX-PRESIDENT)."""
    word = word.upper()
    return word in TITLES or all(p in TITLES for p in word.split('-') if p)


def strip_titles(phrase_words):
    """Drop leading titles, honorifics and nationality words ("RUSSIAN PRESIDENT VLADIMIR V.
    PUTIN" -> "VLADIMIR V. PUTIN"). Multi-word nationalities ("SOUTH KOREAN") are matched too."""
    out = list(phrase_words)
    while out:
        head = norm_key(out[0])
        two = norm_key(' '.join(out[:2])) if len(out) > 1 else None
        if two and two in NATIONALITY and len(out) > 2:
            out = out[2:]
        elif is_title(out[0]) or head in NATIONALITY or out[0].upper() in EXTRA_NATIONALITY:
            out = out[1:]
        else:
            break
    return out


def display_name(primary):
    """Display name of a Phoenix primary phrase: proper case, leading titles removed unless that
    leaves a single word ("LORD_CARRINGTON_" stays "Lord Carrington")."""
    original = words(primary.upper().strip('_'))
    stripped = strip_titles(original)
    keep = len(stripped) >= 2 or len(stripped) == len(original)
    return proper_case(stripped if keep else original)


def strip_titles_key(key):
    return ' '.join(strip_titles(key.split()))


def phoenix_variants(record):
    """Display forms of a Phoenix record's phrases with titles removed; phrases that name
    something else (an administration, a government) or nothing but a title are dropped."""
    out = []
    for phrase in record.phrases:
        ws = [w for w in words(phrase.strip('_')) if w.strip('_')]
        if NOT_PERSON_WORDS & {w.upper() for w in ws} or ',' in phrase:
            STATS.add('variants: Phoenix synonyms dropped, not the person (administration, ...)')
            continue
        stripped = strip_titles([w.upper() for w in ws])
        if not stripped:
            STATS.add('variants: Phoenix synonyms dropped, nothing but a title')
            continue
        out.append(proper_case(stripped))
    return out


def surname(name, country):
    """Short form news uses: the family name. Family-name-first countries: the first word;
    otherwise the last word with the particles in front of it ("de Gaulle", "von der Leyen")."""
    parts = name.split()
    if len(parts) < 2:
        return None
    if country in FAMILY_NAME_FIRST:
        return parts[0]
    i = len(parts) - 1
    while i > 1 and parts[i - 1].lower() in SURNAME_PARTICLES:
        i -= 1
    return ' '.join(parts[i:])


def arabic_forms(form, surname_form=False):
    """al-X / al X / el-X / el X / X when the last word of a form carries the Arabic article
    ("Abdel Fattah el-Sisi", "Muammar al Qaddafi", "Al-Fayez"). A leading "Al " is a given name
    (Al Gore) except in a surname cut from a longer name ("Al Nahyan"); an article after Abd/Abu
    belongs to a compound given name (Abd al Aziz)."""
    m = re.search(r"(?:^|\s)(?:al|el|Al|El)([- ])(\S+)$", form)
    if not m or (m.start() == 0 and m.group(1) == ' ' and not surname_form):
        return []
    head, word = form[:m.start()].strip(), m.group(2)
    if head and head.split()[-1].lower() in COMPOUND_OPENERS:
        return []
    forms = [f'{art}{sep}{word}' for art in ('al', 'el') for sep in ('-', ' ')] + [word]
    return [f'{head} {f}'.strip() for f in forms]


def short_forms(name, country):
    """First+last name and the surname of a display name. Regnal names ("Charles III",
    "Abdullah II of Jordan") have neither."""
    parts = name.split()
    if any(p in ROMAN or p == 'of' for p in parts):
        return []
    out = []
    if len(parts) >= 3 and country not in FAMILY_NAME_FIRST \
            and parts[0].lower() not in COMPOUND_OPENERS and parts[-2].lower() not in PARTICLES:
        out.append(f'{parts[0]} {parts[-1]}')
    short = surname(name, country)
    if short and (len(short) >= 3 or country in FAMILY_NAME_FIRST):
        out.append(short)
    return out


def build_variants(name, extra, country, common):
    """Full name first, then (sorted) the other forms: given variants, first+last name, the
    surname, Arabic article alternations and ASCII-folded forms, de-duplicated ignoring case.
    A one-word form that is a common English word ("May", "Bush") or a country name, demonym
    or capital ("Jordan", "French") is never a variant."""
    short = short_forms(name, country)
    forms = [name] + list(extra) + short
    for form in list(forms):
        forms.extend(arabic_forms(form, surname_form=form in short))
    forms.extend([ascii_fold(f) for f in forms])
    seen, out = set(), []
    for form in forms:
        form = ' '.join(form.split())
        key = form.casefold()
        if len(form) < 2 or key in seen:
            continue
        seen.add(key)
        if ' ' not in form and out:
            if key in common:
                STATS.add('variants: one-word forms dropped, common English word')
                continue
            if norm_key(form) in PLACE_WORDS:
                STATS.add('variants: one-word forms dropped, country name, demonym or capital')
                continue
        out.append(form)
    return out[:1] + sorted(out[1:], key=lambda s: (s.casefold(), s))


# ---------------------------------------------------------------------------------------------
# Matching Phoenix records to the leaders data and to each other
# ---------------------------------------------------------------------------------------------

def record_keys(record):
    """Full-name keys (titles removed, >= 2 words) of a Phoenix record."""
    keys = set()
    for phrase in record.phrases:
        if NOT_PERSON_WORDS & {w.upper() for w in words(phrase)}:
            continue
        key = strip_titles_key(norm_key(phrase))
        if len(key.split()) >= 2:
            keys.add(key)
    return keys


def record_countries(record):
    return {code_country(r.code) for r in record.roles} - {None}


def gov_overlap(roles_a, roles_b):
    """Days on which both role lists hold any dated role (used to pick between namesakes)."""
    return sum(overlap_days(a.start, a.end, b.start, b.end) for a in roles_a for b in roles_b)


def ends(key):
    parts = key.split()
    return parts[0], parts[-1]


def match_to_leaders(records, leaders):
    """Give a Phoenix record the QID of the leader it names: same country and an identical full
    name, else a name contained in the other (contained_name: "GEORGE BUSH" and "GEORGE H W
    BUSH"); between several candidates the one whose terms overlap the record's roles most; no
    match when that leaves a tie. One-word names (SUHARTO_) need overlapping terms."""
    by_key, by_ends = defaultdict(set), defaultdict(set)
    for qid in sorted(leaders):
        for key in leaders[qid].keys():
            by_key[key].add(qid)
            by_ends[ends(key)].add(qid)
    for record in records:
        countries = record_countries(record)
        keys = record_keys(record)
        exact = set().union(*(by_key.get(k, set()) for k in keys)) if keys else set()
        single = strip_titles_key(norm_key(record.primary))
        if not keys and single:
            exact = {q for q in by_key.get(single, set())
                     if gov_overlap(record.roles, leaders[q].terms) > 0}
        contained = set()
        if not countries & NO_SURNAME_ORDER:
            for key in keys:
                for qid in by_ends.get(ends(key), ()):
                    if any(contained_name(key, k) or contained_name(k, key)
                           for k in leaders[qid].keys()):
                        contained.add(qid)
        for candidates, label in ((exact, 'full name'), (contained, 'contained name')):
            candidates = sorted(q for q in candidates if leaders[q].countries & countries)
            if not candidates:
                continue
            scored = sorted(((gov_overlap(record.roles, leaders[q].terms), q) for q in candidates),
                            reverse=True)
            if len(scored) > 1 and scored[0][0] == scored[1][0]:
                STATS.add(f'phoenix: records left unmatched, tie between leaders ({label})')
                break
            record.qid = scored[0][1]
            leaders[record.qid].confirmed.add('phoenix')
            STATS.add(f'phoenix: records matched to a leader QID by {label}')
            break


def contained_name(short, long):
    """True when `short` (>= 2 words) is `long` with one or two middle words left out: same
    first and last word, words in order ("GEORGE BUSH" in "GEORGE W BUSH", "JAAP DE HOOP
    SCHEFFER" in "JAAP GIJSBERT DE HOOP SCHEFFER")."""
    a, b = short.split(), long.split()
    if len(a) < 2 or not 0 < len(b) - len(a) <= 2 or a[0] != b[0] or a[-1] != b[-1]:
        return False
    rest = iter(b)
    return all(w in rest for w in a)


def same_person(rec_a, keys_a, rec_b, keys_b):
    """Two Phoenix records name the same person when they share a full name (or the same primary
    phrase) or one name is contained in the other (contained_name), and they belong to the same
    country with office roles that overlap or follow each other (career_touch). A record with
    only international (IGO/NGO) roles needs no overlap: a career in an organisation follows
    one in a country. Contained names are not used where names have no surname order."""
    countries_a, countries_b = record_countries(rec_a), record_countries(rec_b)
    international = not countries_a or not countries_b
    if not (countries_a & countries_b or international):
        return False
    related = bool(keys_a & keys_b) or (
        not (countries_a | countries_b) & NO_SURNAME_ORDER and
        any(contained_name(x, y) or contained_name(y, x) for x in keys_a for y in keys_b))
    return related and (international or career_touch(rec_a.roles, rec_b.roles))


def career_touch(roles_a, roles_b):
    """True when two records' office roles (ELI periods left out: Phoenix dates them from an
    approximate birth year) overlap or follow each other within 31 days, as the monthly
    CountryInfo entries of one minister under two spellings do."""
    slack = 31 * DAY
    return any((a.start is None or b.end is None or a.start <= b.end + slack) and
               (b.start is None or a.end is None or b.start <= a.end + slack)
               for a in roles_a if code_role(a.code) != 'ELI'
               for b in roles_b if code_role(b.code) != 'ELI')


def group_records(records):
    """Groups of Phoenix records that are one person (same_person, applied transitively), plus
    every record matched to the same leader QID. Records matched to different QIDs are never
    grouped together."""
    parent = list(range(len(records)))
    qids = [{r.qid} - {None} for r in records]

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i, j):
        a, b = find(i), find(j)
        if a == b or len(qids[a] | qids[b]) > 1:
            return
        parent[max(a, b)] = min(a, b)
        qids[min(a, b)] |= qids[max(a, b)]
        STATS.add('phoenix: person records merged into another record')

    keys = [record_keys(r) | {'=' + norm_key(r.primary)} for r in records]
    by_first = defaultdict(list)
    for i, ks in enumerate(keys):
        for first in sorted({k.split()[0] for k in ks if not k.startswith('=')}
                            | {k for k in ks if k.startswith('=')}):
            by_first[first].append(i)
    by_qid = defaultdict(list)
    for i, record in enumerate(records):
        if record.qid:
            by_qid[record.qid].append(i)
    for qid in sorted(by_qid):
        for i in by_qid[qid][1:]:
            union(by_qid[qid][0], i)
    for first in sorted(by_first):
        bucket = by_first[first]
        for n, i in enumerate(bucket):
            for j in bucket[n + 1:]:
                if find(i) != find(j) and same_person(records[i], keys[i], records[j], keys[j]):
                    union(i, j)
    groups = defaultdict(list)
    for i in range(len(records)):
        groups[find(i)].append(records[i])
    return [groups[k] for k in sorted(groups)]


# ---------------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------------

class Person:
    """One output row under construction."""

    def __init__(self, pid):
        self.id = pid
        self.name = ''
        self.country = ''
        self.extra_variants = []
        self.roles = []
        self.sources = set()
        self.phx_defaults = []

    def row(self, common):
        variants = build_variants(self.name, self.extra_variants, self.country, common)
        roles = sorted({r.text(): r for r in self.roles}.values(), key=Role.key)
        return [self.id, self.name, self.country, '|'.join(variants),
                '|'.join(r.text() for r in roles), ','.join(sorted(self.sources))]


def refine_year_only_dates(terms, phx_roles):
    """A Wikidata start or end on January 1st is taken as year-only: when a Phoenix GOV role of
    the same person and country starts (ends) in that year on another day, its date is used."""
    for term in terms:
        gov = [r for r in phx_roles if r.code == term.code]
        for attr in ('start', 'end'):
            day = getattr(term, attr)
            if day is None or (day.month, day.day) != (1, 1):
                continue
            options = [(overlap_days(term.start, term.end, r.start, r.end), getattr(r, attr))
                       for r in gov if getattr(r, attr) and getattr(r, attr).year == day.year
                       and (getattr(r, attr).month, getattr(r, attr).day) != (1, 1)]
            if options:
                best = max(options)[1]
                if (attr == 'start' and (term.end is None or best <= term.end)) or \
                        (attr == 'end' and best >= term.start):
                    setattr(term, attr, best)
                    STATS.add(f'wikidata heads: year-only {attr}s refined from Phoenix')


def resolve_roles(roles):
    """Merge each source's intervals, let stronger dated terms close weak open ends, drop roles
    that a Wikidata or curated term of the same code already covers, and de-duplicate.

    A weak open role (Phoenix `>date`, the 2023 foreign-minister snapshot) ends with the strong
    term of the same code that holds it (one that had started by then, 31 days' grace), else the
    day before the next strong term of that code, else the day before the person's next strong
    term in an international organisation (heads of IGOs leave national office); a Phoenix one
    that none of these closes ends at Phoenix's snapshot date (2014-01-30), since Phoenix knows
    nothing later."""
    by_source = defaultdict(list)
    for role in roles:
        by_source[(role.source, role.code)].append(role)
    merged = []
    for key in sorted(by_source):
        merged.extend(merge_intervals(by_source[key]))
    strong = [r for r in merged if r.source in ('wikidata', 'curated', 'current')]
    for weak in [r for r in merged if r.weak and r.end is None and r.start is not None]:
        same = [s for s in strong if s.code == weak.code]
        holding = [s for s in same if (s.start is None or s.start - 31 * DAY <= weak.start)
                   and (s.end is None or weak.start <= s.end)]
        later = [s.start for s in same if s.start is not None and s.start > weak.start]
        abroad = [s.start for s in strong if code_country(weak.code) and not code_country(s.code)
                  and s.start is not None and s.start > weak.start]
        if holding:
            holding_ends = [s.end for s in holding]
            weak.end = None if None in holding_ends else max(holding_ends)
        elif later or abroad:
            weak.end = min(later or abroad) - DAY
        elif weak.source == 'phoenix' and weak.start <= PHOENIX_AS_OF:
            # `>date` only says "in office when CountryInfo was made": nothing is known after.
            weak.end = PHOENIX_AS_OF
            STATS.add('phoenix: open-ended roles closed at the snapshot date 2014-01-30')
            continue
        else:
            continue
        STATS.add(f'{weak.source}: open-ended roles closed by a dated term')
    out = []
    for role in merged:
        covered = any(s is not role and s.code == role.code and s.source != role.source
                      and (s.start is None or (role.start is not None and s.start <= role.start))
                      and (s.end is None or (role.end is not None and role.end <= s.end))
                      for s in strong)
        if covered and role.source not in ('wikidata', 'curated'):
            STATS.add(f'{role.source}: roles dropped, inside a term of a stronger source')
            continue
        out.append(role)
    return out


def main_country(person_roles, preferred):
    """Country of the latest role that has one (latest start, then latest end); ties go to the
    preferred (Phoenix default) country, then to the alphabetically first code."""
    dated = [r for r in person_roles if code_country(r.code) and (r.start or r.end)]
    if not dated:
        dated = [r for r in person_roles if code_country(r.code)]
    if not dated:
        return ''
    best = max(dated, key=lambda r: (r.start or Date.min, r.end or Date.max,
                                     code_country(r.code) in preferred,
                                     [-ord(c) for c in code_country(r.code)]))
    return code_country(best.code)


def add_default_role(person):
    """Every person gets one undated default: Phoenix's default code when it gives one (of the
    main country when merged records give several), else ISO3ELI (a former office holder stays
    an elite of the country)."""
    if any(r.start is None and r.end is None for r in person.roles):
        return
    if person.phx_defaults:
        own = [c for c in person.phx_defaults if code_country(c) == person.country]
        person.roles.append(Role((own or sorted(person.phx_defaults))[0], None, None, 'phoenix'))
        STATS.add('roles: Phoenix default code kept')
    elif person.country:
        person.roles.append(Role(person.country + 'ELI', None, None, 'default'))
        STATS.add('roles: default ISO3ELI added')


def shared_office(terms):
    """True when two holders' dated terms overlap by more than 31 days: an office held jointly
    (monarch and governor-general, co-princes, captains regent, a federal council)."""
    dated = sorted((s, e, q) for q, s, e in terms if e is not None)
    return any(q1 != q2 and overlap_days(s1, e1, s2, e2) > 31
               for i, (s1, e1, q1) in enumerate(dated) for s2, e2, q2 in dated[i + 1:]
               if s2 <= e1)


def fictional_people(leaders, offices):
    """QIDs to drop as fictional (Wikidata links TV presidents to real offices). A person is
    dropped when no other source knows the QID (heads-current-2024, the foreign ministers,
    Phoenix, curated.tsv) and has an open-ended term in an office held by one person at a time,
    with a day-precise start (not January 1st) before the heads-current snapshot (later starts
    cannot be confirmed by it), that lies, closed at the next holder's start, more than half
    inside other holders' dated terms: the person never held the office alone. A real
    predecessor whose end date is missing starts where the previous term ended and is not
    caught."""
    drop = set()
    for office in sorted(offices):
        terms = offices[office]
        if shared_office(terms):
            continue
        for qid, start, end in terms:
            if end is not None or leaders[qid].confirmed or start >= SNAPSHOT_2024 \
                    or (start.month, start.day) == (1, 1):
                continue
            others = [(s, e) for q, s, e in terms if q != qid]
            stop = min([s for s, _e in others if s > start], default=LEADERS_END)
            inside = sum(overlap_days(start, stop, s, e) for s, e in others if e is not None)
            if inside * 2 > overlap_days(start, stop, start, stop):
                drop.add(qid)
    return drop


def read_curated(path=CURATED_TSV):
    """curated.tsv rows (same columns as people.tsv)."""
    rows = []
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            if line.startswith('#') or not line.strip():
                continue
            cols = line.rstrip('\n').split('\t')
            if len(cols) != 6:
                raise SystemExit(f'curated.tsv:{number}: expected 6 columns, got {len(cols)}')
            rows.append(cols)
    return rows


def parse_role(text, where):
    m = re.fullmatch(r'([A-Z]+)@(\d{4}-\d\d-\d\d)?\.\.(\d{4}-\d\d-\d\d)?', text)
    if not m:
        raise SystemExit(f'{where}: bad role {text!r}')
    start = Date.fromisoformat(m.group(2)) if m.group(2) else None
    end = Date.fromisoformat(m.group(3)) if m.group(3) else None
    return Role(m.group(1), start, end, 'curated')


def attach_office_terms(leaders, offices):
    """(Re)set each leader's Wikidata terms (ISO3GOV) and countries from the office table."""
    for leader in leaders.values():
        leader.terms = [t for t in leader.terms if t.source != 'wikidata']
        leader.countries = {code_country(t.code) for t in leader.terms}
    for (iso3, _role), terms in sorted(offices.items()):
        for qid, start, end in terms:
            leaders[qid].terms.append(Role(iso3 + 'GOV', start, end, 'wikidata'))
            leaders[qid].countries.add(iso3)


def add_year_terms(leaders, offices, year_terms):
    """heads-current-2024 terms (years only: YYYY-01-01..YYYY-12-31) for the persons and
    countries that have no dated term in heads-of-state-government.csv."""
    dated = {(iso3, qid) for (iso3, _r), terms in offices.items() for qid, _s, _e in terms}
    for iso3, qid, start_year, end_year in year_terms:
        if (iso3, qid) in dated or not start_year.isdigit():
            continue
        end = Date(int(end_year), 12, 31) if end_year.isdigit() else None
        leaders[qid].terms.append(Role(iso3 + 'GOV', Date(int(start_year), 1, 1), end, 'current'))
        leaders[qid].countries.add(iso3)
        dated.add((iso3, qid))
        STATS.add('heads-current: year-only terms added for persons without a dated term')


def load_leaders(data_dir, records):
    """The three leaders files -> {qid: Leader} with cleaned terms. Needs the Phoenix records
    (matched here) to tell confirmed persons from fictional ones."""
    leaders = {}
    leaders_dir = os.path.join(data_dir, 'leaders')
    by_office = load_heads(os.path.join(leaders_dir, 'heads-of-state-government.csv'), leaders)
    current, year_terms = load_current(os.path.join(leaders_dir, 'heads-current-2024.csv'), leaders)
    load_foreign_ministers(os.path.join(leaders_dir, 'foreign-ministers-2023-01.csv'), leaders)
    offices = merge_office_terms(by_office)
    attach_office_terms(leaders, offices)
    match_to_leaders(records, leaders)
    for cols in read_curated():
        if cols[0] in leaders:
            leaders[cols[0]].confirmed.add('curated')
    fictional = fictional_people(leaders, offices)
    for qid in sorted(fictional):
        STATS.add('wikidata heads: persons dropped as fictional')
        print(f'fictional person dropped: {qid} {leaders[qid].pt_name}', file=sys.stderr)
        del leaders[qid]
    for office in offices:
        offices[office] = [t for t in offices[office] if t[0] not in fictional]
    close_stale_open_terms(offices, current)
    drop_early_terms(offices)
    attach_office_terms(leaders, offices)
    add_year_terms(leaders, offices, year_terms)
    return leaders


def add_phoenix_people(people, records, leaders):
    """One person per group of Phoenix records: merged into the matched leader's row, else a new
    phx: row named after the first record's primary phrase."""
    for group in group_records(records):
        matched = next((r for r in group if r.qid), None)
        qid = matched.qid if matched else None
        if qid:
            if qid not in people:        # a leader whose terms all ended before 1945
                people[qid] = Person(qid)
                people[qid].name = (leaders[qid].en_names or [leaders[qid].pt_name])[0]
            person = people[qid]
            person.sources.add('wikidata')
        else:
            pid = 'phx:' + slug(group[0].primary)
            if pid in people:
                pid = f'{pid}-{sorted(record_countries(group[0]) or {"igo"})[0].lower()}'
                STATS.add('phoenix: ids disambiguated with the country code')
            person = people[pid] = Person(pid)
            person.name = display_name(group[0].primary)
        person.sources.add('phoenix')
        for record in group:
            person.extra_variants.extend(phoenix_variants(record))
            person.roles.extend(record.roles)
            person.phx_defaults.extend(c for c in record.default_codes
                                       if c not in person.phx_defaults)
        if qid:
            refine_year_only_dates([r for r in person.roles if r.source == 'wikidata'],
                                   [r for r in person.roles if r.source == 'phoenix'])
            phoenix_keys = {norm_key(v) for v in person.extra_variants}
            if not leaders[qid].en_names and norm_key(leaders[qid].pt_name) not in phoenix_keys:
                person.name = display_name(matched.primary)
                STATS.add('names: Phoenix name used instead of the (Portuguese) upstream label')


def merge_curated(people):
    """curated.tsv rows merged by id (QID or phx: id of a generated row) or added (dl: ids).
    Returns the curated country overrides."""
    countries = {}
    for pid, name, country, variants, roles, _sources in read_curated():
        if pid not in people:
            if pid.startswith(('Q', 'phx:')):
                raise SystemExit(f'curated.tsv: id {pid} is not in the generated data')
            people[pid] = Person(pid)
        person = people[pid]
        person.name = name or person.name
        if country:
            countries[pid] = country
        person.extra_variants.extend(v for v in variants.split('|') if v)
        person.roles.extend(parse_role(r, f'curated.tsv {pid}') for r in roles.split('|') if r)
        person.sources.add('curated')
        STATS.add('curated: rows merged into a generated row' if len(person.sources) > 1
                  else 'curated: rows added as new people')
    return countries


def build(data_dir):
    """All sources -> {id: Person}."""
    iso3s, nationality, places = load_countries()
    NATIONALITY.update(nationality)
    PLACE_WORDS.update(places)
    records = load_phoenix(data_dir, iso3s)
    leaders = load_leaders(data_dir, records)
    people = {}
    for qid in sorted(leaders):
        leader = leaders[qid]
        if leader.terms:
            person = people[qid] = Person(qid)
            person.roles = list(leader.terms)
            person.sources.add('wikidata')
            person.extra_variants = list(leader.en_names)
    for qid, person in people.items():
        person.name = (leaders[qid].en_names or [leaders[qid].pt_name])[0]
    add_phoenix_people(people, records, leaders)
    curated_country = merge_curated(people)
    for pid in sorted(people):
        person = people[pid]
        person.roles = resolve_roles(person.roles)
        preferred = {code_country(c) for c in person.phx_defaults} - {None}
        person.country = curated_country.get(pid) or main_country(person.roles, preferred)
        add_default_role(person)
    return people


HEADER = '''\
# people.tsv: dated knowledge base of political people (heads of state and government, ministers,
# heads of international organisations) for CAMEO actor coding of named persons.
# GENERATED by build_kb.py from shared/data/leaders (Wikidata, CC0), shared/data/petrarch (Phoenix
# actor dictionaries, MIT, (c) 2014/2015 Open Event Data Alliance) and curated.tsv (CC0).
# Do not edit by hand: change curated.tsv or build_kb.py and run `python3 build_kb.py`.
# Sources, licences (Phoenix-derived parts: MIT, notice in SOURCES.md) and cleaning rules: SOURCES.md.
# One person per row, sorted by id; columns TAB-separated, no header row:
#   id        Wikidata QID (Q...) for persons of the leaders data; phx:<slug> for Phoenix-only
#             persons (slug of the Phoenix primary phrase); dl:<slug> for curated-only persons
#   name      English display name
#   country   ISO 3166-1 alpha-3 of the person's main country (latest role); empty for IGO-only
#             people
#   variants  |-separated surface forms, proper case, full name first; one-word forms that are
#             common English words (May, Bush) are left out
#   roles     |-separated CODE@START..END, dates YYYY-MM-DD, empty START/END = open; sorted by
#             start. CODE = ISO3 + at most one role (GOV MIL COP JUD SPY LEG OPP REB ELI CVL CRM EDU
#             MED BUS) or a whole IGO/NGO code (IGOUNO, IGOWSTNAT, ...). The undated role (CODE@..)
#             is the default when no dated role covers a date.
#   sources   ,-separated subset of curated, phoenix, wikidata
'''


def write(people, path=OUTPUT):
    common = load_common_words()
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write(HEADER)
        for pid in sorted(people):
            f.write('\t'.join(people[pid].row(common)) + '\n')


def main(argv):
    args = argv[1:]
    out = OUTPUT
    if '--out' in args:
        at = args.index('--out')
        out = args[at + 1]
        del args[at:at + 2]
    data_dir = args[0] if args else DEFAULT_DATA
    people = build(data_dir)
    write(people, out)
    STATS.add('output: rows', len(people))
    print(STATS.report())


if __name__ == '__main__':
    main(sys.argv)
