//! The CAMEO code tables (`resources/cameo/`): labels and Goldstein values from GDELT's lookup
//! files, QuadClass as GDELT assigns it, and the CAMEO → PLOVER 0.8 mapping with Dateline's
//! conventions on top.

use std::sync::OnceLock;

use dateline_core::Plover;
use rustc_hash::FxHashMap;

const EVENT_CODES: &str = include_str!("../../resources/cameo/cameo-eventcodes.tsv");
const GOLDSTEIN: &str = include_str!("../../resources/cameo/cameo-goldstein.tsv");
const CAMEO2PLOVER: &str = include_str!("../../resources/cameo/cameo2plover.txt");
const CONVENTIONS: &str = include_str!("../../resources/cameo/plover-conventions.tsv");

/// One row of the CAMEO → PLOVER table.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PloverRow {
    kind: String,
    mode: Option<String>,
    context: Vec<String>,
}

/// Labels, Goldstein values and PLOVER types of CAMEO event codes.
#[derive(Debug, Clone, Default)]
pub struct CameoCodes {
    labels: FxHashMap<String, String>,
    goldstein: FxHashMap<String, f32>,
    plover: FxHashMap<String, PloverRow>,
    /// `(prefix, type)`, longest prefix first.
    conventions: Vec<(String, String)>,
}

/// Rows of a TSV file, its header (`CAMEOEVENTCODE…`) skipped.
fn tsv_rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    crate::data::rows(data).filter(|r| r.first().is_none_or(|c| !c.starts_with("CAMEO")))
}

/// A `cameo2plover.txt` row, `CODE: EVENT, mode, context; context # description`, or a
/// section heading, `03: AGREE`, which gives the type of the root.
fn plover_row(line: &str) -> Option<(String, PloverRow)> {
    let line = line.split('#').next()?;
    let (code, rest) = line.split_once(':')?;
    let code = code.trim();
    if code.len() < 2 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut fields = rest.split(',').map(str::trim);
    let kind = fields.next().filter(|k| !k.is_empty())?.to_owned();
    let mode = fields.next().filter(|m| !m.is_empty()).map(str::to_owned);
    let context = fields
        .next()
        .unwrap_or_default()
        .split(';')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect();
    Some((
        code.to_owned(),
        PloverRow {
            kind,
            mode,
            context,
        },
    ))
}

impl CameoCodes {
    /// The embedded tables, parsed once.
    #[must_use]
    pub fn embedded() -> &'static CameoCodes {
        static CODES: OnceLock<CameoCodes> = OnceLock::new();
        CODES.get_or_init(|| CameoCodes::parse(EVENT_CODES, GOLDSTEIN, CAMEO2PLOVER, CONVENTIONS))
    }

    fn parse(codes: &str, goldstein: &str, plover: &str, conventions: &str) -> CameoCodes {
        let labels = tsv_rows(codes)
            .filter_map(|r| Some((r.first()?.to_string(), r.get(1)?.to_string())))
            .collect();
        let goldstein = tsv_rows(goldstein)
            .filter_map(|r| Some((r.first()?.to_string(), r.get(1)?.parse().ok()?)))
            .collect();
        // The first row of a code wins: heading `08` occurs as CONCEDE, then as RETREAT.
        let mut table = FxHashMap::default();
        for (code, row) in plover.lines().filter_map(plover_row) {
            table.entry(code).or_insert(row);
        }
        let plover = table;
        let mut conventions: Vec<(String, String)> = tsv_rows(conventions)
            .filter_map(|r| Some((r.first()?.to_string(), r.get(1)?.to_string())))
            .collect();
        conventions.sort_by_key(|(prefix, _)| std::cmp::Reverse(prefix.len()));
        CameoCodes {
            labels,
            goldstein,
            plover,
            conventions,
        }
    }

    /// Number of CAMEO codes with a label.
    #[must_use]
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether no code is known.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Whether `code` is a CAMEO event code.
    #[must_use]
    pub fn contains(&self, code: &str) -> bool {
        self.labels.contains_key(code)
    }

    /// GDELT's label of `code`.
    #[must_use]
    pub fn label(&self, code: &str) -> Option<&str> {
        self.labels.get(code).map(String::as_str)
    }

    /// The Goldstein scale value of `code`.
    #[must_use]
    pub fn goldstein(&self, code: &str) -> Option<f32> {
        self.goldstein.get(code).copied()
    }

    /// GDELT's `QuadClass` of `code`: 01–05 → 1 (verbal cooperation), 06–09 → 2 (material
    /// cooperation), 10–14 → 3 (verbal conflict), 15–20 → 4 (material conflict).
    #[must_use]
    pub fn quad_class(code: &str) -> Option<u8> {
        match code.get(..2)?.parse::<u8>().ok()? {
            1..=5 => Some(1),
            6..=9 => Some(2),
            10..=14 => Some(3),
            15..=20 => Some(4),
            _ => None,
        }
    }

    /// The PLOVER type, mode and context of `code`: the table row of the code or its nearest
    /// parent, with the type overridden by Dateline's conventions. `None` for public statements
    /// (01) and codes neither covers.
    #[must_use]
    pub fn plover(&self, code: &str) -> Option<Plover> {
        let row = (2..=code.len())
            .rev()
            .filter_map(|n| code.get(..n))
            .find_map(|prefix| self.plover.get(prefix));
        let convention = self
            .conventions
            .iter()
            .find(|(prefix, _)| code.starts_with(prefix.as_str()))
            .map(|(_, kind)| kind.clone());
        let kind = convention.or_else(|| row.map(|r| r.kind.clone()))?;
        // A table mode belongs to the table's type; it does not carry over to another type.
        let row = row.filter(|r| r.kind == kind);
        Some(Plover {
            kind,
            mode: row.and_then(|r| r.mode.clone()),
            context: row.map(|r| r.context.clone()).unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load_every_code() {
        let codes = CameoCodes::embedded();
        assert_eq!(codes.len(), 311);
        assert_eq!(codes.label("19"), Some("FIGHT"));
        assert_eq!(codes.label("0874"), Some("Retreat or surrender militarily"));
        assert_eq!(codes.goldstein("057"), Some(8.0));
        assert_eq!(codes.goldstein("190"), Some(-10.0));
        assert!(!codes.contains("999"));
    }

    #[test]
    fn quad_class_follows_the_root() {
        assert_eq!(CameoCodes::quad_class("043"), Some(1));
        assert_eq!(CameoCodes::quad_class("072"), Some(2));
        assert_eq!(CameoCodes::quad_class("0874"), Some(2));
        assert_eq!(CameoCodes::quad_class("111"), Some(3));
        assert_eq!(CameoCodes::quad_class("1823"), Some(4));
        assert_eq!(CameoCodes::quad_class("x"), None);
        assert_eq!(CameoCodes::quad_class("21"), None);
    }

    #[test]
    fn plover_from_table_and_conventions() {
        let codes = CameoCodes::embedded();
        let aid = codes.plover("072").unwrap();
        assert_eq!(aid.kind, "AID");
        assert_eq!(aid.context, vec!["military".to_owned()]);
        assert_eq!(
            codes.plover("195").unwrap().mode.as_deref(),
            Some("heavy-weapons")
        );
        // Conventions: appeals and demands are requests, sanctions sanction.
        assert_eq!(codes.plover("0256").unwrap().kind, "REQUEST");
        assert_eq!(codes.plover("1056").unwrap().kind, "REQUEST");
        let sanction = codes.plover("163").unwrap();
        assert_eq!(sanction.kind, "SANCTION");
        assert_eq!(
            sanction.mode, None,
            "the table's COERCE mode does not apply"
        );
        assert_eq!(codes.plover("111").unwrap().kind, "ACCUSE");
        assert_eq!(codes.plover("057").unwrap().kind, "SUPPORT");
        // No PLOVER type for a plain statement.
        assert_eq!(codes.plover("010"), None);
    }

    #[test]
    fn every_coded_root_has_a_plover_type() {
        let codes = CameoCodes::embedded();
        for root in 2..=20 {
            let root = format!("{root:02}");
            assert!(codes.plover(&root).is_some(), "root {root}");
        }
    }
}
