//! The list of news agencies, from `resources/agencies.tsv`.

use std::collections::HashMap;
use std::sync::OnceLock;

const AGENCIES: &str = include_str!("../resources/agencies.tsv");

fn table() -> &'static HashMap<String, String> {
    static TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        AGENCIES
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(name, canonical)| (name.trim().to_lowercase(), canonical.trim().to_owned()))
            .collect()
    })
}

/// The canonical name of the agency `name` refers to, if it is one.
pub(crate) fn canonical(name: &str) -> Option<&'static str> {
    table().get(&name.trim().to_lowercase()).map(String::as_str)
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_agencies() {
        assert_eq!(super::canonical("AP"), Some("Associated Press"));
        assert_eq!(super::canonical(" reuters "), Some("Reuters"));
        assert_eq!(super::canonical("VOA News"), Some("VOA News"));
        assert_eq!(super::canonical("Phil Stewart"), None);
    }
}
