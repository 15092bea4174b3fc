use chrono::NaiveDate;
use rustc_hash::FxHashSet;

use super::Kb;

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A made-up knowledge base: two office holders sharing a surname, one of them twice in office.
const SAMPLE: &str = "\
# id\tname\tcountry\tvariants\troles\tsources
Q1\tAnna Ferro\tITA\tAnna Ferro|Ferro\tITAGOV@2001-05-01..2006-04-30|ITAGOV@2010-02-01..|ITAELI@..\ttest
Q2\tMarco Ferro\tITA\tMarco Ferro|Ferro\tITAGOV@2006-05-01..2008-01-31|ITAELI@..\ttest
dl:x\tBad Row\tITA\tBad\tITAGOV@2001-13-01..\ttest
";

#[test]
fn roles_hold_only_between_their_dates() {
    let kb = Kb::parse(SAMPLE);
    assert_eq!(kb.people().len(), 2, "the row with a bad date is skipped");
    let anna = kb.person(0);
    assert_eq!(anna.code_on(day("2003-01-01")), Some("ITAGOV"));
    assert_eq!(
        anna.code_on(day("2008-01-01")),
        Some("ITAELI"),
        "between terms: the default"
    );
    assert_eq!(anna.code_on(day("2024-01-01")), Some("ITAGOV"), "open end");
    assert_eq!(
        anna.code_on(None),
        Some("ITAGOV"),
        "no date: the office still open"
    );
    let marco = kb.person(1);
    assert_eq!(
        marco.code_on(day("2008-01-31")),
        Some("ITAGOV"),
        "end day included"
    );
    assert_eq!(marco.code_on(day("2008-02-01")), Some("ITAELI"));
    assert_eq!(marco.code_on(None), Some("ITAELI"));
    assert_eq!(anna.wikidata(), Some("Q1"));
}

#[test]
fn a_shared_surname_goes_to_whoever_is_in_office_that_day() {
    let kb = Kb::parse(SAMPLE);
    let both = kb.lookup(&["Ferro"]);
    assert_eq!(both.len(), 2);
    assert_eq!(kb.choose(both, day("2007-01-01"), None), Some(1));
    assert_eq!(kb.choose(both, day("2003-01-01"), None), Some(0));
    assert_eq!(
        kb.choose(both, day("1990-01-01"), None),
        None,
        "no one in office: ambiguous"
    );
    assert_eq!(
        kb.choose(both, day("2007-01-01"), Some("FRA")),
        None,
        "wrong country"
    );
    let full = kb.lookup(&["anna", "FERRO"]);
    assert_eq!(
        kb.choose(full, day("1990-01-01"), None),
        Some(0),
        "a full name is enough"
    );
    assert_eq!(
        kb.longest_at(&["Premier", "Anna", "Ferro", "said"], 1),
        Some((2, &[0][..]))
    );
    assert_eq!(
        kb.longest_at(&["Ferro"], 0)
            .map(|(len, ids)| (len, ids.len())),
        Some((1, 2))
    );
}

/// States that no longer exist, which Phoenix's dated roles still name (USSR, Yugoslavia,
/// Czechoslovakia, East Germany, Serbia and Montenegro).
const DISSOLVED: [&str; 5] = ["SUN", "YUG", "CSK", "DDR", "SCG"];

/// The embedded data keeps the invariants its build script promises.
#[test]
fn embedded_people_are_well_formed() {
    let kb = Kb::embedded();
    let lines = super::PEOPLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .count();
    assert_eq!(kb.people().len(), lines, "every row parses");
    assert!(kb.people().len() > 1_000, "{} people", kb.people().len());
    let mut ids = FxHashSet::default();
    for p in kb.people() {
        assert!(ids.insert(&*p.id), "duplicate id {}", p.id);
        for r in &p.roles {
            if let (Some(s), Some(e)) = (r.start, r.end) {
                assert!(s <= e, "{}: {} starts after it ends", p.id, r.code);
            }
            let country = &r.code[..3];
            let known = matches!(country, "IGO" | "NGO")
                || DISSOLVED.contains(&country)
                || crate::gazetteer::Gazetteer::embedded().is_country_code(country);
            assert!(known, "{}: unknown country in {}", p.id, r.code);
        }
    }
}
