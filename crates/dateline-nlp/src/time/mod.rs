//! Date expressions (TIMEX): dates, durations and ages in news text, with dates resolved against
//! the publication date.
//!
//! [`find`] scans a token range (usually one sentence) and returns every [`Timex`] in order,
//! never overlapping. A [`TimexKind::Date`] gets a [`DateValue`] when it can be placed on the
//! calendar; durations and ages are found so that other stages can skip their numbers, and carry
//! no value. The words — month and weekday names, relative phrases, units, number words and the
//! context words that tell a year from a count — live in `resources/time/*.tsv` ([`TimeLexicon`]).
//!
//! Resolution follows news style against `doc.meta.published`:
//!
//! | expression | value (published Wednesday 2024-10-30) |
//! |---|---|
//! | `on Wednesday`, `late Tuesday` | the latest such weekday on or before publication: `2024-10-30`, `2024-10-29` |
//! | `last Wednesday` / `next Friday` / `this Sunday` | strictly before / strictly after / in the publication week |
//! | `today`, `yesterday`, `tomorrow` | `2024-10-30`, `2024-10-29`, `2024-10-31` |
//! | `last week`, `next week` | month precision, of publication ∓ 7 days: `2024-10`, `2024-11` (a week is not one day) |
//! | `last month`, `this year`, `three years ago` | `2024-09`, `2024`, `2021` |
//! | `in August`, `in November`, `mid-December` | that month, this year unless after the publication month: `2024-08`, `2023-11`, `2023-12` |
//! | `Oct. 30`, `Dec. 25` | this year unless more than 7 days after publication: `2024-10-30`, `2023-12-25` |
//! | `February 2022`, `March 5, 2014`, `2024-10-30`, `in 2011` | as written, at month, day or year precision |
//!
//! With no publication date, relative expressions get no value; absolute ones still resolve.
//! Impossible dates (`February 30`) get no value. Clock times (`10 a.m.`, `14:00`, `1900 GMT`),
//! decades (`the 1990s`) and year ranges (`2011-2014`) are returned as dates without a value.
//!
//! ```
//! use dateline_core::{Document, Segmenter, Stage};
//! use dateline_nlp::time::{self, TimeLexicon, TimexKind};
//!
//! let mut doc = Document::from_text("Rebels attacked on Tuesday, ending a 2-1/2-year-old truce.");
//! doc.meta.published = chrono::NaiveDate::from_ymd_opt(2024, 10, 30);
//! Segmenter::default().run(&mut doc);
//! let found = time::find(&doc, 0..doc.tokens.len(), TimeLexicon::embedded());
//! assert_eq!(doc.slice(found[0].span), "Tuesday");
//! assert_eq!(found[0].value.unwrap().to_string(), "2024-10-29");
//! assert_eq!(found[1].kind, TimexKind::Duration);
//! ```

mod lexicon;
mod resolve;
mod scan;

use std::ops::Range;

use dateline_core::{Document, Span};

pub use dateline_core::{DateValue, Precision};
pub use lexicon::TimeLexicon;

/// What a time expression is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimexKind {
    /// A point or period on the calendar (`on Wednesday`, `Oct. 30`, `in 2011`, `10 a.m.`).
    Date,
    /// A length of time (`three years`, `10 days earlier`, `the 2-1/2-year-old conflict`).
    Duration,
    /// A person's age (`a 16-year-old Palestinian`, `aged 40`, `40 years old`).
    Age,
}

/// One time expression in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// Its tokens: indices into `doc.tokens`.
    pub tokens: Range<usize>,
    /// Its text, from the first token's start to the last token's end.
    pub span: Span,
    /// What it is.
    pub kind: TimexKind,
    /// The date it names: `Some` only for a [`TimexKind::Date`] that could be resolved.
    pub value: Option<DateValue>,
}

/// Every time expression in `tokens` (indices into `doc.tokens`, usually one sentence), in
/// order and non-overlapping, with dates resolved against `doc.meta.published`.
///
/// Never fails: a range beyond the document is clamped, and odd text yields fewer expressions.
#[must_use]
pub fn find(doc: &Document, tokens: Range<usize>, lexicon: &TimeLexicon) -> Vec<Timex> {
    scan::Scanner::new(doc, tokens, lexicon)
        .scan()
        .into_iter()
        .filter_map(|found| {
            let first = doc.tokens.get(found.tokens.start)?;
            let last = doc.tokens.get(found.tokens.end.checked_sub(1)?)?;
            let span = first.span.cover(last.span);
            span.get(&doc.text)?;
            let value = match found.kind {
                TimexKind::Date => resolve::resolve(found.spec, doc.meta.published),
                TimexKind::Duration | TimexKind::Age => None,
            };
            Some(Timex {
                tokens: found.tokens,
                span,
                kind: found.kind,
                value,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use dateline_core::{Segmenter, Stage};
    use proptest::prelude::*;

    use super::*;

    /// Wednesday, October 30, 2024.
    fn published() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2024, 10, 30)
    }

    fn segmented(text: &str, published: Option<NaiveDate>) -> Document {
        let mut doc = Document::from_text(text);
        doc.meta.published = published;
        Segmenter::default().run(&mut doc);
        doc
    }

    /// Surface, kind and value of every expression in `text`.
    fn timexes_at(
        text: &str,
        published: Option<NaiveDate>,
    ) -> Vec<(String, TimexKind, Option<String>)> {
        let doc = segmented(text, published);
        find(&doc, 0..doc.tokens.len(), TimeLexicon::embedded())
            .into_iter()
            .map(|t| {
                (
                    doc.slice(t.span).to_owned(),
                    t.kind,
                    t.value.map(|v| v.to_string()),
                )
            })
            .collect()
    }

    fn timexes(text: &str) -> Vec<(String, TimexKind, Option<String>)> {
        timexes_at(text, published())
    }

    /// Asserts that each text holds exactly one date, with that surface and value.
    fn assert_dates(rows: &[(&str, &str, Option<&str>)]) {
        for &(text, surface, value) in rows {
            let found = timexes(text);
            let expected = [(
                surface.to_owned(),
                TimexKind::Date,
                value.map(str::to_owned),
            )];
            assert_eq!(found, expected, "{text:?}");
        }
    }

    /// Asserts the kind of the expression with each surface in each text.
    fn assert_kinds(rows: &[(&str, &str, TimexKind)]) {
        for &(text, surface, kind) in rows {
            let found = timexes(text);
            let of_surface = found.iter().find(|(s, _, _)| s == surface);
            assert_eq!(of_surface.map(|t| t.1), Some(kind), "{text:?}: {found:?}");
            assert!(found.iter().all(|t| t.2.is_none()), "{text:?}: {found:?}");
        }
    }

    #[test]
    fn weekdays_resolve_to_the_latest_on_or_before_publication() {
        assert_dates(&[
            ("They met on Wednesday.", "Wednesday", Some("2024-10-30")),
            ("They met on Tuesday.", "Tuesday", Some("2024-10-29")),
            ("Talks ended Thursday.", "Thursday", Some("2024-10-24")),
            (
                "Shelling resumed late Tuesday.",
                "late Tuesday",
                Some("2024-10-29"),
            ),
            (
                "Protests began Tuesday night.",
                "Tuesday night",
                Some("2024-10-29"),
            ),
            (
                "He arrived last Wednesday.",
                "last Wednesday",
                Some("2024-10-23"),
            ),
            ("They vote next Friday.", "next Friday", Some("2024-11-01")),
            (
                "It opened Wednesday, Oct. 23.",
                "Wednesday, Oct. 23",
                Some("2024-10-23"),
            ),
        ]);
        assert!(
            timexes("The Sun reported it.").is_empty(),
            "only full weekday names"
        );
    }

    #[test]
    fn relative_words() {
        assert_dates(&[
            ("The vote is today.", "today", Some("2024-10-30")),
            (
                "Troops withdrew yesterday.",
                "yesterday",
                Some("2024-10-29"),
            ),
            (
                "Yesterday morning, rockets fell.",
                "Yesterday morning",
                Some("2024-10-29"),
            ),
            ("The ministers met last week.", "last week", Some("2024-10")),
            ("They meet next week.", "next week", Some("2024-11")),
            ("Prices rose last month.", "last month", Some("2024-09")),
            (
                "Elections are due next month.",
                "next month",
                Some("2024-11"),
            ),
            ("Growth slowed last year.", "last year", Some("2023")),
            ("It has grown this year.", "this year", Some("2024")),
            (
                "The war began late last year.",
                "late last year",
                Some("2023"),
            ),
            (
                "It collapsed three years ago.",
                "three years ago",
                Some("2021"),
            ),
            ("He fled two weeks ago.", "two weeks ago", Some("2024-10")),
            ("He fled 10 days ago.", "10 days ago", Some("2024-10-20")),
            ("He fled several days ago.", "several days ago", None),
        ]);
    }

    #[test]
    fn months_without_a_year() {
        assert_dates(&[
            ("The truce broke down in August.", "August", Some("2024-08")),
            (
                "The truce broke down in November.",
                "November",
                Some("2023-11"),
            ),
            (
                "Fighting flared in mid-December.",
                "mid-December",
                Some("2023-12"),
            ),
            (
                "Fighting flared in early June.",
                "early June",
                Some("2024-06"),
            ),
            ("Polls close next March.", "next March", Some("2025-03")),
            ("It rained last October.", "last October", Some("2023-10")),
            ("Talks resumed in May.", "May", Some("2024-05")),
            ("It held until March.", "March", Some("2024-03")),
        ]);
    }

    #[test]
    fn months_with_a_year_and_years() {
        assert_dates(&[
            (
                "It began in February 2022.",
                "February 2022",
                Some("2022-02"),
            ),
            ("It began in June 2024.", "June 2024", Some("2024-06")),
            ("It began in May of 2022.", "May of 2022", Some("2022-05")),
            ("It dates from March 2019.", "March 2019", Some("2019-03")),
            ("It began in 2011.", "2011", Some("2011")),
            ("The 2011 revolution ended it.", "2011", Some("2011")),
            ("It has ruled since 2014.", "2014", Some("2014")),
            ("Egypt's 2011 protests toppled him.", "2011", Some("2011")),
            ("Growth stalled in mid-2022.", "mid-2022", Some("2022")),
            ("Trade fell in the 1990s.", "1990s", None),
            ("It ran from 2011-2014.", "2011-2014", None),
        ]);
    }

    #[test]
    fn counts_are_not_years() {
        for text in [
            "Some 2,000 troops were sent.",
            "The army sent 2000 troops.",
            "Nearly 1500 fled.",
            "It cost $2000.",
            "About 2000 people marched.",
            "Inflation hit 2000 percent, then 1999%.",
        ] {
            assert!(timexes(text).is_empty(), "{text:?}: {:?}", timexes(text));
        }
    }

    #[test]
    fn days_of_months() {
        assert_dates(&[
            ("The vote was on Oct. 30.", "Oct. 30", Some("2024-10-30")),
            (
                "The vote was on October 30.",
                "October 30",
                Some("2024-10-30"),
            ),
            (
                "The vote was on 30 October.",
                "30 October",
                Some("2024-10-30"),
            ),
            ("He was freed on Dec. 25.", "Dec. 25", Some("2023-12-25")),
            ("The vote is set for Nov. 5.", "Nov. 5", Some("2024-11-05")),
            (
                "It was signed March 5, 2014, in Kyiv.",
                "March 5, 2014",
                Some("2014-03-05"),
            ),
            (
                "It was signed on 5 March 2014.",
                "5 March 2014",
                Some("2014-03-05"),
            ),
            (
                "It was signed on the 5th of May.",
                "5th of May",
                Some("2024-05-05"),
            ),
            (
                "It was signed Sept. 11, 2001.",
                "Sept. 11, 2001",
                Some("2001-09-11"),
            ),
            ("It was signed Sep. 11.", "Sep. 11", Some("2024-09-11")),
            ("It was signed Jan. 6.", "Jan. 6", Some("2024-01-06")),
            ("May 5 was quiet.", "May 5", Some("2024-05-05")),
            (
                "The file is dated 2024-10-30.",
                "2024-10-30",
                Some("2024-10-30"),
            ),
            ("It was due February 30.", "February 30", None),
            ("It was due on Feb. 30, 2023.", "Feb. 30, 2023", None),
            ("It was due on 2023-02-30.", "2023-02-30", None),
        ]);
    }

    #[test]
    fn may_and_march_need_date_context() {
        for text in [
            "Sanctions may be lifted.",
            "May God help us, she said.",
            "Prime Minister Theresa May said so.",
            "Thousands joined the March for Life.",
            "Protesters march on the capital.",
        ] {
            assert!(timexes(text).is_empty(), "{text:?}: {:?}", timexes(text));
        }
    }

    #[test]
    fn durations_and_ages() {
        assert_eq!(
            timexes("the 2-1/2-year-old conflict"),
            [("2-1/2-year-old".to_owned(), TimexKind::Duration, None)]
        );
        assert_eq!(
            timexes("a 16-year-old Palestinian was shot"),
            [("16-year-old".to_owned(), TimexKind::Age, None)]
        );
        assert_kinds(&[
            ("the 16-year-old was shot", "16-year-old", TimexKind::Age),
            ("a 16-year-old boy", "16-year-old", TimexKind::Age),
            ("A man, aged 40, died.", "aged 40", TimexKind::Age),
            ("He is 40 years old.", "40 years old", TimexKind::Age),
            ("At the age of 40 he quit.", "age of 40", TimexKind::Age),
            ("a three-year war", "three-year", TimexKind::Duration),
            ("a decade-long war", "decade-long", TimexKind::Duration),
            ("a 10-day truce", "10-day", TimexKind::Duration),
            ("It lasted three years.", "three years", TimexKind::Duration),
            ("It lasted 10 days.", "10 days", TimexKind::Duration),
            (
                "He came 10 days earlier.",
                "10 days earlier",
                TimexKind::Duration,
            ),
            ("It lasted 2-1/2 years.", "2-1/2 years", TimexKind::Duration),
            (
                "It took twenty-five years.",
                "twenty-five years",
                TimexKind::Duration,
            ),
            ("It lasted 2000 years.", "2000 years", TimexKind::Duration),
        ]);
    }

    #[test]
    fn clock_times_are_dates_without_a_value() {
        assert_dates(&[
            ("It began at 10 a.m. local time.", "10 a.m.", None),
            ("It began at 2:30 p.m.", "2:30 p.m.", None),
            ("It began at 14:00.", "14:00", None),
            ("It began at 1900 GMT.", "1900 GMT", None),
        ]);
    }

    #[test]
    fn without_a_publication_date_only_absolute_dates_resolve() {
        let found = timexes_at(
            "On Wednesday, a year after the February 2022 invasion, talks that began in \
             August and on Oct. 30, 2023, were held today.",
            None,
        );
        let values: Vec<(&str, Option<&str>)> = found
            .iter()
            .map(|(s, _, v)| (s.as_str(), v.as_deref()))
            .collect();
        assert_eq!(
            values,
            [
                ("Wednesday", None),
                ("a year", None),
                ("February 2022", Some("2022-02")),
                ("August", None),
                ("Oct. 30, 2023", Some("2023-10-30")),
                ("today", None),
            ]
        );
    }

    #[test]
    fn sentence_ranges_and_token_indices() {
        let doc = segmented(
            "Rebels attacked on Tuesday. Some 10,000 fled in 2011. Nothing else.",
            published(),
        );
        let lexicon = TimeLexicon::embedded();
        let per_sentence: Vec<Vec<Timex>> = doc
            .sentences
            .iter()
            .map(|s| find(&doc, s.token_range(), lexicon))
            .collect();
        assert_eq!(per_sentence.len(), 3);
        let [first] = &per_sentence[0][..] else {
            panic!("{per_sentence:?}")
        };
        assert_eq!(doc.slice(doc.tokens[first.tokens.start].span), "Tuesday");
        assert_eq!(first.tokens.len(), 1);
        assert_eq!(per_sentence[1].len(), 1);
        assert_eq!(doc.slice(per_sentence[1][0].span), "2011");
        assert!(per_sentence[2].is_empty());
        assert!(find(&doc, 5..usize::MAX, lexicon).len() <= 2);
        let reversed = std::ops::Range {
            start: usize::MAX,
            end: 3,
        };
        assert!(find(&doc, reversed, lexicon).is_empty());
    }

    #[test]
    fn display_by_precision() {
        let date = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        let show = |precision| DateValue { date, precision }.to_string();
        assert_eq!(show(Precision::Day), "2024-03-05");
        assert_eq!(show(Precision::Month), "2024-03");
        assert_eq!(show(Precision::Year), "2024");
    }

    /// Text made of date-ish words and arbitrary characters, to reach the matchers.
    fn datish_text() -> impl Strategy<Value = String> {
        let word = prop_oneof![
            Just("May".to_owned()),
            Just("Oct.".to_owned()),
            Just("30".to_owned()),
            Just("2024".to_owned()),
            Just(",".to_owned()),
            Just("last".to_owned()),
            Just("Wednesday".to_owned()),
            Just("2-1/2-year-old".to_owned()),
            Just("mid-".to_owned()),
            Just("mid-May".to_owned()),
            Just("16-year-old".to_owned()),
            Just("1990s".to_owned()),
            Just("years".to_owned()),
            Just("ago".to_owned()),
            Just("aged".to_owned()),
            Just("a.m.".to_owned()),
            Just(":".to_owned()),
            Just("2024-02-30".to_owned()),
            Just("99999999999999999999999".to_owned()),
            "\\PC{0,6}",
        ];
        prop::collection::vec(word, 0..24).prop_map(|words| words.join(" "))
    }

    proptest! {
        #[test]
        fn find_never_panics_and_spans_fit_the_text(
            text in prop_oneof![datish_text(), "\\PC{0,80}"],
            days in -1_000_000i64..1_000_000,
            dated in any::<bool>(),
        ) {
            let published = dated
                .then(|| NaiveDate::from_ymd_opt(2024, 10, 30)?.checked_add_signed(chrono::TimeDelta::try_days(days)?))
                .flatten();
            let doc = segmented(&text, published);
            let lexicon = TimeLexicon::embedded();
            let mut ranges: Vec<Range<usize>> = doc.sentences.iter().map(dateline_core::Sentence::token_range).collect();
            ranges.push(0..doc.tokens.len());
            ranges.push(1..doc.tokens.len() + 3);
            for range in ranges {
                let found = find(&doc, range.clone(), lexicon);
                let mut last_end = range.start;
                for timex in &found {
                    prop_assert!(timex.span.get(&doc.text).is_some(), "{timex:?} in {text:?}");
                    prop_assert!(timex.tokens.start >= last_end && timex.tokens.start < timex.tokens.end);
                    prop_assert!(timex.tokens.end <= range.end.min(doc.tokens.len()));
                    prop_assert!(timex.value.is_none() || timex.kind == TimexKind::Date);
                    last_end = timex.tokens.end;
                }
            }
        }
    }
}
