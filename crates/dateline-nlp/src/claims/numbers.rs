//! Reading an amount at a token: digits with separators and scale words (`1.5 million`), written
//! numbers (`two hundred`, `twenty-five`, `a dozen`, `half a million`), vague amounts
//! (`dozens`, `tens of thousands`, `several hundred`), fractions (`a third of`), with the
//! currency (`$`, `US$`, `dollars`) or percent sign that makes them money or a share.

use dateline_core::{ClaimValue, TokenKind};

use super::lexicon::{ClaimLexicon, CurrencyForm, NumberKind};
use super::view::View;

/// How an amount is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountKind {
    /// In digits (`10,000`, `1.5 million`).
    Digits,
    /// In number words (`six`, `two hundred`).
    Words,
    /// A word with no number (`dozens`, `several hundred`).
    Vague,
    /// A fraction in words (`a third`).
    Fraction,
}

/// An amount found in the tokens `[first, end)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    /// First token, including a currency sign or code before the number.
    pub first: usize,
    /// One past the last token, including a currency name or percent word after it.
    pub end: usize,
    /// The tokens of the number itself, without currency or percent.
    pub core: (usize, usize),
    /// The value.
    pub value: ClaimValue,
    /// How it is written.
    pub kind: AmountKind,
    /// Whether it reads as a claim only with a known counted noun or outcome (`several`, `one`).
    pub strict: bool,
    /// The currency's name, when the amount is money.
    pub currency: Option<String>,
    /// Whether a percent sign or word follows.
    pub percent: bool,
    /// Whether the amount is four plain digits in the range of years (`2011`).
    pub year_like: bool,
}

/// The value of a digit string (`10,000`, `1.5`, `2bn`) and the letters glued after it.
/// Thousands groups must be well formed; anything else (`2-1/2`, `1.2.3`, `10:30`) is `None`.
#[must_use]
pub fn parse_digits(s: &str) -> Option<(f64, &str)> {
    let split = s.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(s.len());
    let (number, suffix) = s.split_at_checked(split)?;
    if !suffix.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let (int, frac) = match number.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (number, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let groups: Vec<&str> = int.split(',').collect();
    let first_ok = groups.first().is_some_and(|g| {
        !g.is_empty()
            && g.bytes().all(|b| b.is_ascii_digit())
            && (groups.len() == 1 || g.len() <= 3)
    });
    let rest_ok = groups
        .iter()
        .skip(1)
        .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    if !first_ok || !rest_ok {
        return None;
    }
    let mut plain: String = groups.concat();
    if let Some(frac) = frac {
        plain.push('.');
        plain.push_str(frac);
    }
    plain.parse::<f64>().ok().map(|v| (v, suffix))
}

/// The running state of a written number: `total` of finished scale groups, then the
/// `hundreds` and `small` (below 100) parts of the group being read.
#[derive(Debug, Clone, Copy)]
struct Written {
    total: f64,
    hundreds: f64,
    small: f64,
    last_scale: f64,
    /// Whether the number opened with `a` (`a hundred`, `a dozen`), which stands for one.
    after_a: bool,
    read_any: bool,
}

impl Written {
    fn new(after_a: bool) -> Self {
        Written {
            total: 0.0,
            hundreds: 0.0,
            small: 0.0,
            last_scale: f64::INFINITY,
            after_a,
            read_any: false,
        }
    }

    /// Adds one number word; `false` when it cannot follow what was read (`one two`).
    fn push(&mut self, value: f64, kind: NumberKind) -> bool {
        let leading_a = self.after_a && !self.read_any;
        let ok = match kind {
            NumberKind::Unit => {
                let open = self.small == 0.0 || (self.small >= 20.0 && self.small % 10.0 == 0.0);
                if open {
                    self.small += value;
                }
                open
            }
            NumberKind::Teen | NumberKind::Tens => {
                let open = self.small == 0.0;
                if open {
                    self.small = value;
                }
                open
            }
            NumberKind::Hundred => {
                let base = if self.small == 0.0 && leading_a {
                    1.0
                } else {
                    self.small
                };
                let open = self.hundreds == 0.0 && base > 0.0 && base < 100.0;
                if open {
                    self.hundreds = base;
                    self.small = 0.0;
                }
                open
            }
            NumberKind::Scale | NumberKind::Dozen => {
                let mut group = self.hundreds * 100.0 + self.small;
                if group == 0.0 && leading_a {
                    group = 1.0;
                }
                let open = group > 0.0 && value < self.last_scale;
                if open {
                    self.total += group * value;
                    self.hundreds = 0.0;
                    self.small = 0.0;
                    self.last_scale = value;
                }
                open
            }
            NumberKind::Suffix => false,
        };
        self.read_any = true;
        ok
    }

    fn value(&self) -> f64 {
        self.total + self.hundreds * 100.0 + self.small
    }

    /// Whether a unit, teen or tens word may follow an `and` (`two hundred and fifty`).
    fn takes_and(&self) -> bool {
        self.read_any && self.small == 0.0 && self.hundreds + self.total > 0.0
    }
}

/// The number words of one token: `six`, or both halves of `twenty-five`.
fn token_numbers(lex: &ClaimLexicon, word: &str) -> Option<Vec<(f64, NumberKind)>> {
    word.split('-')
        .map(|part| lex.number(part).filter(|v| v.1 != NumberKind::Suffix))
        .collect()
}

/// A written number from token `i`: its value and the end of its last word.
fn written(view: &View, lex: &ClaimLexicon, i: usize, hi: usize) -> Option<(f64, usize)> {
    let after_a = matches!(view.lower(i), "a" | "an");
    let mut number = Written::new(after_a);
    let mut k = if after_a { i + 1 } else { i };
    let mut end = i;
    while k < hi {
        if view.lower(k) == "and" && number.takes_and() {
            let small_next = token_numbers(lex, view.lower(k + 1)).is_some_and(|v| {
                v.first().is_some_and(|(_, kind)| {
                    matches!(kind, NumberKind::Unit | NumberKind::Teen | NumberKind::Tens)
                })
            });
            if !small_next {
                break;
            }
            k += 1;
            continue;
        }
        let Some(values) = token_numbers(lex, view.lower(k)) else {
            break;
        };
        let saved = number;
        if !values
            .into_iter()
            .all(|(value, kind)| number.push(value, kind))
        {
            number = saved;
            break;
        }
        k += 1;
        end = k;
    }
    let value = number.value();
    // "a" alone, or "a" before a plain unit ("a one-off"), is no number.
    let a_needs_scale = after_a && number.last_scale.is_infinite() && number.hundreds == 0.0;
    (end > i && value > 0.0 && !a_needs_scale).then_some((value, end))
}

/// Scale words after a number in digits (`1.5 million`, `10 thousand`): the multiplier and the
/// end of the last one.
fn scales_after(view: &View, lex: &ClaimLexicon, k: usize, hi: usize) -> (f64, usize) {
    let mut factor = 1.0;
    let mut end = k;
    let mut last = f64::INFINITY;
    while end < hi {
        match lex.number(view.lower(end)) {
            Some((value, NumberKind::Scale | NumberKind::Hundred)) if value < last => {
                factor *= value;
                last = value;
                end += 1;
            }
            _ => break,
        }
    }
    (factor, end)
}

/// A currency sign or code before token `i`'s number: the name and the first token of the
/// amount. `US$`, `HK$` are a prefix glued to a sign; `USD 5` a code on its own.
fn currency_before(
    view: &View,
    lex: &ClaimLexicon,
    i: usize,
    hi: usize,
) -> Option<(String, usize)> {
    let find = |k: usize, form: CurrencyForm| {
        lex.currencies()
            .iter()
            .find(|p| p.value.0 == form && view.words_at(k, hi, &p.words))
            .map(|p| (p.value.1.clone(), p.words.len()))
    };
    if let Some((name, len)) = find(i, CurrencyForm::Prefix) {
        let code = view.surface(i).len() >= 3 && view.surface(i).chars().all(char::is_uppercase);
        if view.glued(i + len - 1) {
            if let Some((name, sign)) = find(i + len, CurrencyForm::Symbol) {
                return Some((name, i + len + sign));
            }
        }
        if code && view.kind(i + len) == Some(TokenKind::Number) {
            return Some((name, i + len));
        }
        return None;
    }
    find(i, CurrencyForm::Symbol).map(|(name, len)| (name, i + len))
}

/// A currency name after the number (`dollars`, `US dollars`, `of dollars` after a vague amount):
/// the name and the end of the phrase.
fn currency_after(
    view: &View,
    lex: &ClaimLexicon,
    k: usize,
    hi: usize,
    vague: bool,
) -> Option<(String, usize)> {
    let start = if vague && view.lower(k) == "of" {
        k + 1
    } else {
        k
    };
    let word = |at: usize| {
        lex.currencies()
            .iter()
            .find(|p| p.value.0 == CurrencyForm::Word && view.words_at(at, hi, &p.words))
            .map(|p| (p.value.1.clone(), at + p.words.len()))
    };
    word(start).or_else(|| {
        // "2 billion US dollars": a prefix before the name.
        lex.currencies()
            .iter()
            .find(|p| p.value.0 == CurrencyForm::Prefix && view.words_at(start, hi, &p.words))
            .and_then(|p| word(start + p.words.len()))
    })
}

/// A percent sign or word after the number: the end of it.
fn percent_after(view: &View, lex: &ClaimLexicon, k: usize, hi: usize) -> Option<usize> {
    view.phrase_at(lex.units(), k, hi)
        .filter(|p| p.value.as_deref() == Some("percent"))
        .map(|p| k + p.words.len())
}

/// The number core at token `j`: value, kind, end, strictness, year-likeness, whether a currency
/// is required for a glued scale suffix.
struct Core {
    value: ClaimValue,
    kind: AmountKind,
    end: usize,
    strict: bool,
    year_like: bool,
    needs_currency: bool,
}

fn digits_core(view: &View, lex: &ClaimLexicon, j: usize, hi: usize) -> Option<Core> {
    let surface = view.surface(j);
    let (value, suffix) = parse_digits(surface)?;
    let mut needs_currency = false;
    let value = if suffix.is_empty() {
        value
    } else {
        let lower = suffix.to_ascii_lowercase();
        let (scale, kind) = lex.number(&lower)?;
        if kind != NumberKind::Suffix {
            return None;
        }
        needs_currency = lower.len() == 1;
        value * scale
    };
    let (factor, end) = if suffix.is_empty() {
        scales_after(view, lex, j + 1, hi)
    } else {
        (1.0, j + 1)
    };
    let plain = suffix.is_empty() && !surface.contains([',', '.']);
    let year_like =
        plain && end == j + 1 && surface.len() == 4 && (1000.0..=2100.0).contains(&value);
    Some(Core {
        value: ClaimValue::Number(value * factor),
        kind: AmountKind::Digits,
        end,
        strict: false,
        year_like,
        needs_currency,
    })
}

/// The lowercase words of tokens `[from, to)` joined by spaces: a word value.
fn phrase_value(view: &View, from: usize, to: usize) -> ClaimValue {
    let words: Vec<&str> = (from..to).map(|k| view.lower(k)).collect();
    ClaimValue::Word(words.join(" "))
}

fn vague_core(view: &View, lex: &ClaimLexicon, j: usize, hi: usize) -> Option<Core> {
    // "several hundred", "a few thousand": a modifier and scale words.
    for p in lex.vague().iter().filter(|p| p.value.modifier) {
        if !view.words_at(j, hi, &p.words) {
            continue;
        }
        let after = j + p.words.len();
        let mut end = after;
        while end < hi
            && lex.number(view.lower(end)).is_some_and(|(_, k)| {
                matches!(
                    k,
                    NumberKind::Hundred | NumberKind::Scale | NumberKind::Dozen
                )
            })
        {
            end += 1;
        }
        if end > after {
            return Some(Core {
                value: phrase_value(view, j, end),
                kind: AmountKind::Vague,
                end,
                strict: p.value.strict,
                year_like: false,
                needs_currency: false,
            });
        }
    }
    let p = lex
        .vague()
        .iter()
        .filter(|p| !p.value.modifier)
        .find(|p| view.words_at(j, hi, &p.words))?;
    let end = j + p.words.len();
    Some(Core {
        value: phrase_value(view, j, end),
        kind: AmountKind::Vague,
        end,
        strict: p.value.strict,
        year_like: false,
        needs_currency: false,
    })
}

fn fraction_core(view: &View, lex: &ClaimLexicon, j: usize, hi: usize) -> Option<Core> {
    let p = view.phrase_at(lex.fractions(), j, hi)?;
    let end = j + p.words.len();
    let next = view.lower(end);
    let half = p.words.last().is_some_and(|w| w == "half");
    // "half a million" is a number.
    if half && matches!(view.lower(end), "a" | "an") {
        if let Some((scale, NumberKind::Scale)) = lex.number(view.lower(end + 1)) {
            return Some(Core {
                value: ClaimValue::Number(scale / 2.0),
                kind: AmountKind::Words,
                end: end + 2,
                strict: false,
                year_like: false,
                needs_currency: false,
            });
        }
    }
    (next == "of" || (half && next == "the")).then(|| Core {
        value: phrase_value(view, j, end),
        kind: AmountKind::Fraction,
        end,
        strict: false,
        year_like: false,
        needs_currency: false,
    })
}

fn words_core(view: &View, lex: &ClaimLexicon, j: usize, hi: usize) -> Option<Core> {
    let (value, end) = written(view, lex, j, hi)?;
    // A lone "one" is a pronoun or an article as often as a count.
    let strict = end == j + 1 && (value - 1.0).abs() < f64::EPSILON;
    Some(Core {
        value: ClaimValue::Number(value),
        kind: AmountKind::Words,
        end,
        strict,
        year_like: false,
        needs_currency: false,
    })
}

/// The amount starting at token `i`, reading no further than `hi`.
#[must_use]
pub fn amount_at(view: &View, lex: &ClaimLexicon, i: usize, hi: usize) -> Option<Amount> {
    if view.kind(i) != Some(TokenKind::Number) && !lex.may_start(view.lower(i)) {
        return None;
    }
    let (mut currency, j) = match currency_before(view, lex, i, hi) {
        Some((name, j)) => (Some(name), j),
        None => (None, i),
    };
    if j >= hi {
        return None;
    }
    let core = if view.kind(j) == Some(TokenKind::Number) {
        digits_core(view, lex, j, hi)?
    } else if currency.is_some() {
        return None;
    } else {
        vague_core(view, lex, j, hi)
            .or_else(|| fraction_core(view, lex, j, hi))
            .or_else(|| words_core(view, lex, j, hi))?
    };
    let mut end = core.end;
    if currency.is_none() {
        if let Some((name, after)) =
            currency_after(view, lex, end, hi, core.kind == AmountKind::Vague)
        {
            currency = Some(name);
            end = after;
        }
    }
    if core.needs_currency && currency.is_none() {
        return None;
    }
    let mut percent = false;
    if currency.is_none() {
        if let Some(after) = percent_after(view, lex, end, hi) {
            percent = true;
            end = after;
        }
    }
    Some(Amount {
        first: i,
        end,
        core: (j, core.end),
        value: core.value,
        kind: core.kind,
        strict: core.strict && currency.is_none() && !percent,
        year_like: core.year_like && currency.is_none() && !percent,
        currency,
        percent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::{Document, Stage};

    fn amount(text: &str) -> Option<(ClaimValue, String)> {
        let mut doc = Document::from_text(text);
        dateline_core::Segmenter::default().run(&mut doc);
        let view = View::new(&doc);
        let lex = ClaimLexicon::embedded();
        let hi = doc.tokens.len();
        let a = amount_at(&view, lex, 0, hi)?;
        let span = view.cover(a.first, a.end - 1)?;
        Some((a.value, doc.slice(span).to_owned()))
    }

    fn number(text: &str) -> Option<f64> {
        match amount(text)?.0 {
            ClaimValue::Number(n) => Some(n),
            ClaimValue::Word(_) => None,
        }
    }

    fn word(text: &str) -> Option<String> {
        match amount(text)?.0 {
            ClaimValue::Word(w) => Some(w),
            ClaimValue::Number(_) => None,
        }
    }

    #[test]
    fn digits_with_separators_and_scales() {
        assert_eq!(parse_digits("10,000"), Some((10_000.0, "")));
        assert_eq!(parse_digits("1.5"), Some((1.5, "")));
        assert_eq!(parse_digits("2bn"), Some((2.0, "bn")));
        assert_eq!(parse_digits("1,00"), None);
        assert_eq!(parse_digits("1.2.3"), None);
        assert_eq!(parse_digits("2-1/2"), None);
        assert_eq!(parse_digits("10,000.75"), Some((10_000.75, "")));
        assert_eq!(number("1.5 million barrels"), Some(1_500_000.0));
        assert_eq!(number("3 trillion"), Some(3e12));
        assert_eq!(number("10 thousand"), Some(10_000.0));
    }

    #[test]
    fn money_in_units() {
        assert_eq!(
            amount("$2 billion in aid"),
            Some((ClaimValue::Number(2e9), "$2 billion".to_owned()))
        );
        assert_eq!(
            amount("US$450 million"),
            Some((ClaimValue::Number(4.5e8), "US$450 million".to_owned()))
        );
        assert_eq!(
            amount("40 million euros"),
            Some((ClaimValue::Number(4e7), "40 million euros".to_owned()))
        );
        assert_eq!(number("€3.2bn"), Some(3.2e9));
        assert_eq!(
            number("5m people"),
            None,
            "a bare m is metres as often as millions"
        );
        assert_eq!(number("$5m"), Some(5e6));
        assert_eq!(
            amount("300 billion yuan"),
            Some((ClaimValue::Number(3e11), "300 billion yuan".to_owned()))
        );
    }

    #[test]
    fn percentages() {
        assert_eq!(
            amount("52 percent of voters"),
            Some((ClaimValue::Number(52.0), "52 percent".to_owned()))
        );
        assert_eq!(
            amount("52% of voters"),
            Some((ClaimValue::Number(52.0), "52%".to_owned()))
        );
        assert_eq!(
            amount("7.5 per cent"),
            Some((ClaimValue::Number(7.5), "7.5 per cent".to_owned()))
        );
    }

    #[test]
    fn written_numbers() {
        assert_eq!(number("six suspects"), Some(6.0));
        assert_eq!(number("Twenty-five people"), Some(25.0));
        assert_eq!(number("two hundred soldiers"), Some(200.0));
        assert_eq!(number("two hundred and fifty soldiers"), Some(250.0));
        assert_eq!(number("three thousand five hundred"), Some(3500.0));
        assert_eq!(number("a dozen rockets"), Some(12.0));
        assert_eq!(number("two dozen rockets"), Some(24.0));
        assert_eq!(number("a hundred people"), Some(100.0));
        assert_eq!(number("half a million refugees"), Some(500_000.0));
        assert_eq!(number("a soldier"), None);
        assert_eq!(
            number("one two"),
            Some(1.0),
            "a unit does not follow a unit"
        );
        assert_eq!(number("twenty thirty"), Some(20.0));
        assert_eq!(number("thousand"), None, "a scale needs a number before it");
    }

    #[test]
    fn vague_amounts_and_fractions_are_words() {
        assert_eq!(word("dozens of rockets").as_deref(), Some("dozens"));
        assert_eq!(
            word("Tens of thousands of people").as_deref(),
            Some("tens of thousands")
        );
        assert_eq!(
            word("several hundred people").as_deref(),
            Some("several hundred")
        );
        assert_eq!(word("a third of the city").as_deref(), Some("a third"));
        assert_eq!(word("half the population").as_deref(), Some("half"));
        assert_eq!(amount("the second half"), None);
        assert_eq!(amount("a third time"), None, "a fraction needs `of`");
        assert_eq!(
            amount("millions of dollars"),
            Some((
                ClaimValue::Word("millions".into()),
                "millions of dollars".into()
            ))
        );
    }

    #[test]
    fn ordinals_and_odd_digits_are_not_amounts() {
        assert_eq!(amount("3rd"), None);
        assert_eq!(amount("1990s"), None);
        assert_eq!(amount("2-1/2-year-old"), None);
        assert_eq!(amount("second"), None);
    }
}
