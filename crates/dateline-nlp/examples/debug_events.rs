//! Scratch: prints tokens, entities and events of stdin.
#![allow(clippy::format_push_string, clippy::unwrap_used)]
use std::io::Read;
fn main() {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).unwrap();
    let mut doc = dateline_core::Document::from_text(text);
    dateline_nlp::standard_pipeline(&dateline_nlp::Config::default()).run(&mut doc);
    let mut line = String::new();
    for (i, t) in doc.tokens.iter().enumerate() {
        line.push_str(&format!(
            "{}/{}{} ",
            doc.slice(t.span),
            t.pos.map_or("-", |p| p.as_str()),
            doc.lemma(i).map(|l| format!("[{l}]")).unwrap_or_default()
        ));
    }
    eprintln!("{line}");
    for e in &doc.entities {
        eprintln!(
            "E {} {:?} {:?} {:?}",
            e.name,
            e.kind,
            e.actor,
            e.mentions.iter().map(|m| doc.slice(*m)).collect::<Vec<_>>()
        );
    }
    for q in &doc.quotes {
        eprintln!("Q {:?} {:?} {:?}", q.kind, doc.slice(q.span), q.speaker);
    }
    for e in &doc.events {
        eprintln!(
            "V {:?} {:?} {} {:?} {:?}",
            e.source.as_ref().and_then(|p| p.actor.clone()),
            e.target.as_ref().and_then(|p| p.actor.clone()),
            e.cameo,
            doc.slice(e.trigger),
            e.modality
        );
    }
}
