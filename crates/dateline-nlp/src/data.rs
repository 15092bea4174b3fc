//! Reading the embedded data files (`resources/`): `#` comment lines and blank lines are skipped,
//! tab-separated cells are trimmed.

use rustc_hash::FxHashSet;

/// The rows of a tab-separated data file, each split into trimmed cells.
pub(crate) fn rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// The entries of a one-per-line list, trimmed.
pub(crate) fn words(data: &str) -> Vec<String> {
    entries(data).map(str::to_owned).collect()
}

/// The entries of a one-per-line list as a set, borrowed from the embedded text.
pub(crate) fn word_set(data: &'static str) -> FxHashSet<&'static str> {
    entries(data).collect()
}

fn entries(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn comments_and_blanks_are_skipped() {
        let data = "# header\n\na\t b \n  \nc\n";
        let rows: Vec<Vec<&str>> = super::rows(data).collect();
        assert_eq!(rows, vec![vec!["a", "b"], vec!["c"]]);
        assert_eq!(super::words("# x\n one \n\ntwo"), ["one", "two"]);
        let set = super::word_set("# x\n one \n\ntwo");
        assert!(set.len() == 2 && set.contains("one") && set.contains("two"));
    }
}
