use dateline_core::Document;

#[test]
fn dump() {
    let text = "Some 10,000 North Korean troops have deployed to Russia, U.S. Defense Secretary Lloyd Austin said on Tuesday. At least 17 people were killed and 9 militants were wounded, according to state-run television. Police arrested six Jewish suspects on October 30, 2011. The ministry said more than $2 billion in aid and 52% of the vote, hundreds of square kilometers of Russian territory. One Ukrainian soldier was killed. Resolution 2254 was adopted in 2011 by the G20. John Smith, 45, said it was 10:30 a.m. \"We lost 300 men,\" the commander said.";
    let mut doc = Document::from_text(text);
    dateline_nlp::standard_pipeline(&dateline_nlp::Config::default()).run(&mut doc);
    let mut out = String::new();
    for t in &doc.tokens {
        out += &format!("{}/{:?}/{:?} ", doc.slice(t.span), t.kind, t.pos.map(|p| p.as_str()));
    }
    out += "\n";
    for q in &doc.quotes {
        out += &format!("{:?} [{}] sp={:?} ment={:?} desc={:?} cue={:?}\n", q.kind, doc.slice(q.span), q.speaker, q.speaker_mention.map(|s| doc.slice(s)), q.speaker_description, q.cue.map(|s| doc.slice(s)));
    }
    for e in &doc.entities { out += &format!("{} {} {:?}\n", e.id, e.name, e.kind); }
    std::fs::write("/tmp/claims_dump.txt", out).unwrap();
}
