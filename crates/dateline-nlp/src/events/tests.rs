//! Events coded from whole sentences run through the standard pipeline.

use dateline_core::{Document, Modality, Stage};

use super::EventStage;
use crate::{standard_pipeline, Config};

fn code(text: &str) -> Document {
    let mut doc = Document::from_text(text);
    standard_pipeline(&Config::default()).run(&mut doc);
    doc
}

/// `(source actor, target actor, cameo root, modality)` of each event.
fn summary(doc: &Document) -> Vec<(String, String, String, Modality)> {
    doc.events
        .iter()
        .map(|e| {
            let actor = |p: &Option<dateline_core::Participant>| {
                p.as_ref()
                    .and_then(|p| p.actor.as_deref())
                    .map(|a| a.get(..3).unwrap_or(a).to_owned())
                    .unwrap_or_default()
            };
            (
                actor(&e.source),
                actor(&e.target),
                e.cameo_root.clone(),
                e.modality,
            )
        })
        .collect()
}

fn has(doc: &Document, source: &str, target: &str, root: &str) -> bool {
    summary(doc)
        .iter()
        .any(|(s, t, r, _)| s == source && t == target && r == root)
}

#[test]
fn subject_verb_object() {
    let doc = code("Turkey condemned Syria on Monday for the shelling of a border town.");
    assert!(has(&doc, "TUR", "SYR", "11"), "{:?}", summary(&doc));
    let e = &doc.events[0];
    assert_eq!(e.quad_class, 3);
    assert!(e.goldstein < 0.0);
    assert_eq!(e.plover.as_ref().map(|p| p.kind.as_str()), Some("ACCUSE"));
    assert_eq!(doc.slice(e.trigger), "condemned");
}

#[test]
fn prepositional_targets_and_coordination() {
    let doc = code("Kenya sent troops to Somalia last year.");
    assert!(has(&doc, "KEN", "SOM", "07"), "{:?}", summary(&doc));
    let doc = code("The foreign minister of Chile met with officials from Peru and Bolivia.");
    let s = summary(&doc);
    assert!(
        s.iter().any(|(_, t, r, _)| t == "PER" && r == "04"),
        "{s:?}"
    );
    assert!(
        s.iter().any(|(_, t, r, _)| t == "BOL" && r == "04"),
        "{s:?}"
    );
}

#[test]
fn possessive_and_adjectival_sources_of_nouns() {
    let doc = code("Ethiopia's invasion of Eritrea was condemned abroad.");
    assert!(has(&doc, "ETH", "ERI", "19"), "{:?}", summary(&doc));
    let doc = code("Israeli air strikes on Lebanon continued overnight.");
    assert!(has(&doc, "ISR", "LBN", "19"), "{:?}", summary(&doc));
}

#[test]
fn passive_agents_act() {
    let doc = code("Georgia was attacked by Russia in 2008.");
    assert!(has(&doc, "RUS", "GEO", "19"), "{:?}", summary(&doc));
}

#[test]
fn modality_is_marked_not_dropped() {
    let doc = code("Japan could impose sanctions on North Korea.");
    assert_eq!(
        summary(&doc).first().map(|e| e.3),
        Some(Modality::Hypothetical)
    );
    let doc = code("If Iran attacks Israel, the region will suffer.");
    assert_eq!(
        summary(&doc).first().map(|e| e.3),
        Some(Modality::Conditional)
    );
    let doc = code("Sweden has not condemned Turkey.");
    assert_eq!(summary(&doc).first().map(|e| e.3), Some(Modality::Negated));
    // An intended meeting is coded as an intention to meet (036).
    let doc = code("Brazil plans to meet Argentina next month.");
    let e = doc.events.first().expect("an event");
    assert_eq!(e.modality, Modality::Intended);
    assert_eq!(e.cameo, "036");
    assert_eq!(e.plover.as_ref().map(|p| p.kind.as_str()), Some("AGREE"));
}

#[test]
fn reported_speech_keeps_its_speaker() {
    let doc = code("Polish Prime Minister Donald Tusk said Belarus had attacked Lithuania.");
    let e = doc
        .events
        .iter()
        .find(|e| e.cameo_root == "19")
        .unwrap_or_else(|| panic!("{:?}", summary(&doc)));
    assert_eq!(e.modality, Modality::Reported);
    assert!(e.speaker.is_some());
}

#[test]
fn plain_statements_and_credits_are_not_events() {
    let doc = code("France said on Tuesday that the weather was fine.");
    assert!(doc.events.is_empty(), "{:?}", summary(&doc));
    let doc = code("Nothing happened. (Editing by Anna Smith)");
    assert!(doc.events.is_empty());
}

#[test]
fn stage_survives_documents_without_layers() {
    let mut doc = Document::from_text("Russia attacked Ukraine.");
    EventStage::default().run(&mut doc);
    assert!(doc.events.is_empty());
}

#[test]
fn support_verbs_and_opening_phrases_give_noun_triggers_a_source() {
    let doc = code("Sudanese forces launched an attack on Chad overnight.");
    assert!(has(&doc, "SDN", "TCD", "19"), "{:?}", summary(&doc));
    let doc = code("After an attack on Chad, Sudan denied everything.");
    assert!(has(&doc, "SDN", "TCD", "19"), "{:?}", summary(&doc));
    // A noun with no actor of its own and no support verb is not coded.
    let doc = code("Analysts said the attack on Chad was a surprise.");
    assert!(doc.events.is_empty(), "{:?}", summary(&doc));
}

#[test]
fn bare_participles_take_only_a_by_agent() {
    // "weapons sent by Iran": Iran sends; the nearest actor on the left does not.
    let doc = code("Yemen received troops sent by Iran.");
    assert!(
        !summary(&doc).iter().any(|(s, _, _, _)| s == "YEM"),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn a_repeated_event_is_reported_once() {
    let doc = code("Peru condemned Chile. Later, Peru condemned Chile again.");
    assert_eq!(doc.events.len(), 1, "{:?}", summary(&doc));
}

#[test]
fn agents_take_their_state_and_nouns_their_by_agent() {
    let doc = code("The Nigerian army attacked Cameroon on Friday.");
    let e = doc
        .events
        .first()
        .unwrap_or_else(|| panic!("{:?}", summary(&doc)));
    let source = e.source.as_ref().and_then(|p| p.actor.as_deref());
    assert_eq!(source, Some("NGAMIL"));
    assert_eq!(
        e.source.as_ref().and_then(|p| p.entity),
        None,
        "an agent is not an entity"
    );
    let doc = code("Ghana condemned the attack by Togo on Benin.");
    assert!(has(&doc, "TGO", "BEN", "19"), "{:?}", summary(&doc));
    let doc = code("Talks between Serbia and Kosovo resumed in Brussels.");
    assert!(
        has(&doc, "SRB", "UNK", "04") || has(&doc, "SRB", "KSV", "04"),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn coordinated_subjects_without_a_target_act_on_each_other() {
    let doc = code("Chile and Peru signed a fisheries agreement on Monday.");
    assert!(has(&doc, "CHL", "PER", "05"), "{:?}", summary(&doc));
    assert!(has(&doc, "PER", "CHL", "05"), "{:?}", summary(&doc));
}

#[test]
fn it_and_they_stand_for_the_last_actor() {
    let doc = code("Norway issued a statement on Monday. It condemned Iran.");
    assert!(has(&doc, "NOR", "IRN", "11"), "{:?}", summary(&doc));
    // A person is "he" or "she", not "it".
    let doc = code("Sweden met Anna Lind. It condemned Iran.");
    assert!(has(&doc, "SWE", "IRN", "11"), "{:?}", summary(&doc));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any text, including news-like word salad, gives well-formed events: spans on char
    /// boundaries inside the text, a valid sentence index, codes from the tables.
    #[test]
    fn events_are_well_formed_on_any_text(
        words in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::prelude::Just("Russia".to_owned()),
                proptest::prelude::Just("attacked".to_owned()),
                proptest::prelude::Just("the army".to_owned()),
                proptest::prelude::Just("if".to_owned()),
                proptest::prelude::Just("called on".to_owned()),
                proptest::prelude::Just("Ukraine's".to_owned()),
                proptest::prelude::Just("talks between".to_owned()),
                proptest::prelude::Just("and".to_owned()),
                proptest::prelude::Just("\u{201c}".to_owned()),
                proptest::prelude::Just("said".to_owned()),
                proptest::prelude::Just(".".to_owned()),
                "\\PC{0,8}",
            ],
            0..60,
        )
    ) {
        let text = words.join(" ");
        let doc = code(&text);
        let codes = super::CameoCodes::embedded();
        for e in &doc.events {
            proptest::prop_assert!(doc.text.get(e.trigger.start()..e.trigger.end()).is_some());
            proptest::prop_assert!((e.sentence as usize) < doc.sentences.len());
            proptest::prop_assert!(codes.contains(&e.cameo), "{}", e.cameo);
            proptest::prop_assert!((1..=4).contains(&e.quad_class));
            for p in [&e.source, &e.target].into_iter().flatten() {
                if let Some(span) = p.span {
                    proptest::prop_assert!(doc.text.get(span.start()..span.end()).is_some());
                }
            }
        }
    }
}

#[test]
fn the_move_refers_to_the_last_event() {
    let doc = code("Russia and Belarus signed a defence treaty on Monday, a move Poland immediately condemned.");
    assert!(has(&doc, "RUS", "BLR", "05"), "{:?}", summary(&doc));
    assert!(has(&doc, "POL", "RUS", "11"), "{:?}", summary(&doc));
    let doc = code("Serbia deployed troops to Bosnia. Croatia criticized the move.");
    assert!(has(&doc, "HRV", "SRB", "11"), "{:?}", summary(&doc));
}

#[test]
fn a_definite_noun_refers_to_an_earlier_mention_no_event_was_coded_from() {
    // The first sentence codes no event (its victims are no actor); "the strike" still names
    // Turkey's strike.
    let doc = code(
        "A Turkish drone strike near Sinjar killed four men on Monday. Iraq's foreign ministry \
         called the strike a flagrant violation of Iraqi sovereignty.",
    );
    assert!(has(&doc, "IRQ", "TUR", "11"), "{:?}", summary(&doc));
    // A generic noun ("the move") refers to coded events only.
    let doc = code("A Turkish move surprised observers. Iraq condemned the move.");
    assert!(!has(&doc, "IRQ", "TUR", "11"), "{:?}", summary(&doc));
}

#[test]
fn its_neighbor_is_the_bordering_state_named() {
    let doc = code("The Georgia conflict began when Russia invaded its neighbor in August 2008.");
    assert!(has(&doc, "RUS", "GEO", "19"), "{:?}", summary(&doc));
    // No bordering state named: no target, no event.
    let doc = code("Officials said Russia invaded its neighbor.");
    assert!(doc.events.is_empty(), "{:?}", summary(&doc));
}

#[test]
fn every_event_says_which_rules_coded_it() {
    let doc =
        code("Israeli air strikes on Lebanon continued overnight. Kenya sent troops to Somalia.");
    assert!(!doc.events.is_empty());
    for e in &doc.events {
        let rule = e.rule.as_deref().unwrap_or_default();
        assert!(
            rule.contains("(triggers.tsv)") && rule.contains("source: "),
            "{rule}"
        );
    }
    let strikes = doc
        .events
        .iter()
        .find(|e| e.cameo_root == "19")
        .expect("the strikes");
    let rule = strikes.rule.as_deref().unwrap_or_default();
    assert!(
        rule.starts_with("noun ") && rule.contains("possessive or adjective"),
        "{rule}"
    );
}

#[test]
fn petrarch_patterns_code_a_verb_by_its_object() {
    // "scrap" is not in triggers.tsv; PETRARCH2's dictionary codes "scrap … visit" as 160.
    let doc = code("China scrapped a planned visit to Japan.");
    assert!(has(&doc, "CHN", "JPN", "16"), "{:?}", summary(&doc));
    let rule = doc.events[0].rule.as_deref().unwrap_or_default();
    assert!(rule.contains("(petrarch-verbs.tsv)"), "{rule}");
    // The pattern needs the word as the verb's dependent, not anywhere near it.
    let doc = code("China scrapped its plan, a week before the visit to Japan.");
    assert!(!has(&doc, "CHN", "JPN", "16"), "{:?}", summary(&doc));
}

#[test]
fn a_controlled_infinitive_takes_the_subject_of_its_verb() {
    // "began … to strike": the subject carries down, by the parse, past the date phrase.
    let doc = code("Russia began on Monday to strike Ukrainian ports.");
    let strike = doc
        .events
        .iter()
        .find(|e| e.cameo_root == "19")
        .unwrap_or_else(|| panic!("{:?}", summary(&doc)));
    let rule = strike.rule.as_deref().unwrap_or_default();
    assert!(rule.contains("source: subject (parse)"), "{rule}");
    assert!(has(&doc, "RUS", "UKR", "19"), "{:?}", summary(&doc));
}

#[test]
fn a_target_named_inside_the_object_phrase() {
    // An adjective, an `of` phrase, a possessive one level down.
    let doc = code("Kenyan police detained three Ugandan traders at the border on Friday.");
    assert!(has(&doc, "KEN", "UGA", "17"), "{:?}", summary(&doc));
    let doc = code("Peruvian soldiers shelled positions of the Bolivian army near the river.");
    assert!(has(&doc, "PER", "BOL", "19"), "{:?}", summary(&doc));
    let doc = code("Rebels in Chad killed the deputy head of Sudan's border guard on Monday.");
    assert!(has(&doc, "TCD", "SDN", "19"), "{:?}", summary(&doc));
}

#[test]
fn the_subject_of_a_that_clause_is_the_target_of_a_demand() {
    let doc =
        code("Norway on Tuesday demanded that the government of Belarus free the journalists.");
    assert!(has(&doc, "NOR", "BLR", "10"), "{:?}", summary(&doc));
}

#[test]
fn an_organisation_before_an_agent_noun_is_its_members() {
    // Not the country the article names most.
    let doc = code(
        "Israel said on Sunday that Hezbollah fighters wounded two Israeli soldiers. Israel \
         closed the crossing.",
    );
    assert!(has(&doc, "LBN", "ISR", "18"), "{:?}", summary(&doc));
    assert!(!has(&doc, "ISR", "ISR", "18"), "{:?}", summary(&doc));
}

#[test]
fn an_announced_coercive_act_is_a_threat_and_a_willing_one_an_intent() {
    let doc = code("Ethiopia will expel the Kenyan ambassador.");
    let s = summary(&doc);
    assert!(
        s.iter()
            .any(|(a, b, r, m)| a == "ETH" && b == "KEN" && r == "13" && *m == Modality::Intended),
        "{s:?}"
    );
    let doc = code("Chad says it is willing to withdraw its troops from Niger.");
    assert!(has(&doc, "TCD", "NER", "03"), "{:?}", summary(&doc));
}

#[test]
fn a_preposition_attached_to_the_object_still_names_the_target() {
    let doc = code("Ghana signed a new trade agreement with Togo on Monday.");
    assert!(has(&doc, "GHA", "TGO", "05"), "{:?}", summary(&doc));
    let doc = code("Kenya withdrew its election monitors from Somalia on Friday.");
    assert!(
        summary(&doc)
            .iter()
            .any(|(s, t, _, _)| s == "KEN" && t == "SOM"),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn the_object_of_a_verb_controls_its_infinitive() {
    let doc = code("Norway asked Sweden to expel the Russian ambassador.");
    let s = summary(&doc);
    assert!(
        s.iter().any(|(a, b, _, _)| a == "SWE" && b == "RUS"),
        "{s:?}"
    );
    assert!(
        !s.iter().any(|(a, b, _, _)| a == "NOR" && b == "RUS"),
        "{s:?}"
    );
}

#[test]
fn the_verb_governing_an_infinitive_sets_its_modality() {
    // Threatened: the threatened act is intended, so coded as a threat.
    let doc = code("Ethiopia threatened on Monday to attack Eritrea.");
    let s = summary(&doc);
    assert!(
        !s.iter()
            .any(|(_, _, r, m)| r == "19" && *m == Modality::Asserted),
        "{s:?}"
    );
    assert!(
        s.iter()
            .any(|(a, b, r, _)| a == "ETH" && b == "ERI" && r == "13"),
        "{s:?}"
    );
    // Asked of someone: not asserted.
    let doc = code("Norway urged Sweden to expel the Russian ambassador.");
    let s = summary(&doc);
    assert!(
        s.iter()
            .any(|(a, b, _, m)| a == "SWE" && b == "RUS" && *m == Modality::Hypothetical),
        "{s:?}"
    );
}

#[test]
fn would_in_reported_speech_is_an_intention() {
    let doc = code("Kenya said on Friday it would expel the Ugandan ambassador.");
    let s = summary(&doc);
    assert!(
        s.iter()
            .any(|(a, b, r, m)| a == "KEN" && b == "UGA" && r == "13" && *m == Modality::Intended),
        "{s:?}"
    );
    // Outside reported speech it stays a hypothesis.
    let doc = code("Kenya would expel the Ugandan ambassador if the talks failed.");
    assert!(
        !summary(&doc)
            .iter()
            .any(|(_, _, _, m)| *m == Modality::Intended),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn an_obligation_in_reported_speech_is_a_demand_of_the_subject() {
    let doc = code("Chile said on Tuesday that Peru must return the seized fishing boats.");
    assert!(has(&doc, "CHL", "PER", "10"), "{:?}", summary(&doc));
    let e = doc.events.iter().find(|e| e.cameo_root == "10");
    let rule = e.and_then(|e| e.rule.as_deref()).unwrap_or_default();
    assert!(rule.contains("obligation"), "{rule}");
    // A speaker no entity names: an agent.
    let doc = code("Chilean officials said Peru must return the seized fishing boats.");
    assert!(has(&doc, "CHL", "PER", "10"), "{:?}", summary(&doc));
    // Not reported speech: no one demands it.
    let doc = code("Peru must return the seized fishing boats, the treaty says.");
    assert!(
        !doc.events.iter().any(|e| e.cameo_root == "10"),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn a_refused_concession_is_a_rejection() {
    let doc = code("Kenya declined on Monday to release the Ugandan prisoners.");
    let s = summary(&doc);
    assert!(
        s.iter()
            .any(|(a, b, r, m)| a == "KEN" && b == "UGA" && r == "12" && *m == Modality::Negated),
        "{s:?}"
    );
}

#[test]
fn an_event_noun_under_a_light_verb_is_an_act_without_a_target() {
    // With no target named, a protest at home is directed at the protesters' own state.
    let doc = code("Kenyan teachers staged a protest on Monday.");
    assert!(has(&doc, "KEN", "KEN", "14"), "{:?}", summary(&doc));
    // A noun that refers back is no new act of the subject's.
    let doc = code("Chad called the deployment a provocation.");
    assert!(
        !doc.events.iter().any(|e| e.cameo_root == "15"),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn a_possessive_names_the_actor_of_an_event_noun() {
    let doc = code("Chadian riots spread to three towns on Monday.");
    assert!(has(&doc, "TCD", "", "14"), "{:?}", summary(&doc));
    // A determiner makes it refer back to something known: no new act.
    let doc = code("The government blamed the violent Chadian riots on smugglers.");
    assert!(!has(&doc, "TCD", "", "14"), "{:?}", summary(&doc));
}

#[test]
fn a_passive_subject_names_the_ones_acted_on_inside_its_phrase() {
    let doc = code("A shelter for Malian refugees was raided by Burkinabe soldiers on Monday.");
    assert!(has(&doc, "BFA", "MLI", "19"), "{:?}", summary(&doc));
}

#[test]
fn a_compass_part_of_a_country_is_in_that_country() {
    let doc = code("Turkey launched an offensive into Northern Iraq on Friday.");
    assert!(has(&doc, "TUR", "IRQ", "19"), "{:?}", summary(&doc));
}

#[test]
fn force_used_at_home_with_no_one_named_falls_on_the_place() {
    let doc = code("Malian rebels shelled a market in Kidal on Sunday.");
    assert!(has(&doc, "MLI", "MLI", "19"), "{:?}", summary(&doc));
    // A demonym inside the place phrase is no place of that state.
    let doc = code("Malian rebels shelled a market in the former French colony on Sunday.");
    assert!(!has(&doc, "MLI", "FRA", "19"), "{:?}", summary(&doc));
    // Force used at home with no place is not aimed at the source's own state.
    let doc = code("Malian rebels opened fire on Sunday.");
    assert!(!has(&doc, "MLI", "MLI", "19"), "{:?}", summary(&doc));
}

#[test]
fn both_sides_are_the_two_parties_the_article_names_most() {
    let doc = code(
        "Kenya expelled Somalia's ambassador on Monday. Somalia said Kenya had meddled in its \
         elections. The African Union urged both governments to resolve the dispute.",
    );
    assert!(has(&doc, "IGO", "KEN", "10"), "{:?}", summary(&doc));
    assert!(has(&doc, "IGO", "SOM", "10"), "{:?}", summary(&doc));
    // One state and the rebels fighting it: the government and the rebels.
    let doc = code(
        "Houthi rebels shelled government positions near Marib. Yemen's government said the \
         Houthi rebels had broken the truce. Yemen's army said the rebels had attacked twice. \
         The U.N. envoy urged both sides to respect the truce.",
    );
    let s = summary(&doc);
    let urged: Vec<_> = doc
        .events
        .iter()
        .filter(|e| e.cameo_root == "10")
        .filter_map(|e| e.target.as_ref()?.actor.clone())
        .collect();
    assert!(
        urged
            .iter()
            .any(|a| a.starts_with("YEM") && a.ends_with("REB"))
            && urged
                .iter()
                .any(|a| a.starts_with("YEM") && !a.ends_with("REB")),
        "{s:?} {urged:?}"
    );
}

#[test]
fn coordinated_sources_acting_on_each_other() {
    let doc = code("Peru and Ecuador accused each other on Monday of violating the border treaty.");
    assert!(has(&doc, "PER", "ECU", "11"), "{:?}", summary(&doc));
    assert!(has(&doc, "ECU", "PER", "11"), "{:?}", summary(&doc));
}

#[test]
fn coercion_at_home_by_the_authorities_falls_on_their_state() {
    let doc = code("Malawian police fired tear gas on Monday to disperse hundreds of supporters.");
    assert!(has(&doc, "MWI", "MWI", "17"), "{:?}", summary(&doc));
    // Rebels are no authority of the state they fight.
    let doc = code("Malawian rebels seized two lorries on Monday.");
    assert!(!has(&doc, "MWI", "MWI", "17"), "{:?}", summary(&doc));
}

#[test]
fn a_light_verb_reaches_its_object_noun_through_the_parse() {
    let doc = code("India announced a new $300 million line of credit for ports in Sri Lanka.");
    assert!(has(&doc, "IND", "LKA", "07"), "{:?}", summary(&doc));
    // A compound is itself the trigger: "a hunger strike" is no attack.
    let doc = code("Chechen refugees are continuing a hunger strike in Moscow.");
    assert!(
        !doc.events.iter().any(|e| e.cameo_root == "19"),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn speaking_with_someone_is_consulting_them() {
    let doc =
        code("Kenya's president spoke by telephone with Ethiopia's prime minister on Tuesday.");
    assert!(has(&doc, "KEN", "ETH", "04"), "{:?}", summary(&doc));
}

#[test]
fn a_verb_coordinated_with_a_reporting_cue_is_the_speakers_own_act() {
    let doc = code(
        "Chile on Monday accused Bolivia of moving troops to the border, and called for an urgent \
         meeting of the Organization of American States.",
    );
    let calls: Vec<_> = summary(&doc)
        .into_iter()
        .filter(|(_, _, r, _)| r == "02")
        .collect();
    assert!(
        !calls.is_empty() && calls.iter().all(|(s, _, _, _)| s == "CHL"),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn a_possessive_state_further_off_owns_the_agent_noun() {
    let doc = code(
        "Libya's internationally recognised government resumed talks with Egypt in Cairo on \
         Wednesday.",
    );
    let sources: Vec<String> = doc
        .events
        .iter()
        .filter_map(|e| e.source.as_ref()?.actor.clone())
        .collect();
    assert!(sources.iter().any(|a| a == "LBYGOV"), "{:?}", summary(&doc));
}

#[test]
fn agents_of_one_act_act_together() {
    let doc = code("The minister condemned the attacks by Serbia and Hungary on Monday.");
    assert!(!has(&doc, "SRB", "HUN", "19"), "{:?}", summary(&doc));
    assert!(!has(&doc, "HUN", "SRB", "19"), "{:?}", summary(&doc));
}

#[test]
fn a_meeting_that_is_due_or_scheduled_is_an_intent_to_meet() {
    for text in [
        "Kenya and Uganda are due to meet in Kampala next week.",
        "Kenya and Uganda are scheduled to meet in Kampala next week.",
    ] {
        let doc = code(text);
        assert!(has(&doc, "KEN", "UGA", "03"), "{text}: {:?}", summary(&doc));
    }
}

#[test]
fn people_in_general_are_civilians_of_their_place() {
    // "people" names no office, but a crowd of them protesting is the place's civilians.
    let doc = code("Hundreds of people demonstrated outside parliament in Tirana on Friday.");
    let e = doc.events.iter().find(|e| e.cameo_root == "14");
    let source = e
        .and_then(|e| e.source.as_ref())
        .and_then(|p| p.actor.as_deref());
    assert_eq!(source, Some("ALBCVL"), "{:?}", summary(&doc));
    assert!(has(&doc, "ALB", "ALB", "14"), "{:?}", summary(&doc));
}

#[test]
fn a_protest_or_an_arrest_at_home_is_directed_at_the_state_of_its_place() {
    let doc = code("Kenyan teachers protested in Nairobi on Monday.");
    assert!(has(&doc, "KEN", "KEN", "14"), "{:?}", summary(&doc));
    let rule = doc
        .events
        .first()
        .and_then(|e| e.rule.as_deref())
        .unwrap_or_default();
    assert!(rule.contains("place at home"), "{rule}");
    // So does an arrest by the state's own police.
    let doc = code("Kenyan police arrested a lawyer at her home in Mombasa.");
    assert!(has(&doc, "KEN", "KEN", "17"), "{:?}", summary(&doc));
    // Any other act at home names no target by its place.
    let doc = code("Kenyan police patrolled in Nairobi on Monday.");
    assert!(
        !doc.events
            .iter()
            .any(|e| e.rule.as_deref().is_some_and(|r| r.contains("place"))),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn an_actor_across_a_clause_is_not_the_subject_the_parse_names() {
    // The parse names "veteran politicians" as the subject: Kenya, before the clause, is not it.
    let doc = code("Kenya held a vote on Sunday, as veteran politicians stepped down.");
    assert!(
        !doc.events.iter().any(|e| e.cameo_root == "08"),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn the_by_phrase_of_an_event_noun_names_its_actor() {
    let doc = code("The attack on the Israeli embassy by Iranian students angered Washington.");
    assert!(has(&doc, "IRN", "ISR", "19"), "{:?}", summary(&doc));
    // A by-phrase after a verb is the verb's.
    let doc = code("The attack on the embassy was condemned by Kenya.");
    assert!(!has(&doc, "KEN", "", "19"), "{:?}", summary(&doc));
}

#[test]
fn a_government_acting_on_its_own_state_is_an_event() {
    let doc = code("The Kenyan government imposed a curfew on Kenya on Friday.");
    let s = summary(&doc);
    assert!(
        s.iter()
            .any(|(src, t, r, _)| src == "KEN" && t == "KEN" && r == "17"),
        "{s:?}"
    );
    assert!(
        doc.events.iter().any(|e| e
            .source
            .as_ref()
            .and_then(|p| p.actor.as_deref())
            .is_some_and(|a| a.len() > 3)),
        "the source is the government, not the state: {s:?}"
    );
    // The state's forces acting on it: a part of the state on the whole.
    let doc = code("Kenyan troops attacked Kenya.");
    assert!(has(&doc, "KEN", "KEN", "19"), "{:?}", summary(&doc));
}

#[test]
fn a_number_modifier_is_no_preposition() {
    // "up to 40": the object, not a `to` phrase.
    let doc = code("Sudanese troops detained up to 40 Chadian traders on Monday.");
    assert!(has(&doc, "SDN", "TCD", "17"), "{:?}", summary(&doc));
}

#[test]
fn a_participle_after_an_issued_text_acts_for_its_issuer() {
    let doc = code("Russia issued a statement condemning Ukraine on Monday.");
    assert!(has(&doc, "RUS", "UKR", "11"), "{:?}", summary(&doc));
    // Not after any object: the man carries, not the police.
    let doc = code("Kenyan police arrested a man carrying Somali passports.");
    assert!(
        !doc.events
            .iter()
            .any(
                |e| e.source.as_ref().and_then(|p| p.actor.as_deref()) == Some("KENCOP")
                    && e.cameo_root != "17"
            ),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn the_agent_of_an_act_named_by_the_object_is_the_target() {
    // Condemning "the killing of X by Y" condemns Y.
    let doc =
        code("Chile's president condemned the shooting of a Chilean student by Bolivian police.");
    assert!(has(&doc, "CHL", "BOL", "11"), "{:?}", summary(&doc));
}

#[test]
fn a_show_of_force_at_a_frontier_is_aimed_beyond_it() {
    let doc = code("Algeria massed troops along its frontier with Morocco on Friday.");
    assert!(has(&doc, "DZA", "MAR", "15"), "{:?}", summary(&doc));
    let doc = code("Finland moved tanks to the Russian border.");
    assert!(
        !has(&doc, "FIN", "FIN", "15"),
        "never the source's own state: {:?}",
        summary(&doc)
    );
    // A gerund a preposition names is no act done.
    let doc =
        code("Lebanon rejected a UN appeal for deploying troops along its border with Israel.");
    let s = summary(&doc);
    assert!(
        !s.iter().any(|(_, t, r, _)| t == "ISR" && r == "15"),
        "{s:?}"
    );
}

#[test]
fn a_gerund_a_preposition_names_is_no_act_done() {
    let doc = code("Serbia accused Croatia of forming a military alliance against Belgrade.");
    let s = summary(&doc);
    assert!(
        s.iter()
            .any(|(src, t, r, _)| src == "SRB" && t == "HRV" && r == "11"),
        "{s:?}"
    );
    assert!(!s.iter().any(|(src, _, _, _)| src == "HRV"), "{s:?}");
}

#[test]
fn a_protest_at_home_with_no_place_named_targets_the_state_of_its_actors() {
    let doc = code("Kenyan teachers staged a sit-in to demand higher pay.");
    let e = doc.events.iter().find(|e| e.cameo_root == "14");
    let target = e.and_then(|e| e.target.as_ref());
    assert_eq!(
        target.and_then(|t| t.actor.as_deref()),
        Some("KEN"),
        "{:?}",
        summary(&doc)
    );
    assert!(target.is_some_and(|t| t.entity.is_none() && t.span.is_none()));
    // A state protesting is no part of one: no target is made up.
    let doc = code("Kenya staged a walkout at the summit.");
    assert!(!has(&doc, "KEN", "KEN", "14"), "{:?}", summary(&doc));
}

#[test]
fn suspended_strikes_insistence_and_a_rejection_noun_are_coded() {
    let doc = code("Turkey suspended airstrikes against Kurdish militants in Syria on Monday.");
    assert!(
        doc.events.iter().any(|e| e.cameo == "087"),
        "{:?}",
        summary(&doc)
    );
    let doc = code("Ghana insisted on Tuesday that Togo reopen the border crossing.");
    assert!(has(&doc, "GHA", "TGO", "10"), "{:?}", summary(&doc));
    let doc = code("Peru's rejection of the Ecuadorian proposal angered Quito.");
    assert!(has(&doc, "PER", "ECU", "12"), "{:?}", summary(&doc));
}

#[test]
fn a_phrase_ending_in_a_preposition_takes_its_object() {
    let doc = code("Cyprus pushed for the withdrawal of Turkish troops from the island.");
    assert!(has(&doc, "CYP", "TUR", "10"), "{:?}", summary(&doc));
}

#[test]
fn a_ban_on_imports_is_a_sanction_on_their_origin() {
    let doc = code("Kenya banned imports of Ugandan sugar on Tuesday.");
    assert!(has(&doc, "KEN", "UGA", "16"), "{:?}", summary(&doc));
}

#[test]
fn a_controlled_verbs_phrase_names_the_target() {
    let doc = code("Algeria threatened to halt gas exports to Spain over the dispute.");
    assert!(has(&doc, "DZA", "ESP", "13"), "{:?}", summary(&doc));
}

#[test]
fn the_subject_of_a_demanded_clause_is_the_target_however_it_is_parsed() {
    let doc = code("Latvia demanded that Russia return two Latvian fishermen seized at sea.");
    assert!(has(&doc, "LVA", "RUS", "10"), "{:?}", summary(&doc));
}

#[test]
fn a_pronoun_subject_stands_for_the_subject_of_the_governing_clause() {
    let doc = code("Armenia believes that it can resume border talks with Azerbaijan soon.");
    let resumed = doc
        .events
        .iter()
        .find(|e| doc.slice(e.trigger) == "resume")
        .and_then(|e| e.source.as_ref())
        .and_then(|p| p.actor.as_deref());
    assert_eq!(resumed, Some("ARM"), "{:?}", summary(&doc));
}

#[test]
fn a_meeting_place_abroad_is_where_not_whom() {
    for text in [
        "Chadian officials held talks in Geneva on Monday.",
        "The foreign ministers are scheduled to meet in Vienna on Friday, Chad said.",
    ] {
        let events = summary(&code(text));
        assert!(
            !events.iter().any(|(_, t, _, _)| t == "CHE" || t == "AUT"),
            "the city of a meeting is not its counterpart: {text}: {events:?}"
        );
    }
    let visit = code("Chad's president visited Paris on Friday.");
    assert!(has(&visit, "TCD", "FRA", "04"), "{:?}", summary(&visit));
}

#[test]
fn both_sides_are_parties_not_the_bodies_that_mediate_or_help() {
    let doc = code(
        "Chad and Niger traded accusations over the border on Monday. The World Food \
         Programme said rations would be cut. The World Food Programme warned of famine, and \
         the World Food Programme appealed for funds. The envoy urged both sides to agree on \
         a ceasefire.",
    );
    let events = summary(&doc);
    assert!(
        !events.iter().any(|(_, t, _, _)| t.starts_with("IGO")),
        "an aid agency named often is no side: {events:?}"
    );
}
