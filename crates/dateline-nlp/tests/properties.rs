//! Properties of the whole standard pipeline on generated text: whatever the input, every span
//! of the output lies on character boundaries inside the text, and quotes, events and claims
//! refer only to entities and sentences that exist (`dateline_core::validate`). The text is
//! built from news-like words (names, states, cue verbs, event verbs, numbers, dates), quote
//! marks and odd characters, so that every layer has work to do.

use std::sync::OnceLock;

use dateline_core::{validate, Document, Pipeline};
use proptest::prelude::*;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| dateline_nlp::standard_pipeline(&dateline_nlp::Config::default()))
}

const WORDS: &[&str] = &[
    "The",
    "the",
    "minister",
    "President",
    "Vladimir",
    "Putin",
    "Lloyd",
    "Austin",
    "Kim",
    "Yong-hyun",
    "he",
    "she",
    "it",
    "they",
    "said",
    "told",
    "reporters",
    "added",
    "according",
    "to",
    "Russia",
    "Ukraine",
    "North",
    "Korea",
    "China",
    "U.S.",
    "Pentagon",
    "NATO",
    "U.N.",
    "troops",
    "deployed",
    "attacked",
    "condemned",
    "signed",
    "agreement",
    "talks",
    "met",
    "with",
    "in",
    "Kyiv",
    "Seoul",
    "on",
    "Wednesday",
    "Oct.",
    "30",
    "2024",
    "last",
    "week",
    "10,000",
    "more",
    "than",
    "600,000",
    "casualties",
    "$1.2",
    "billion",
    "percent",
    "not",
    "would",
    "could",
    "if",
    "and",
    "or",
    "of",
    "'s",
    "’s",
    ",",
    ".",
    ";",
    ":",
    "—",
    "-",
    "(",
    ")",
    "\"",
    "“",
    "”",
    "'",
    "‘",
    "’",
    "…",
    "?",
    "!",
    "\n",
    "\n\n",
    "é",
    "Ж",
    "日本",
    "🙂",
    "\u{301}",
    "\u{200b}",
    "\t",
    "WASHINGTON",
    "(Reuters)",
    "By",
    "Reporting",
    "by",
    "Editing",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            8 => prop::sample::select(WORDS).prop_map(str::to_owned),
            1 => "\\PC{1,6}",
        ],
        0..160,
    )
    .prop_map(|words| words.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_span_and_reference_is_valid(text in text()) {
        let mut doc = Document::from_text(text);
        pipeline().run(&mut doc);
        if let Err(err) = validate(&doc) {
            return Err(TestCaseError::fail(format!("{err} in {:?}", doc.text)));
        }
    }

    #[test]
    fn arbitrary_unicode_is_valid_too(text in "\\PC{0,400}") {
        let mut doc = Document::from_text(text);
        pipeline().run(&mut doc);
        prop_assert_eq!(validate(&doc), Ok(()));
    }
}
