//! `dateline kb NAME [--date D]`: who the actor knowledge base knows by a name, with every dated
//! role, the code each would take on `D`, and the one a mention on `D` is linked to.

use std::io::Write as _;
use std::process::ExitCode;

use clap::Args;
use dateline_nlp::kb::Kb;

#[derive(Debug, Args)]
pub struct KbArgs {
    /// A name as news writes it ("Theresa May", "Putin", "Moammar Qaddafi").
    name: String,
    /// The article's date (YYYY-MM-DD): which role holds, and whom a mention means.
    #[arg(long, value_parser = dateline_core::parse_day)]
    date: Option<chrono::NaiveDate>,
}

pub fn run(args: &KbArgs) -> anyhow::Result<ExitCode> {
    let kb = Kb::embedded();
    let words: Vec<&str> = args.name.split_whitespace().collect();
    let mut out = std::io::stdout().lock();
    let found = match (kb.lookup(&words), words.as_slice()) {
        ([], [word]) if !kb.by_surname(word).is_empty() => {
            writeln!(
                out,
                "{word:?} is no variant on its own (a common word); people with that surname, \
                 linked in text only when a title goes with it (\"President {word}\"):"
            )?;
            kb.by_surname(word)
        }
        (found, _) => found,
    };
    if found.is_empty() {
        writeln!(
            out,
            "no one in the knowledge base is named {:?} ({} people, {} with a Wikidata id)",
            args.name,
            kb.people().len(),
            kb.people()
                .iter()
                .filter(|p| p.wikidata().is_some())
                .count()
        )?;
        return Ok(ExitCode::from(1));
    }
    let chosen = kb.choose(found, args.date, None);
    let day = args
        .date
        .map_or_else(|| "no date".to_owned(), |d| d.to_string());
    for &index in found {
        let p = kb.person(index);
        let mark = if Some(index) == chosen { "→" } else { " " };
        let code = p.code_on(args.date).unwrap_or("-");
        writeln!(
            out,
            "{mark} {}  {}  {}  code on {day}: {code}",
            p.id,
            p.name,
            p.country.as_deref().unwrap_or("-")
        )?;
        for r in &p.roles {
            let bound =
                |d: Option<chrono::NaiveDate>| d.map_or_else(String::new, |d| d.to_string());
            writeln!(out, "      {} {}..{}", r.code, bound(r.start), bound(r.end))?;
        }
    }
    if chosen.is_none() && found.len() > 1 {
        writeln!(
            out,
            "(ambiguous on {day}: no single one of them holds an office then; a mention is not linked)"
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
