//! The entities stage end to end on short original stories: names, titles, actor codes,
//! metonyms and coreference.

use dateline_core::{Document, Entity, EntityType};

fn run(text: &str) -> Document {
    let mut doc = Document::from_text(text);
    dateline_nlp::standard_pipeline(&dateline_nlp::Config::default()).run(&mut doc);
    doc
}

fn entity<'a>(doc: &'a Document, name: &str) -> &'a Entity {
    doc.entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| {
            panic!(
                "no entity {name:?} in {:#?}",
                doc.entities
                    .iter()
                    .map(|e| (&e.name, e.kind))
                    .collect::<Vec<_>>()
            )
        })
}

fn mentions(doc: &Document, e: &Entity) -> Vec<String> {
    e.mentions
        .iter()
        .map(|&m| doc.slice(m).to_owned())
        .collect()
}

const STORY: &str = "Japanese Defense Minister Kenji Sato met his South Korean counterpart, Kim Dae-sung, in Seoul on Monday.\n\
Kim said the two countries would expand joint patrols. \"We cannot wait,\" he said.\n\
The defense minister later flew to Washington, where the Pentagon said it welcomed the plan.\n\
Tokyo has warned that North Korea could test another missile. North Korean leader Kim Jong Un did not comment.";

#[test]
fn titled_names_get_role_country_and_actor() {
    let doc = run(STORY);
    let sato = entity(&doc, "Kenji Sato");
    assert_eq!(sato.kind, EntityType::Person);
    assert_eq!(sato.actor.as_deref(), Some("JPNGOV"));
    assert_eq!(sato.role.as_deref(), Some("defense minister"));
    let leader = entity(&doc, "Kim Jong Un");
    assert_eq!(leader.actor.as_deref(), Some("PRKGOV"));
}

#[test]
fn people_sharing_a_surname_stay_apart() {
    let doc = run(STORY);
    let kim = entity(&doc, "Kim Dae-sung");
    let said = mentions(&doc, kim);
    assert!(said.iter().filter(|m| *m == "Kim").count() >= 1, "{said:?}");
    let leader = entity(&doc, "Kim Jong Un");
    assert_eq!(mentions(&doc, leader), ["Kim Jong Un"]);
    assert_eq!(
        kim.actor.as_deref(),
        Some("KORGOV"),
        "nationality from the apposition"
    );
    assert!(
        doc.diagnostics
            .iter()
            .any(|d| d.message.starts_with("ambiguous name \"Kim\"")),
        "a bare Kim with two Kims in the story is recorded as lower confidence: {:?}",
        doc.diagnostics
    );
}

#[test]
fn metonyms_and_places() {
    let doc = run(STORY);
    let japan = entity(&doc, "Japan");
    let forms = mentions(&doc, japan);
    assert!(
        forms.contains(&"Tokyo".to_owned()),
        "Tokyo acts for Japan: {forms:?}"
    );
    assert!(forms.contains(&"Japanese".to_owned()), "{forms:?}");
    let korea = entity(&doc, "North Korea");
    assert!(mentions(&doc, korea).contains(&"North Korean".to_owned()));
    assert_eq!(korea.actor.as_deref(), Some("PRK"));
    // "in Seoul" and "to Washington" are places, not the governments.
    let seoul = entity(&doc, "Seoul");
    assert_eq!(seoul.kind, EntityType::Gpe);
    assert_eq!(seoul.actor, None);
    assert_eq!(seoul.country.as_deref(), Some("KOR"));
    let pentagon = entity(&doc, "Pentagon");
    assert_eq!(
        (pentagon.kind, pentagon.actor.as_deref()),
        (EntityType::Org, Some("USAMIL"))
    );
}

#[test]
fn titles_and_pronouns_corefer() {
    let doc = run(STORY);
    let sato = entity(&doc, "Kenji Sato");
    let forms = mentions(&doc, sato);
    assert!(
        forms.contains(&"The defense minister".to_owned()),
        "{forms:?}"
    );
    let kim = entity(&doc, "Kim Dae-sung");
    assert!(
        mentions(&doc, kim).contains(&"he".to_owned()),
        "\"he said\" after Kim's quote"
    );
}

#[test]
fn every_mention_is_on_char_boundaries_and_unique_per_entity() {
    let doc = run(STORY);
    for (i, e) in doc.entities.iter().enumerate() {
        assert_eq!(e.id as usize, i);
        for m in &e.mentions {
            assert!(m.get(&doc.text).is_some());
        }
        let mut sorted = e.mentions.clone();
        sorted.dedup();
        assert_eq!(sorted.len(), e.mentions.len());
    }
}

#[test]
fn odd_text_does_not_break_the_stage() {
    for text in [
        "",
        "...",
        "\"\"\"",
        "U.S. U.S. U.S.",
        "Kim",
        "the the the",
        "He said. She said.",
    ] {
        let doc = run(text);
        for e in &doc.entities {
            assert!(!e.name.is_empty());
        }
    }
}

#[test]
fn openers_dates_and_figures_are_not_glued_to_names() {
    let doc = run(
        "Militants fired rockets. And Hamas said it would fight on. The European Community gave \
                   the Ivory Coast 5.1 million dollars. Israel struck Hamas 10 days ago.",
    );
    for e in &doc.entities {
        for m in mentions(&doc, e) {
            assert!(!m.starts_with("And "), "{m}");
            assert!(!m.contains("5.1"), "{m}");
            assert!(!m.starts_with("Hamas 10"), "{m}");
        }
    }
    assert_eq!(entity(&doc, "Hamas").actor.as_deref(), Some("PSEREBHMS"));
    assert_eq!(
        entity(&doc, "European Community").actor.as_deref(),
        Some("IGOEUREEC")
    );
}

#[test]
fn a_body_of_an_international_organisation_takes_its_code_and_no_bracketed_acronym() {
    let doc = run(
        "The United Nations Assistance Mission for Afghanistan (UNAMA) said on Friday that it had \
         recorded 2,000 civilian deaths.",
    );
    let body = entity(&doc, "United Nations Assistance Mission for Afghanistan");
    assert_eq!(body.actor.as_deref(), Some("IGOUNO"));
    assert_eq!(body.kind, EntityType::Org);
}

#[test]
fn an_official_with_no_nationality_serves_the_state_whose_capital_they_speak_in() {
    let doc = run(
        "Chile closed a border crossing on Monday. Chile said the move was temporary, and Chilean \
         police were sent to the area. Foreign Minister Ana Quispe told reporters in Lima that \
         the closure hurt traders.",
    );
    let minister = entity(&doc, "Ana Quispe");
    assert_eq!(minister.actor.as_deref(), Some("PERGOV"));
}

#[test]
fn a_country_in_an_of_phrase_after_a_name_is_the_persons() {
    let doc = run("The envoys, Lena Varga of Hungary and Ion Rusu of Moldova, met in Vienna.");
    assert_eq!(entity(&doc, "Lena Varga").country.as_deref(), Some("HUN"));
    assert_eq!(entity(&doc, "Ion Rusu").country.as_deref(), Some("MDA"));
}

#[test]
fn a_name_opened_by_a_persons_title_is_a_person() {
    let doc = run(
        "Poland will send 2,000 more soldiers to the border, Defence Minister Tomasz Wrzosek said \
         on Thursday.",
    );
    assert_eq!(entity(&doc, "Tomasz Wrzosek").kind, EntityType::Person);
}

#[test]
fn an_official_in_a_capitals_dateline_sentence_serves_that_state() {
    let doc = run(
        "LIMA (Andes Wire) - Peru will close two border crossings, Interior Minister Ana Quispe \
         said on Monday. Chile said the move hurt trade. Chile's trade minister said Chile would \
         complain. Chile also said talks would go on.",
    );
    assert_eq!(entity(&doc, "Ana Quispe").actor.as_deref(), Some("PERGOV"));
}

#[test]
fn a_name_the_recogniser_cut_after_a_title_is_one_person() {
    let doc = run("\"The dam will open soon,\" Mayor Ann Lee said on Monday.");
    assert_eq!(entity(&doc, "Ann Lee").kind, EntityType::Person);
    assert!(!doc.entities.iter().any(|e| e.name == "Lee"));
}

#[test]
fn an_apposition_of_affiliation_gives_a_person_their_body_or_country() {
    let cases = [
        ("Ahmed Noor, a senior aide to Somalia's president, said the talks had failed.", "Ahmed Noor", Some("SOMGOV")),
        ("A spokesman for the African Union Commission, Tesfaye Alemu, said both sides had agreed.", "Tesfaye Alemu", Some("IGOAFRAU")),
        ("The U.N. special envoy for Yemen, Johan Ekberg, urged both sides to agree.", "Johan Ekberg", Some("IGOUNO")),
        ("Kenya's ambassador to the United Nations, Jane Wambui, said the vote was fair.", "Jane Wambui", Some("KENGOV")),
        // No affiliation: a critic of a minister does not work for the minister's government.
        ("Ana Perezoso, a critic of Venezuela's foreign minister, said the vote was rigged.", "Ana Perezoso", None),
    ];
    for (text, name, want) in cases {
        let doc = run(text);
        let person = doc
            .entities
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("{name} not found in {text:?}: {:?}", doc.entities));
        assert_eq!(person.actor.as_deref(), want, "{text}");
    }
}
