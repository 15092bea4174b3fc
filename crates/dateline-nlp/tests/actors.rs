//! Actor knowledge end to end: people known to the knowledge base with the role valid on the
//! article's date, towns whose country the article settles, and group nouns coded with the
//! country of their modifier. Stories are written for these tests.

use chrono::NaiveDate;
use dateline_core::{ActorSource, DateSource, Document, Entity, EntityType};

fn run_on(text: &str, date: &str) -> Document {
    let mut doc = Document::from_text(text);
    doc.meta.published = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    doc.meta.published_source = doc.meta.published.map(|_| DateSource::Flag);
    dateline_nlp::standard_pipeline(&dateline_nlp::Config::default()).run(&mut doc);
    doc
}

fn named<'a>(doc: &'a Document, part: &str) -> &'a Entity {
    doc.entities
        .iter()
        .find(|e| e.name.contains(part))
        .unwrap_or_else(|| panic!("no entity like {part:?} in {:#?}", doc.entities))
}

#[test]
fn a_known_person_takes_the_role_of_the_article_date() {
    let text = "Theresa May rejected the proposal on Tuesday.";
    let in_office = run_on(text, "2017-03-14");
    let may = named(&in_office, "May");
    assert_eq!(may.kind, EntityType::Person);
    assert_eq!(may.actor.as_deref(), Some("GBRGOV"));
    assert_eq!(may.actor_source, Some(ActorSource::Kb));
    assert!(
        may.kb.as_deref().is_some_and(|id| id.starts_with('Q')),
        "{may:?}"
    );
    let later = run_on(text, "2021-03-14");
    assert_eq!(
        named(&later, "May").actor.as_deref(),
        Some("GBRELI"),
        "no longer in office"
    );
    let before = run_on(text, "2009-03-14");
    assert_ne!(named(&before, "May").actor.as_deref(), Some("GBRGOV"));
}

#[test]
fn a_surname_alone_is_the_person_it_names_that_day() {
    let doc = run_on(
        "Putin said on Monday that the talks had failed.",
        "2015-06-01",
    );
    let putin = named(&doc, "Putin");
    assert_eq!(
        putin.kind,
        EntityType::Person,
        "whatever the recogniser said"
    );
    assert_eq!(putin.actor.as_deref(), Some("RUSGOV"));
}

#[test]
fn spellings_of_one_person_link_to_one_id() {
    let a = run_on(
        "Muammar Gaddafi addressed the crowd in Tripoli.",
        "2010-02-01",
    );
    let b = run_on(
        "Moammar Qaddafi addressed the crowd in Tripoli.",
        "2010-02-01",
    );
    let (a, b) = (named(&a, "Gaddafi"), named(&b, "Qaddafi"));
    assert!(a.kb.is_some() && a.kb == b.kb, "{a:?} / {b:?}");
    assert_eq!(a.actor.as_deref(), Some("LBYGOV"));
}

#[test]
fn a_former_title_is_kept_over_the_knowledge_base() {
    let doc = run_on(
        "Former President George W. Bush visited Kenya on Monday.",
        "2006-01-10",
    );
    assert_eq!(named(&doc, "Bush").actor.as_deref(), Some("USAELI"));
}

#[test]
fn a_town_named_in_several_countries_follows_the_article() {
    let doc = run_on(
        "Officials in Tripoli said fighting near Beirut and Sidon had stopped.",
        "2019-05-01",
    );
    let tripoli = named(&doc, "Tripoli");
    assert_eq!(tripoli.country.as_deref(), Some("LBN"));
    let why = tripoli.evidence.as_deref().unwrap_or_default();
    assert!(why.contains("LBN") && why.contains("LBY"), "{why}");
    let alone = run_on(
        "Officials in Tripoli said the talks would resume.",
        "2019-05-01",
    );
    assert_eq!(
        named(&alone, "Tripoli").country.as_deref(),
        Some("LBY"),
        "the larger one"
    );
}

#[test]
fn new_york_is_in_the_united_states() {
    let doc = run_on("The envoy spoke in New York on Tuesday.", "2019-05-01");
    let ny = named(&doc, "New York");
    assert_eq!(
        (ny.kind, ny.country.as_deref()),
        (EntityType::Gpe, Some("USA"))
    );
}

/// `(source, target)` actor codes of each event.
fn pairs(doc: &Document) -> Vec<(String, String)> {
    let code = |p: &Option<dateline_core::Participant>| {
        p.as_ref().and_then(|p| p.actor.clone()).unwrap_or_default()
    };
    doc.events
        .iter()
        .map(|e| (code(&e.source), code(&e.target)))
        .collect()
}

#[test]
fn coordinated_nationalities_are_each_a_group_acting_together() {
    let doc = run_on(
        "French and German students marched in Rome on Saturday.",
        "2019-05-01",
    );
    let pairs = pairs(&doc);
    assert!(pairs.iter().all(|(s, t)| t == "ITA" && s != t), "{pairs:?}");
    let sources: Vec<&str> = pairs.iter().map(|(s, _)| &s[..3]).collect();
    assert_eq!(sources, ["FRA", "DEU"], "{pairs:?}");
}

#[test]
fn a_group_noun_takes_the_country_of_the_place_it_is_in() {
    let doc = run_on(
        "Police in Lagos arrested 20 protesters on Monday.",
        "2019-05-01",
    );
    assert_eq!(pairs(&doc).first().map(|(s, _)| s.as_str()), Some("NGACOP"));
    let doc = run_on(
        "Syrian rebels attacked government troops on Monday.",
        "2019-05-01",
    );
    assert_eq!(pairs(&doc).first().map(|(s, _)| s.as_str()), Some("SYRREB"));
}

#[test]
fn a_titled_surname_that_is_also_a_word_is_the_office_holder() {
    let doc = run_on("President Bush spoke to reporters on Monday.", "2005-09-01");
    let bush = named(&doc, "Bush");
    assert_eq!(bush.actor.as_deref(), Some("USAGOV"));
    assert!(bush.kb.is_some(), "{bush:?}");
    let later = run_on("President Bush spoke to reporters on Monday.", "1990-09-01");
    assert_ne!(
        named(&later, "Bush").kb,
        bush.kb,
        "his father was president then"
    );
}

#[test]
fn heads_of_international_bodies_take_the_body_code() {
    let doc = run_on(
        "UN Secretary-General Antonio Guterres urged both sides to stop the fighting.",
        "2019-03-01",
    );
    let guterres = named(&doc, "Guterres");
    assert_eq!(guterres.kind, EntityType::Person);
    assert_eq!(guterres.actor.as_deref(), Some("IGOUNO"));
}

#[test]
fn a_country_named_like_a_us_state_follows_the_article() {
    let doc = run_on(
        "Protesters in Atlanta, Georgia, marched on Monday. Police in Savannah made no arrests.",
        "2019-03-01",
    );
    let georgia = named(&doc, "Georgia");
    assert_eq!(georgia.country.as_deref(), Some("USA"));
    assert!(georgia
        .evidence
        .as_deref()
        .is_some_and(|e| e.contains("GEO")));
    let doc = run_on(
        "Georgia's president met officials in Tbilisi.",
        "2019-03-01",
    );
    assert_eq!(named(&doc, "Georgia").country.as_deref(), Some("GEO"));
    let doc = run_on(
        "Officials in Moscow and Chicago met on Monday.",
        "2019-03-01",
    );
    assert_eq!(
        named(&doc, "Moscow").country.as_deref(),
        Some("RUS"),
        "a capital keeps its country"
    );
}

#[test]
fn a_persons_possessive_gives_the_group_its_country() {
    let doc = run_on(
        "Gaddafi's forces attacked Libyan rebels in Misrata.",
        "2011-03-01",
    );
    assert_eq!(pairs(&doc).first().map(|(s, _)| s.as_str()), Some("LBYMIL"));
}

#[test]
fn an_envoy_is_coded_by_the_state_that_sends_him() {
    let doc = run_on(
        "Moscow's envoy to Lithuania, Pavel Orlov, said the plan was unacceptable.",
        "2020-05-01",
    );
    assert_eq!(named(&doc, "Orlov").actor.as_deref(), Some("RUSGOV"));
}
