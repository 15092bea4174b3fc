//! BILOU labels over the GMB entity types, and the transitions a decoder may take.

use std::sync::LazyLock;

/// How many GMB entity types there are: `resources/ner/gmb-types.txt` must list this many.
const TYPE_COUNT: usize = 8;

/// The GMB entity types, in class-id order (`resources/ner/gmb-types.txt`).
pub static TYPES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let types: Vec<&'static str> =
        crate::data::rows(include_str!("../../resources/ner/gmb-types.txt"))
            .map(|row| row[0])
            .collect();
    assert_eq!(
        types.len(),
        TYPE_COUNT,
        "gmb-types.txt lists the model's {TYPE_COUNT} types"
    );
    types
});

/// Number of classes: `O` plus B, I, L, U for each type.
pub const CLASSES: usize = 1 + 4 * TYPE_COUNT;

/// Position of a token in an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Outside any entity.
    Outside,
    /// First of several tokens.
    Begin,
    /// Inside, neither first nor last.
    Inside,
    /// Last of several tokens.
    Last,
    /// A one-token entity.
    Unit,
}

/// The class id of `part` of type `ty` (`ty` ignored for `Outside`).
#[must_use]
pub fn class(part: Part, ty: usize) -> usize {
    match part {
        Part::Outside => 0,
        Part::Begin => 1 + 4 * ty,
        Part::Inside => 2 + 4 * ty,
        Part::Last => 3 + 4 * ty,
        Part::Unit => 4 + 4 * ty,
    }
}

/// The part and type of class `id`.
#[must_use]
pub fn decode(id: usize) -> (Part, usize) {
    if id == 0 {
        return (Part::Outside, 0);
    }
    let part = match (id - 1) % 4 {
        0 => Part::Begin,
        1 => Part::Inside,
        2 => Part::Last,
        _ => Part::Unit,
    };
    (part, (id - 1) / 4)
}

/// Whether `transitions` allow an outside label after the label `prev`.
#[must_use]
pub fn outside_allowed(transitions: &[Vec<bool>], prev: usize) -> bool {
    transitions
        .get(prev)
        .and_then(|allowed| allowed.get(class(Part::Outside, 0)))
        .copied()
        .unwrap_or(false)
}

/// Class names (`O`, `B-per`, …), by id.
#[must_use]
pub fn names() -> Vec<String> {
    (0..CLASSES)
        .map(|id| match decode(id) {
            (Part::Outside, _) => "O".to_owned(),
            (part, ty) => {
                let p = match part {
                    Part::Begin => "B",
                    Part::Inside => "I",
                    Part::Last => "L",
                    _ => "U",
                };
                format!("{p}-{}", TYPES[ty])
            }
        })
        .collect()
}

/// For each previous class, which next classes are allowed (an open entity must continue or
/// close with its own type; otherwise no I or L).
#[must_use]
pub fn transitions() -> Vec<Vec<bool>> {
    (0..CLASSES)
        .map(|prev| {
            let (prev_part, prev_ty) = decode(prev);
            let open = matches!(prev_part, Part::Begin | Part::Inside);
            (0..CLASSES)
                .map(|next| {
                    let (part, ty) = decode(next);
                    let continues = matches!(part, Part::Inside | Part::Last);
                    if open {
                        continues && ty == prev_ty
                    } else {
                        !continues
                    }
                })
                .collect()
        })
        .collect()
}

/// BILOU class ids from IOB2 tags (`B-geo`, `I-geo`, `O`); unknown types are outside.
#[must_use]
pub fn from_iob(tags: &[String]) -> Vec<usize> {
    let parse = |tag: &str| -> Option<(bool, usize)> {
        let (prefix, ty) = tag.split_once('-')?;
        let ty = TYPES.iter().position(|t| *t == ty)?;
        Some((prefix == "B", ty))
    };
    (0..tags.len())
        .map(|i| {
            let Some((begins, ty)) = parse(&tags[i]) else {
                return 0;
            };
            let starts = begins || i == 0 || parse(&tags[i - 1]).is_none_or(|(_, t)| t != ty);
            let continues = tags
                .get(i + 1)
                .and_then(|t| parse(t))
                .is_some_and(|(b, t)| !b && t == ty);
            let part = match (starts, continues) {
                (true, true) => Part::Begin,
                (true, false) => Part::Unit,
                (false, true) => Part::Inside,
                (false, false) => Part::Last,
            };
            class(part, ty)
        })
        .collect()
}

/// Entity spans `(first, end, type)` in token indices from BILOU class ids.
#[must_use]
pub fn spans(classes: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &c) in classes.iter().enumerate() {
        match decode(c) {
            (Part::Unit, ty) => out.push((i, i + 1, ty)),
            (Part::Begin, ty) => open = Some((i, ty)),
            (Part::Last, ty) => {
                if let Some((start, open_ty)) = open.take() {
                    if open_ty == ty {
                        out.push((start, i + 1, ty));
                    }
                }
            }
            (Part::Inside, _) => {}
            (Part::Outside, _) => open = None,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn iob_to_bilou_and_back() {
        let classes = from_iob(&tags("B-per I-per O B-geo B-geo I-geo I-geo O I-org"));
        let named: Vec<String> = classes.iter().map(|&c| names()[c].clone()).collect();
        assert_eq!(
            named,
            ["B-per", "L-per", "O", "U-geo", "B-geo", "I-geo", "L-geo", "O", "U-org"]
        );
        assert_eq!(
            spans(&classes),
            [(0, 2, 0), (3, 4, 2), (4, 7, 2), (8, 9, 1)]
        );
    }

    #[test]
    fn transitions_keep_entities_well_formed() {
        let t = transitions();
        let b_per = class(Part::Begin, 0);
        assert!(t[b_per][class(Part::Last, 0)]);
        assert!(!t[b_per][class(Part::Last, 1)]);
        assert!(!t[b_per][0]);
        assert!(t[0][class(Part::Unit, 3)]);
        assert!(!t[0][class(Part::Inside, 3)]);
        assert_eq!(names().len(), CLASSES);
    }
}
