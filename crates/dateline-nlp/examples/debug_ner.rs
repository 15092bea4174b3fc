fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let source = dateline_core::Source { path: None, url: None, format: dateline_core::SourceFormat::Text, record: None };
    let mut doc = dateline_core::Document::new(text, source, dateline_core::Meta::default());
    let p = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
    p.run(&mut doc);
    let rec = dateline_nlp::ner::Recognizer::embedded();
    let gaz = dateline_nlp::gazetteer::Gazetteer::embedded();
    let mut scratch = dateline_nlp::ner::NerScratch::default();
    for s in doc.sentences.iter().take(5) {
        let toks = &doc.tokens[s.token_range()];
        let words: Vec<&str> = toks.iter().map(|t| t.span.of(&doc.text)).collect();
        let tags: Vec<_> = toks.iter().map(|t| t.pos.unwrap()).collect();
        let spans = rec.recognize(&words, &tags, gaz.token_classes(), &mut scratch);
        println!("{}", words.iter().zip(&tags).map(|(w,t)| format!("{w}/{}", t.as_str())).collect::<Vec<_>>().join(" "));
        println!("{:?}", spans.iter().map(|&(a,b,t)| format!("{}:{}", words[a..b].join(" "), dateline_nlp::ner::labels::TYPES[t])).collect::<Vec<_>>());
    }
}
