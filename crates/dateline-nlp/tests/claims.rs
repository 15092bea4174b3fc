//! The claims stage end to end on original sentences: values, qualifiers, what is counted,
//! categories and speakers, and the numbers that are not claims.

use dateline_core::{Claim, ClaimValue, Document, Stage};
use dateline_nlp::claims::ClaimStage;

fn run(text: &str) -> Document {
    let mut doc = Document::from_text(text);
    dateline_nlp::standard_pipeline(&dateline_nlp::Config::default()).run(&mut doc);
    ClaimStage::default().run(&mut doc);
    doc
}

/// The claim phrases of `doc`, as written.
fn phrases(doc: &Document) -> Vec<&str> {
    doc.claims.iter().map(|c| doc.slice(c.span)).collect()
}

/// The claim whose phrase is `phrase`; the failure lists all of them.
fn claim<'a>(doc: &'a Document, phrase: &str) -> &'a Claim {
    doc.claims
        .iter()
        .find(|c| doc.slice(c.span) == phrase)
        .unwrap_or_else(|| panic!("no claim {phrase:?} in {:?}", phrases(doc)))
}

fn speaker_name(doc: &Document, c: &Claim) -> Option<String> {
    c.speaker.map(|id| doc.entities[id as usize].name.clone())
}

#[test]
fn stage_is_named_claims() {
    assert_eq!(ClaimStage::default().name(), "claims");
}

#[test]
fn a_reported_troop_figure_has_qualifier_counts_and_speaker() {
    let doc = run(
        "About 4,500 Chinese troops have massed near the border, Indian Defence Minister \
         Rajnath Singh said on Monday.",
    );
    let c = claim(&doc, "About 4,500");
    assert_eq!(c.value, ClaimValue::Number(4500.0));
    assert_eq!(c.qualifier.as_deref(), Some("approximately"));
    assert_eq!(c.counts.as_deref(), Some("Chinese troops"));
    assert_eq!(c.category.as_deref(), Some("troops"));
    assert_eq!(speaker_name(&doc, c).as_deref(), Some("Rajnath Singh"));
    let named = c.speaker_text.map(|s| doc.slice(s));
    assert!(
        named.is_some_and(|n| n.ends_with("Rajnath Singh")),
        "{named:?}"
    );
    assert_eq!(doc.claims.len(), 1, "{:?}", phrases(&doc));
}

#[test]
fn outcomes_after_the_noun_decide_the_category() {
    let doc = run(
        "At least 23 people were killed and 41 wounded in the blast, according to the health \
         ministry.",
    );
    let killed = claim(&doc, "At least 23");
    assert_eq!(killed.value, ClaimValue::Number(23.0));
    assert_eq!(killed.qualifier.as_deref(), Some("at least"));
    assert_eq!(killed.counts.as_deref(), Some("people"));
    assert_eq!(killed.category.as_deref(), Some("killed"));
    assert_eq!(
        killed.speaker_text.map(|s| doc.slice(s)),
        Some("the health ministry"),
        "an `according to` source with no entity is still named"
    );
    let wounded = claim(&doc, "41");
    assert_eq!(wounded.category.as_deref(), Some("wounded"));
    assert_eq!(wounded.counts, None);
}

#[test]
fn the_crate_doc_example_holds() {
    let doc = run("At least 17 people were killed in the clashes.");
    let c = &doc.claims[0];
    assert_eq!(c.value, ClaimValue::Number(17.0));
    assert_eq!(c.qualifier.as_deref(), Some("at least"));
    assert_eq!(c.category.as_deref(), Some("killed"));
    assert_eq!(doc.slice(c.span), "At least 17");
}

#[test]
fn a_verb_before_the_number_decides_the_category() {
    let doc = run("Police detained eight Kurdish activists in Istanbul on Sunday.");
    let c = claim(&doc, "eight");
    assert_eq!(c.value, ClaimValue::Number(8.0));
    assert_eq!(c.counts.as_deref(), Some("Kurdish activists"));
    assert_eq!(c.category.as_deref(), Some("arrested"));
    assert_eq!(c.speaker, None, "the article states it");
}

#[test]
fn a_number_in_a_direct_quote_is_the_speakers() {
    let doc = run(
        "\u{201c}We have lost 120 of our soldiers in two weeks,\u{201d} General Mark Otieno told \
         reporters.",
    );
    let c = claim(&doc, "120");
    assert_eq!(c.counts.as_deref(), Some("soldiers"));
    assert_eq!(c.category.as_deref(), Some("troops"));
    let name = speaker_name(&doc, c);
    assert!(
        name.as_deref().is_some_and(|n| n.ends_with("Mark Otieno")),
        "{name:?}"
    );
    assert_eq!(phrases(&doc), ["120"], "`two weeks` is a duration");
}

#[test]
fn money_percent_and_area() {
    let doc = run(
        "The bank approved a $1.5 billion loan as inflation reached 12.4% and rebels held \
         thousands of square miles of farmland.",
    );
    let money = claim(&doc, "$1.5 billion");
    assert_eq!(money.value, ClaimValue::Number(1.5e9));
    assert_eq!(money.category.as_deref(), Some("money"));
    assert_eq!(money.counts.as_deref(), Some("loan"));
    let share = claim(&doc, "12.4%");
    assert_eq!(share.value, ClaimValue::Number(12.4));
    assert_eq!(share.category.as_deref(), Some("percent"));
    let area = claim(&doc, "thousands");
    assert_eq!(area.value, ClaimValue::Word("thousands".into()));
    assert_eq!(area.counts.as_deref(), Some("square miles"));
    assert_eq!(area.category.as_deref(), Some("area"));
}

#[test]
fn currency_words_and_glued_scales() {
    let doc = run("The ministry set aside 80 billion rubles and the fund raised €2.4bn.");
    let rubles = claim(&doc, "80 billion rubles");
    assert_eq!(rubles.value, ClaimValue::Number(8e10));
    assert_eq!(rubles.category.as_deref(), Some("money"));
    assert_eq!(
        claim(&doc, "€2.4bn").value,
        ClaimValue::Number(2_400_000_000.0)
    );
}

#[test]
fn vague_amounts_are_words() {
    let doc = run(
        "Tens of thousands of demonstrators filled the square, and dozens were arrested. \
         Several hundred families left.",
    );
    let crowd = claim(&doc, "Tens of thousands");
    assert_eq!(crowd.value, ClaimValue::Word("tens of thousands".into()));
    assert_eq!(crowd.category.as_deref(), Some("protesters"));
    let arrested = claim(&doc, "dozens");
    assert_eq!(arrested.value, ClaimValue::Word("dozens".into()));
    assert_eq!(arrested.category.as_deref(), Some("arrested"));
    assert_eq!(
        claim(&doc, "Several hundred").value,
        ClaimValue::Word("several hundred".into())
    );
}

#[test]
fn qualifiers_before_and_after() {
    let doc = run(
        "Up to 90 migrants were rescued, nearly 2,000 homes were flooded and 5,000 or more \
         residents fled.",
    );
    assert_eq!(claim(&doc, "Up to 90").qualifier.as_deref(), Some("up to"));
    assert_eq!(
        claim(&doc, "nearly 2,000").qualifier.as_deref(),
        Some("approximately")
    );
    let fled = claim(&doc, "5,000 or more");
    assert_eq!(fled.qualifier.as_deref(), Some("at least"));
    assert_eq!(fled.category.as_deref(), Some("displaced"));
}

#[test]
fn one_counts_only_a_following_noun() {
    let doc = run(
        "One Kenyan peacekeeper was killed. No one else was hurt. One of the convoys turned \
         back, and one day later the road reopened.",
    );
    assert_eq!(phrases(&doc), ["One"]);
    assert_eq!(doc.claims[0].value, ClaimValue::Number(1.0));
    assert_eq!(doc.claims[0].category.as_deref(), Some("killed"));
}

#[test]
fn dates_durations_ages_and_times_are_not_claims() {
    let doc = run(
        "The 17-year-old was held for 12 days after the vote on March 3, 2019. \
         Talks began at 10:45 a.m. and lasted three hours. In 2019 the party won. \
         Amina Yusuf, 52, said the 2015 accord had failed. A girl aged 9 was among them.",
    );
    assert!(doc.claims.is_empty(), "{:?}", phrases(&doc));
}

#[test]
fn names_ordinals_and_markers_are_not_claims() {
    let doc = run(
        "Resolution 1701 and Article 51 apply, the 3rd Battalion said. Flight 302 landed on \
         page 4 of the report. It was the second time in the 1980s that Windows 95 crashed.",
    );
    assert!(doc.claims.is_empty(), "{:?}", phrases(&doc));
}

#[test]
fn a_year_shaped_number_before_a_counted_noun_is_a_count() {
    let doc = run(
        "Officials said 1500 soldiers were deployed. In 1500 the city fell. In 2011 protesters \
         filled the streets.",
    );
    assert_eq!(phrases(&doc), ["1500"]);
    assert_eq!(doc.claims[0].category.as_deref(), Some("troops"));
}

#[test]
fn a_number_before_a_singular_noun_is_a_measure_or_label() {
    let doc = run(
        "A 5.9 quake shook the coast. Crews checked the 400 block. Two policemen and one \
         firefighter were hurt.",
    );
    assert_eq!(phrases(&doc), ["Two", "one"]);
    assert_eq!(doc.claims[1].counts.as_deref(), Some("firefighter"));
    assert_eq!(doc.claims[1].category.as_deref(), Some("wounded"));
}

#[test]
fn a_toll_counts_a_bare_number() {
    let doc = run("The death toll from the earthquake rose to 311 on Thursday.");
    let c = claim(&doc, "311");
    assert_eq!(c.counts.as_deref(), Some("death toll"));
    assert_eq!(c.category.as_deref(), Some("killed"));
}

#[test]
fn a_re_mention_after_the_is_not_a_new_claim() {
    let doc = run("Some 800 soldiers arrived. The 800 soldiers set up camp.");
    assert_eq!(phrases(&doc), ["Some 800"]);
}

#[test]
fn many_numbers_and_quotes_finish() {
    let text = "\u{201c}Some 40 soldiers were killed,\u{201d} he said. ".repeat(4_000)
        + &"12 rockets and 7 drones, ".repeat(6_000);
    let doc = run(&text);
    assert!(!doc.claims.is_empty());
    assert!(
        doc.claims.len() < 10,
        "repeats are one claim: {}",
        doc.claims.len()
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any mix of numbers, number words, qualifiers, currency and odd characters: no panic,
        /// every claim span on character boundaries of the text, speakers in range.
        #[test]
        fn the_stage_never_panics(text in "(\\d{1,7}|[0-9,.]{1,8}|one|twenty-five|hundred|a|dozen|dozens|of|half|million|at least|some|or so|\\$|€|%|percent|said|\u{201c}|\u{201d}|killed|troops|the|years|October|, |\\. |\n| |[a-zé東]{1,5}|[\\-:/()+#])*") {
            let doc = run(&text);
            for c in &doc.claims {
                prop_assert!(c.span.get(&doc.text).is_some(), "{c:?}");
                prop_assert!(!c.span.is_empty());
                prop_assert!(c.speaker_text.is_none_or(|s| s.get(&doc.text).is_some()));
                prop_assert!(c.speaker.is_none_or(|s| (s as usize) < doc.entities.len()));
            }
        }

        /// Arbitrary Unicode, too.
        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
            let doc = run(&text);
            for c in &doc.claims {
                prop_assert!(c.span.get(&doc.text).is_some());
            }
        }
    }
}

#[test]
fn another_before_a_number_adds_a_count() {
    let doc = run(
        "Chad will send another 1,500 soldiers to the border, Defence Minister Idriss \
                   Mahamat said on Thursday.",
    );
    let found = phrases(&doc);
    assert!(
        found.iter().any(|p| p.contains("1,500")),
        "'another 1,500 soldiers' is a claim: {found:?}"
    );
}
