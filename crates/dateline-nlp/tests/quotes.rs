//! The quotes stage end to end on an original story: direct, partial and indirect quotes, with
//! speakers and cues.

use dateline_core::{Document, QuoteKind};

fn run(text: &str) -> Document {
    let mut doc = Document::from_text(text);
    dateline_nlp::standard_pipeline(&dateline_nlp::Config::default()).run(&mut doc);
    doc
}

const STORY: &str = "Japanese Defense Minister Kenji Sato said on Tuesday that Tokyo would double its patrols near the islands.\n\
\u{201c}We will not be intimidated,\u{201d} Sato told reporters. \u{201c}Our coast guard is ready.\u{201d}\n\
\u{201c}The patrols start next month. They will run around the clock.\n\
\u{201c}Nobody should doubt our resolve.\u{201d}\n\
China's foreign ministry called the plan a \u{201c}dangerous provocation.\u{201d}\n\
The ships will carry 400 sailors, according to the defense ministry.\n\
Beijing will respond firmly, a Chinese spokesman said.";

/// Asserts that no quote's words satisfy `holds`; the failure says `why` and lists the quotes.
fn no_quote_where(doc: &Document, holds: impl Fn(&str) -> bool, why: &str) {
    assert!(
        !doc.quotes.iter().any(|q| holds(doc.slice(q.span))),
        "{why}: {:?}",
        doc.quotes
    );
}

/// The indirect quote whose content starts with `start`; the failure lists all of them.
fn indirect_starting<'a>(doc: &'a Document, start: &str) -> &'a dateline_core::Quote {
    let indirect: Vec<&dateline_core::Quote> = doc
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Indirect)
        .collect();
    indirect
        .iter()
        .find(|q| doc.slice(q.span).starts_with(start))
        .copied()
        .unwrap_or_else(|| {
            panic!(
                "no indirect quote starting {start:?}: {:?}",
                indirect
                    .iter()
                    .map(|q| doc.slice(q.span))
                    .collect::<Vec<_>>()
            )
        })
}

fn speaker_name(doc: &Document, q: &dateline_core::Quote) -> Option<String> {
    q.speaker.map(|id| doc.entities[id as usize].name.clone())
}

#[test]
fn direct_quotes_have_speakers_and_cues() {
    let doc = run(STORY);
    let direct: Vec<_> = doc
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .collect();
    let texts: Vec<&str> = direct.iter().map(|q| doc.slice(q.span)).collect();
    assert!(texts.contains(&"We will not be intimidated,"), "{texts:?}");
    assert!(
        texts.contains(&"Our coast guard is ready."),
        "the quote after the attribution is its own entry: {texts:?}"
    );
    let first = direct
        .iter()
        .find(|q| doc.slice(q.span).starts_with("We will"))
        .unwrap();
    assert_eq!(speaker_name(&doc, first).as_deref(), Some("Kenji Sato"));
    assert_eq!(first.cue.map(|c| doc.slice(c)), Some("told"));
    for q in &direct {
        assert_eq!(
            speaker_name(&doc, q).as_deref(),
            Some("Kenji Sato"),
            "{:?}",
            doc.slice(q.span)
        );
    }
}

#[test]
fn unclosed_quote_runs_to_the_paragraph_end_and_reopens() {
    let doc = run(STORY);
    let texts: Vec<&str> = doc.quotes.iter().map(|q| doc.slice(q.span)).collect();
    assert!(
        texts.contains(&"The patrols start next month. They will run around the clock."),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"Nobody should doubt our resolve."),
        "{texts:?}"
    );
}

#[test]
fn partial_quote_inside_reported_speech() {
    let doc = run(STORY);
    let partial = doc
        .quotes
        .iter()
        .find(|q| q.kind == QuoteKind::Partial)
        .expect("a partial quote");
    assert_eq!(doc.slice(partial.span), "dangerous provocation.");
    assert_eq!(partial.cue.map(|c| doc.slice(c)), Some("called"));
    assert!(partial
        .speaker_mention
        .is_some_and(|m| doc.slice(m).contains("foreign ministry")));
}

#[test]
fn indirect_speech_forms() {
    let doc = run(STORY);
    let indirect: Vec<_> = doc
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Indirect)
        .collect();
    let said_that = indirect_starting(&doc, "Tokyo would double");
    assert_eq!(speaker_name(&doc, said_that).as_deref(), Some("Kenji Sato"));
    let according = indirect
        .iter()
        .find(|q| q.cue.is_some_and(|c| doc.slice(c) == "according to"))
        .expect("an according-to attribution");
    assert_eq!(
        doc.slice(according.span),
        "The ships will carry 400 sailors"
    );
    let inverted = indirect
        .iter()
        .find(|q| doc.slice(q.span) == "Beijing will respond firmly")
        .expect("the clause before an inverted attribution");
    assert_eq!(
        inverted.speaker_description.as_deref(),
        Some("a Chinese spokesman")
    );
}

#[test]
fn quote_spans_lie_on_char_boundaries() {
    let doc = run(STORY);
    for q in &doc.quotes {
        assert!(q.span.get(&doc.text).is_some());
        assert!(q.cue.is_none_or(|c| c.get(&doc.text).is_some()));
    }
    let odd = run("\u{201c}\u{201c}\u{201d} \" said \" \u{201c}unclosed");
    for q in &odd.quotes {
        assert!(q.span.get(&odd.text).is_some());
    }
}

mod properties {
    use dateline_core::Document;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Any mix of quote marks, words and line breaks: no panic, every quote and cue on
        /// character boundaries of the text.
        #[test]
        fn quote_marks_never_break_the_stage(text in "([\"“”‘’«»„']|Kim|said|he|told|, |\\. |\n| |according to|[a-z]{1,6}){0,80}") {
            let mut doc = Document::from_text(text);
            dateline_nlp::standard_pipeline(&dateline_nlp::Config::default()).run(&mut doc);
            for q in &doc.quotes {
                prop_assert!(q.span.get(&doc.text).is_some());
                prop_assert!(q.cue.is_none_or(|c| c.get(&doc.text).is_some()));
                prop_assert!(q.speaker.is_none_or(|s| (s as usize) < doc.entities.len()));
            }
        }
    }

    #[test]
    fn many_quote_marks_finish() {
        let text = "\u{201c}a b c d\u{201d} ".repeat(20_000) + &"\"".repeat(50_000);
        let mut doc = Document::from_text(text);
        dateline_nlp::standard_pipeline(&dateline_nlp::Config::default()).run(&mut doc);
        assert!(doc.quotes.len() >= 20_000);
    }
}

#[test]
fn a_quote_broken_by_its_attribution_is_joined() {
    let doc = run("Japanese Defense Minister Kenji Sato spoke on Monday.\n\u{201c}It could encourage others,\u{201d} Sato said, \u{201c}to take action.\u{201d}");
    let joined: Vec<&str> = doc
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .map(|q| doc.slice(q.span))
        .collect();
    assert_eq!(
        joined,
        ["It could encourage others,\u{201d} Sato said, \u{201c}to take action."]
    );
}

#[test]
fn single_quotation_marks_quote_but_apostrophes_do_not() {
    let doc = run("Japanese Defense Minister Kenji Sato spoke on Monday.\n\u{2018}We will not retreat,\u{2019} Sato said. The forces\u{2019} positions held.");
    let texts: Vec<&str> = doc.quotes.iter().map(|q| doc.slice(q.span)).collect();
    assert!(texts.contains(&"We will not retreat,"), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("positions")), "{texts:?}");
    let quote = doc
        .quotes
        .iter()
        .find(|q| doc.slice(q.span) == "We will not retreat,")
        .unwrap();
    assert_eq!(speaker_name(&doc, quote).as_deref(), Some("Kenji Sato"));
}

#[test]
fn unnamed_sources_and_statements() {
    let doc = run("Two U.S. officials, speaking on condition of anonymity, said the convoy had crossed the border.\nIn a statement, the ministry said the talks would resume in March.");
    let officials = indirect_starting(&doc, "the convoy");
    assert_eq!(
        officials.speaker_description.as_deref(),
        Some("Two U.S. officials")
    );
    let ministry = indirect_starting(&doc, "the talks");
    assert_eq!(
        ministry.speaker_description.as_deref(),
        Some("the ministry")
    );
}

/// The speaker of the one indirect quote starting with `start`: its entity's name, else its
/// description.
fn speaker_of(doc: &Document, start: &str) -> String {
    let q = indirect_starting(doc, start);
    speaker_name(doc, q)
        .or_else(|| q.speaker_description.clone())
        .unwrap_or_default()
}

#[test]
fn speaker_is_the_head_of_the_subject_not_a_prepositional_object() {
    let doc = run("Two officials familiar with the negotiations said the talks had stalled.");
    let speaker = speaker_of(&doc, "the talks had stalled");
    assert!(speaker.starts_with("Two officials"), "{speaker:?}");
    // The parse may take the prepositional object for the cue's subject.
    let doc =
        run("Two officials familiar with the planning said the next convoy would carry fuel.");
    let speaker = speaker_of(&doc, "the next convoy");
    assert!(speaker.starts_with("Two officials"), "{speaker:?}");
}

#[test]
fn speaker_is_the_name_a_titled_subject_ends_with() {
    let doc = run("Microsoft co-founder Bill Gates said the company would hire more engineers.");
    let speaker = speaker_of(&doc, "the company would hire");
    assert!(speaker.ends_with("Gates"), "{speaker:?}");
}

#[test]
fn speaker_of_an_inverted_attribution_follows_the_cue() {
    let doc =
        run("The bridge will reopen next week after repairs, said Transport Minister Ana Lopes.");
    let speaker = speaker_of(&doc, "The bridge will reopen");
    assert!(speaker.ends_with("Lopes"), "{speaker:?}");
}

#[test]
fn speaker_set_off_by_commas_before_the_cue() {
    let doc = run(
        "A trade expert at the University of Leeds, Paul Hardy, says the tariffs will hurt exporters.",
    );
    let speaker = speaker_of(&doc, "the tariffs will hurt");
    assert!(speaker.ends_with("Hardy"), "{speaker:?}");
}

#[test]
fn a_spokesperson_speaks_for_the_organisation_named() {
    let doc =
        run("A spokesman for the Foreign Ministry said on Monday that the talks would resume.");
    let q = indirect_starting(&doc, "the talks would resume");
    assert_eq!(
        speaker_name(&doc, q).as_deref(),
        Some("Foreign Ministry"),
        "{:?}",
        q.speaker_description
    );
}

#[test]
fn a_cue_in_the_middle_reports_the_whole_clause() {
    let doc = run("Later that night, the colonel said, the convoy turned back toward the border.");
    let q = doc
        .quotes
        .iter()
        .find(|q| q.kind == QuoteKind::Indirect)
        .expect("an indirect quote");
    let text = doc.slice(q.span);
    assert!(text.contains("the convoy turned back"), "{text:?}");
    assert!(!text.starts_with("the colonel"), "{text:?}");
}

#[test]
fn a_plural_pronoun_speaker_is_the_subject_before_it() {
    let doc = run(
        "The researchers tested water from forty wells last spring. They said the wells were safe to drink from.",
    );
    let speaker = speaker_of(&doc, "the wells were safe");
    assert!(speaker.contains("researchers"), "{speaker:?}");
}

#[test]
fn speakers_have_a_type_and_coordinated_speakers() {
    use dateline_core::SpeakerType;
    let doc = run(
        "Laos and Cambodia said on Monday that the dam would open.\n\n\
         Two officials familiar with the talks said the deal was close.\n\n\
         Critics said the plan was flawed.",
    );
    let laos = indirect_starting(&doc, "the dam would open");
    assert_eq!(laos.speaker_type, Some(SpeakerType::Named));
    let co: Vec<&str> = laos
        .co_speakers
        .iter()
        .map(|&id| doc.entities[id as usize].name.as_str())
        .collect();
    assert_eq!(co, ["Cambodia"], "{:?}", speaker_name(&doc, laos));
    let officials = indirect_starting(&doc, "the deal was close");
    assert_eq!(officials.speaker_type, Some(SpeakerType::Anonymous));
    let critics = indirect_starting(&doc, "the plan was flawed");
    assert_eq!(critics.speaker_type, Some(SpeakerType::Descriptive));
    assert!(critics.co_speakers.is_empty());
}

#[test]
fn the_newspaper_and_the_ministry_are_the_organisations_named_before() {
    let doc = run(
        "Peru's Foreign Ministry issued a statement on Monday about the border. \
         The ministry said the talks would resume next week.\n\n\
         The Guardian published the letter on Friday. \
         The newspaper wrote that the plan had been dropped.",
    );
    let ministry = indirect_starting(&doc, "the talks would resume");
    assert!(
        speaker_name(&doc, ministry).is_some_and(|n| n.ends_with("Foreign Ministry")),
        "{:?}",
        speaker_name(&doc, ministry)
    );
    let newspaper = indirect_starting(&doc, "the plan had been dropped");
    assert_eq!(speaker_name(&doc, newspaper).as_deref(), Some("Guardian"));
}

#[test]
fn a_name_after_a_dash_signs_the_quote() {
    let doc = run("Officials met on Monday in the capital.\n\n\
         \"The river gives us everything we have.\" - Sok Piseth\n\n\
         The talks ended on Tuesday.");
    let q = doc
        .quotes
        .iter()
        .find(|q| q.kind == QuoteKind::Direct)
        .expect("the quote");
    assert_eq!(speaker_name(&doc, q).as_deref(), Some("Sok Piseth"));
}

#[test]
fn an_inverted_speaker_is_the_person_a_titled_phrase_ends_with() {
    let doc = run(
        "\u{201c}Peru has paid for this road. The work speaks for itself,\u{201d} said Peruvian \
         government spokeswoman Ana Quispe.",
    );
    let names: Vec<Option<String>> = doc
        .quotes
        .iter()
        .filter(|q| q.kind != QuoteKind::Indirect)
        .map(|q| speaker_name(&doc, q))
        .collect();
    assert!(
        !names.is_empty()
            && names
                .iter()
                .all(|n| n.as_deref().is_some_and(|n| n.ends_with("Quispe"))),
        "{names:?}"
    );
}

#[test]
fn an_attribution_set_off_inside_its_clause_names_the_speaker_not_the_clause_subject() {
    let doc = run("The Geneva meeting, one Western diplomat said, was unlikely to produce a deal.");
    let q = doc
        .quotes
        .iter()
        .find(|q| q.kind == QuoteKind::Indirect)
        .expect("an indirect quote");
    let speaker = speaker_name(&doc, q)
        .or_else(|| q.speaker_description.clone())
        .unwrap_or_default();
    assert!(speaker.contains("diplomat"), "{speaker:?}");
}

#[test]
fn a_cue_set_into_a_verbless_opening_reports_what_follows_it() {
    let doc = run(
        "Foreign Minister Ana Quispe spoke to reporters in Lima. Peru, she said, would rely on \
         diplomacy rather than force.",
    );
    let q = doc
        .quotes
        .iter()
        .find(|q| q.kind == QuoteKind::Indirect && doc.slice(q.span).contains("diplomacy"))
        .expect("an indirect quote");
    assert!(
        doc.slice(q.span).starts_with("would rely"),
        "{:?}",
        doc.slice(q.span)
    );
}

#[test]
fn a_participle_after_an_inverted_attribution_is_the_same_speakers() {
    let doc = run(
        "Chile will send 500 more police officers to the border, Interior Minister Ana Quispe said \
         on Monday, accusing Bolivia of ignoring smuggling.",
    );
    let reported = indirect_starting(&doc, "Chile will send");
    let accusing = indirect_starting(&doc, "Bolivia of ignoring");
    assert_eq!(speaker_name(&doc, reported).as_deref(), Some("Ana Quispe"));
    assert_eq!(speaker_name(&doc, accusing).as_deref(), Some("Ana Quispe"));
}

#[test]
fn a_cue_coordinated_with_a_verb_of_saying_shares_its_described_speaker() {
    let doc = run(
        "Three European diplomats said the envoy could travel next week, but cautioned that \
         Mogadishu had not agreed to any mediation.",
    );
    let q = indirect_starting(&doc, "Mogadishu had not agreed");
    let speaker = speaker_name(&doc, q)
        .or_else(|| q.speaker_description.clone())
        .unwrap_or_default();
    assert!(speaker.contains("diplomats"), "{speaker:?}");
}

#[test]
fn a_cue_reports_a_clause_or_the_object_of_an_accusation_not_a_thing() {
    let doc = run("Chad recalled its envoy from Niamey on Monday. The rebels responded with \
                   mortar fire near the airport. Defence Minister Fatima Idriss accused the army \
                   of shelling villages near the river. Idriss said the talks would resume in March.");
    let indirect: Vec<&str> = doc
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Indirect)
        .map(|q| doc.slice(q.span))
        .collect();
    assert!(
        !indirect
            .iter()
            .any(|t| t.contains("envoy") || t.contains("mortar")),
        "an object that is a thing or an act is no report: {indirect:?}"
    );
    indirect_starting(&doc, "the army of shelling villages");
    indirect_starting(&doc, "the talks would resume");
}

#[test]
fn he_or_she_after_an_unnamed_speaker_is_that_speaker() {
    let doc = run(
        "The minister accused the army of shelling villages near the river. \
                   She said the talks would resume in March.",
    );
    let q = indirect_starting(&doc, "the talks would resume");
    assert_eq!(
        q.speaker_description.as_deref(),
        Some("The minister"),
        "the pronoun takes the described speaker before: {q:?}"
    );
}

#[test]
fn unnamed_officials_of_a_body_are_described_not_the_body() {
    let doc = run(
        "Two officials from the Chadian interior ministry said the army would withdraw \
                   from the border town.",
    );
    let q = indirect_starting(&doc, "the army would withdraw");
    assert_eq!(q.speaker, None, "the officials are not the ministry: {q:?}");
    assert_eq!(
        q.speaker_description.as_deref(),
        Some("Two officials from the Chadian interior ministry"),
    );
}

#[test]
fn according_to_a_titled_person_names_the_person_not_the_nationality() {
    for text in [
        "According to Kenyan Ambassador to the United Nations Grace Wanjiru, the mediation \
         team will travel to Juba next week.",
        "According to Kenyan Foreign Minister Grace Wanjiru, the mediation team will travel \
         to Juba next week.",
    ] {
        let doc = run(text);
        let q = indirect_starting(&doc, "the mediation team will travel");
        assert_eq!(
            speaker_name(&doc, q).as_deref(),
            Some("Grace Wanjiru"),
            "{text}: {q:?}"
        );
    }
}

#[test]
fn a_named_person_subject_speaks_not_the_body_before_the_cue() {
    let doc = run(
        "Maria Oyelaran for the Nigerian Food Safety Agency, says they are looking at \
                   new rules on salt by the end of the year.",
    );
    let q = indirect_starting(&doc, "they are looking at new rules");
    assert_eq!(
        speaker_name(&doc, q).as_deref(),
        Some("Maria Oyelaran"),
        "{q:?}"
    );
}

#[test]
fn a_relative_cue_speaks_for_the_person_it_describes() {
    let doc = run(
        "\u{201c}We will come back every night,\u{201d} said Lela Abashidze, a student \
                   who said she had been hit with a baton on Wednesday.",
    );
    let q = indirect_starting(&doc, "she had been hit");
    assert_eq!(
        speaker_name(&doc, q).as_deref(),
        Some("Lela Abashidze"),
        "{q:?}"
    );
}

#[test]
fn an_inverted_attribution_may_name_whom_it_was_told_to() {
    let doc = run(
        "Chad would take the matter to the African Union if the raids continued, \
                   government spokesman Abakar Mahamat told state television.",
    );
    let q = indirect_starting(&doc, "Chad would take the matter");
    assert_eq!(
        speaker_name(&doc, q).as_deref(),
        Some("Abakar Mahamat"),
        "{q:?}"
    );
}

#[test]
fn another_as_a_subject_is_a_described_speaker() {
    let doc = run(
        "One trader said he had lost a week of business since the vote. Another said \
                   she supported the protests but feared they would turn violent.",
    );
    let q = indirect_starting(&doc, "she supported the protests");
    assert_eq!(q.speaker_description.as_deref(), Some("Another"), "{q:?}");
}

#[test]
fn a_study_found_and_a_teacher_thought_report_clauses_but_not_infinitives() {
    let doc = run(
        "The researchers found that drought caused most of the crop losses. A teacher \
                   thought the device resembled a bomb. The field is thought to hold large \
                   reserves of gas.",
    );
    indirect_starting(&doc, "drought caused most of the crop losses");
    indirect_starting(&doc, "the device resembled a bomb");
    no_quote_where(
        &doc,
        |text| text.contains("large reserves"),
        "an infinitive after a verb of cognition reports nothing",
    );
}

#[test]
fn a_passive_cue_reports_nothing() {
    let doc = run(
        "Amina Yusuf, who heads the electoral commission, said the results would be \
                   announced on Thursday.",
    );
    let cues: Vec<&str> = doc
        .quotes
        .iter()
        .filter_map(|q| q.cue.map(|c| doc.slice(c)))
        .collect();
    assert_eq!(cues, ["said"], "{:?}", doc.quotes);
}

#[test]
fn a_named_outlet_is_not_a_reference_back() {
    let doc = run(
        "The interior ministry said 14 officers were hurt. The Daily Courier newspaper \
                   wrote that the cabinet had approved the budget.",
    );
    let q = indirect_starting(&doc, "the cabinet had approved");
    assert_eq!(q.speaker, None, "not the ministry named before: {q:?}");
    assert_eq!(
        q.speaker_description.as_deref(),
        Some("The Daily Courier newspaper")
    );
}

#[test]
fn a_phrase_before_that_is_not_reported() {
    let doc = run("The army said in a statement that five soldiers were killed near the border.");
    indirect_starting(&doc, "five soldiers were killed");
}

#[test]
fn a_pronoun_speaker_never_resolves_to_a_name_inside_the_quote() {
    let doc = run(
        "Foreign Minister Ruth Obi said Kenya would respond firmly.\n\n\
                   \u{201c}Nairobi has been patient. President William Ruto told me this morning \
                   that patience has limits,\u{201d} she said.",
    );
    let q = doc
        .quotes
        .iter()
        .find(|q| q.kind == QuoteKind::Direct)
        .expect("the direct quote");
    assert_eq!(speaker_name(&doc, q).as_deref(), Some("Ruth Obi"), "{q:?}");
}

#[test]
fn a_clause_after_an_inverted_attribution_is_not_the_report() {
    let doc = run(
        "Riot police detained 63 people outside parliament overnight, the interior \
                   ministry said on Thursday, as demonstrations entered a third night.",
    );
    let q = indirect_starting(&doc, "Riot police detained 63 people");
    assert!(
        !doc.slice(q.span).contains("demonstrations"),
        "{:?}",
        doc.slice(q.span)
    );
    no_quote_where(
        &doc,
        |text| text.starts_with("as demonstrations"),
        "a clause after an inverted attribution is no report",
    );
}

#[test]
fn a_short_clause_with_its_own_verb_is_a_report() {
    let doc = run(
        "The ambassador said in an interview with the BBC that sanctions were unlikely. \
                   Chad accused Niger.",
    );
    indirect_starting(&doc, "sanctions were unlikely");
    no_quote_where(&doc, |text| text == "Niger", "an object alone is no report");
}
