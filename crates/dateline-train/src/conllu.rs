//! CoNLL-U treebanks (Universal Dependencies): sentences of syntactic words with XPOS tags,
//! heads and relations (subtypes dropped: `nmod:poss` → `nmod`), multiword tokens and the
//! document each sentence belongs to. Empty nodes (`8.1`) are skipped.

use std::path::Path;

use dateline_core::Pos;

use crate::error::{Result, TrainError};

/// UD XPOS tags outside Penn's 45 and the Penn tag that covers each.
const EXTRA_TAGS: &str = include_str!("../resources/ud-xpos.tsv");

/// The Penn tag of a UD XPOS tag (`HYPH` → `:`); `None` for a tag neither set knows.
#[must_use]
pub fn penn_tag(xpos: &str) -> Option<Pos> {
    Pos::from_name(xpos).or_else(|| {
        EXTRA_TAGS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut cells = l.split('\t');
                Some((cells.next()?, cells.next()?))
            })
            .find(|(ud, _)| *ud == xpos)
            .and_then(|(_, penn)| Pos::from_name(penn))
    })
}

/// No head: the root.
pub const ROOT: u32 = u32::MAX;

/// One sentence of a treebank.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The `newdoc id` in force (`GUM_news_…`, `weblog-…`).
    pub document: String,
    /// The syntactic words.
    pub words: Vec<String>,
    /// XPOS (Penn) tag per word.
    pub xpos: Vec<String>,
    /// Head of each word (an index into `words`), [`ROOT`] for the root.
    pub heads: Vec<u32>,
    /// Relation of each word, without subtype.
    pub relations: Vec<String>,
    /// Multiword tokens: the word range `[first, end)` and the surface form (`don't`).
    pub multiword: Vec<(usize, usize, String)>,
}

/// Reads a CoNLL-U file.
pub fn read(path: &Path) -> Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path).map_err(|source| TrainError::Io {
        path: path.display().to_string(),
        source,
    })?;
    parse(&text, &path.display().to_string())
}

/// Parses CoNLL-U text; `origin` names it in errors.
pub fn parse(text: &str, origin: &str) -> Result<Vec<Sentence>> {
    let mut out = Vec::new();
    let mut current = Sentence::default();
    let mut document = String::new();
    for (number, line) in text.lines().enumerate() {
        let bad = |what: String| TrainError::Corpus {
            origin: origin.to_owned(),
            message: format!("line {}: {what}", number + 1),
        };
        if let Some(id) = line.strip_prefix("# newdoc id =") {
            id.trim().clone_into(&mut document);
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            if !current.words.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != 10 {
            return Err(bad(format!("{} columns, expected 10", cells.len())));
        }
        if current.words.is_empty() {
            current.document.clone_from(&document);
        }
        let id = cells[0];
        if id.contains('.') {
            continue;
        }
        if let Some((a, b)) = id.split_once('-') {
            let first: usize = a.parse().map_err(|_| bad(format!("bad range {id}")))?;
            let last: usize = b.parse().map_err(|_| bad(format!("bad range {id}")))?;
            current
                .multiword
                .push((first - 1, last, cells[1].to_owned()));
            continue;
        }
        let head: u32 = cells[6]
            .parse()
            .map_err(|_| bad(format!("bad head {:?}", cells[6])))?;
        current.words.push(cells[1].to_owned());
        current.xpos.push(cells[4].to_owned());
        current.heads.push(if head == 0 { ROOT } else { head - 1 });
        let relation = cells[7].split(':').next().unwrap_or(cells[7]);
        current.relations.push(relation.to_owned());
    }
    if !current.words.is_empty() {
        out.push(current);
    }
    for (k, s) in out.iter().enumerate() {
        let n = s.words.len() as u32;
        if s.heads.iter().any(|&h| h != ROOT && h >= n) {
            return Err(TrainError::Corpus {
                origin: origin.to_owned(),
                message: format!("sentence {}: a head out of range", k + 1),
            });
        }
    }
    Ok(out)
}

/// The sentence as tagger training data (words and Penn tags), or `None` when a tag has no
/// Penn equivalent.
#[must_use]
pub fn tagged(tree: &Sentence) -> Option<crate::gmb::Sentence> {
    Some(crate::gmb::Sentence {
        words: tree.words.clone(),
        pos: tree
            .xpos
            .iter()
            .map(|x| penn_tag(x))
            .collect::<Option<Vec<_>>>()?,
        ner: Vec::new(),
    })
}

/// Whether word `k` is dominated by `head` (or is it) in the tree `heads`.
fn dominated(heads: &[u32], head: u32, mut k: u32) -> bool {
    for _ in 0..=heads.len() {
        if k == head {
            return true;
        }
        match heads.get(k as usize) {
            Some(&h) if h != ROOT => k = h,
            _ => return false,
        }
    }
    false
}

/// `heads` made projective by lifting: a word whose arc crosses another gets its head's head,
/// until no arc crosses (the training trees of a projective parser).
#[must_use]
pub fn projectivize(heads: &[u32]) -> Vec<u32> {
    let mut heads = heads.to_vec();
    loop {
        let crossing = (0..heads.len() as u32).find(|&d| {
            let h = heads[d as usize];
            h != ROOT && {
                let (a, b) = if h < d { (h, d) } else { (d, h) };
                (a + 1..b).any(|k| !dominated(&heads, h, k))
            }
        });
        match crossing {
            Some(d) => {
                let h = heads[d as usize];
                heads[d as usize] = heads[h as usize];
            }
            None => return heads,
        }
    }
}

/// Appends `tree` to `out` as CoNLL-U with the predicted `arcs` (one per word): the gold words and
/// tags, the predicted head and relation, and the gold ones in MISC as `Gold=HEAD:REL`.
pub fn write_parse(tree: &Sentence, arcs: &[dateline_syntax::parse::Arc<'_>], out: &mut String) {
    use std::fmt::Write;
    let number = |head: u32| if head == ROOT { 0 } else { head + 1 };
    let _ = writeln!(out, "# newdoc = {}", tree.document);
    for (k, (word, arc)) in tree.words.iter().zip(arcs).enumerate() {
        let head = arc.head.map_or(0, |h| h + 1);
        let _ = writeln!(
            out,
            "{}\t{word}\t_\t_\t{}\t_\t{head}\t{}\t_\tGold={}:{}",
            k + 1,
            tree.xpos.get(k).map_or("_", String::as_str),
            arc.relation,
            tree.heads.get(k).map_or(0, |&h| number(h)),
            tree.relations.get(k).map_or("_", String::as_str),
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = GUM_news_x\n# sent_id = 1\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n3.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n4\thome\thome\tADV\tRB\t_\t3\tobl:npmod\t_\t_\n\n";

    #[test]
    fn words_heads_relations_and_multiword_tokens() {
        let s = parse(SAMPLE, "t").unwrap();
        assert_eq!(s.len(), 1);
        let s = &s[0];
        assert_eq!(s.document, "GUM_news_x");
        assert_eq!(s.words, ["do", "n't", "go", "home"]);
        assert_eq!(s.heads, [2, 2, ROOT, 2]);
        assert_eq!(s.relations, ["aux", "advmod", "root", "obl"]);
        assert_eq!(s.multiword, [(0, 2, "don't".to_owned())]);
        assert!(parse("1\tx\n\n", "t").is_err());
        assert_eq!(penn_tag("HYPH"), Some(Pos::Colon));
        assert_eq!(penn_tag("-LRB-"), Some(Pos::LeftBracket));
        assert_eq!(penn_tag("NNP"), Some(Pos::NNP));
        assert_eq!(penn_tag("BOGUS"), None);
    }

    #[test]
    fn crossing_arcs_are_lifted() {
        // 0 ← 2, 1 ← 3, 2 root, 3 ← 2: the arc 3→1 crosses 2→0.
        let heads = [2, 3, ROOT, 2];
        let lifted = projectivize(&heads);
        assert_eq!(lifted, [2, 2, ROOT, 2]);
        assert_eq!(projectivize(&[1, ROOT, 1]), [1, ROOT, 1]);
    }

    #[test]
    fn predicted_trees_are_written_with_the_gold_in_misc() {
        let tree = &parse(SAMPLE, "t").unwrap()[0];
        let arcs = [
            dateline_syntax::parse::Arc {
                head: Some(2),
                relation: "aux",
            },
            dateline_syntax::parse::Arc {
                head: Some(0),
                relation: "advmod",
            },
            dateline_syntax::parse::Arc {
                head: None,
                relation: "root",
            },
            dateline_syntax::parse::Arc {
                head: Some(2),
                relation: "obj",
            },
        ];
        let mut out = String::new();
        write_parse(tree, &arcs, &mut out);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "# newdoc = GUM_news_x");
        assert_eq!(lines[2], "2\tn't\t_\t_\tRB\t_\t1\tadvmod\t_\tGold=3:advmod");
        assert_eq!(lines[3], "3\tgo\t_\t_\tVB\t_\t0\troot\t_\tGold=0:root");
        assert_eq!(lines[4], "4\thome\t_\t_\tRB\t_\t3\tobj\t_\tGold=3:obl");
        assert!(out.ends_with("\n\n"));
    }
}
