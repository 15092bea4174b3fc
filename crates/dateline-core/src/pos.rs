//! Part-of-speech tags (Penn Treebank), the tag layer's values, with their Universal POS class.

use serde::{Deserialize, Serialize};

macro_rules! penn_tags {
    ($($variant:ident = $name:literal / $upos:literal),* $(,)?) => {
        /// A Penn Treebank part-of-speech tag.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[repr(u8)]
        #[allow(clippy::upper_case_acronyms)]
        pub enum Pos {
            $(
                #[doc = concat!("`", $name, "`")]
                #[serde(rename = $name)]
                $variant,
            )*
        }

        impl Pos {
            /// Every tag, in declaration order (the order of model class ids).
            pub const ALL: &'static [Pos] = &[$(Pos::$variant),*];

            /// The Penn Treebank name (`NNP`, `VBD`, `PRP$`).
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $(Pos::$variant => $name),* }
            }

            /// The Universal POS class (`PROPN`, `VERB`, …).
            #[must_use]
            pub fn upos(self) -> &'static str {
                match self { $(Pos::$variant => $upos),* }
            }

            /// The tag named `name`; `-LRB-`/`LRB` and `-RRB-`/`RRB` name the brackets.
            #[must_use]
            pub fn from_name(name: &str) -> Option<Pos> {
                match name {
                    "-LRB-" | "LRB" => Some(Pos::LeftBracket),
                    "-RRB-" | "RRB" => Some(Pos::RightBracket),
                    ";" => Some(Pos::Colon),
                    $($name => Some(Pos::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

penn_tags! {
    CC = "CC" / "CCONJ", CD = "CD" / "NUM", DT = "DT" / "DET", EX = "EX" / "PRON", FW = "FW" / "X",
    IN = "IN" / "ADP", JJ = "JJ" / "ADJ", JJR = "JJR" / "ADJ", JJS = "JJS" / "ADJ", LS = "LS" / "X",
    MD = "MD" / "AUX", NN = "NN" / "NOUN", NNS = "NNS" / "NOUN", NNP = "NNP" / "PROPN",
    NNPS = "NNPS" / "PROPN", PDT = "PDT" / "DET", Possessive = "POS" / "PART", PRP = "PRP" / "PRON",
    PRPS = "PRP$" / "PRON", RB = "RB" / "ADV", RBR = "RBR" / "ADV", RBS = "RBS" / "ADV",
    RP = "RP" / "ADP", SYM = "SYM" / "SYM", TO = "TO" / "PART", UH = "UH" / "INTJ", VB = "VB" / "VERB",
    VBD = "VBD" / "VERB", VBG = "VBG" / "VERB", VBN = "VBN" / "VERB", VBP = "VBP" / "VERB",
    VBZ = "VBZ" / "VERB", WDT = "WDT" / "DET", WP = "WP" / "PRON", WPS = "WP$" / "PRON",
    WRB = "WRB" / "ADV", Dollar = "$" / "SYM", Hash = "#" / "SYM", OpenQuote = "``" / "PUNCT",
    CloseQuote = "''" / "PUNCT", LeftBracket = "(" / "PUNCT", RightBracket = ")" / "PUNCT",
    Comma = "," / "PUNCT", Period = "." / "PUNCT", Colon = ":" / "PUNCT",
}

impl Pos {
    /// Whether this is a verb tag (`VB*`, not `MD`).
    #[must_use]
    pub fn is_verb(self) -> bool {
        matches!(
            self,
            Pos::VB | Pos::VBD | Pos::VBG | Pos::VBN | Pos::VBP | Pos::VBZ
        )
    }

    /// Whether this is a proper noun tag.
    #[must_use]
    pub fn is_proper_noun(self) -> bool {
        matches!(self, Pos::NNP | Pos::NNPS)
    }

    /// The class id of this tag in models (its index in [`Pos::ALL`]).
    #[must_use]
    pub fn id(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &tag in Pos::ALL {
            assert_eq!(Pos::from_name(tag.as_str()), Some(tag));
            assert_eq!(Pos::ALL[tag.id()], tag);
        }
        assert_eq!(Pos::ALL.len(), 45);
        assert_eq!(Pos::from_name("LRB"), Some(Pos::LeftBracket));
        assert_eq!(Pos::from_name("PRP$").map(Pos::upos), Some("PRON"));
        assert!(Pos::VBD.is_verb() && !Pos::MD.is_verb());
    }
}
