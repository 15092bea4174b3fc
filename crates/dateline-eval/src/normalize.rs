//! Text normalisation for comparing predictions with gold, as the scoring rules define it:
//! lowercase, curly and straight quotes and apostrophes made the same, whitespace collapsed,
//! tokens are words and punctuation is ignored.
//!
//! A token is a run of letters and digits. Inside a token an apostrophe is kept (`don't`,
//! `ukraine's`), a period or comma between digits is kept as a period or dropped (`3.5`, `10000`
//! from `10,000`), and a period between letters is dropped (`us` from `U.S.`), so abbreviations
//! compare equal with and without their periods. Everything else separates tokens.

/// The normalised word tokens of `s`.
///
/// ```
/// use dateline_eval::normalize::tokens;
/// assert_eq!(tokens("“Ukraine’s” U.S.-led 10,000 troops!"), ["ukraine's", "us", "led", "10000", "troops"]);
/// ```
#[must_use]
pub fn tokens(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().flat_map(char::to_lowercase).collect();
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            current.push(c);
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let between = |f: fn(char) -> bool| prev.is_some_and(f) && next.is_some_and(f);
        if is_apostrophe(c) && between(char::is_alphanumeric) {
            current.push('\'');
        } else if c == '.' && between(|x| x.is_ascii_digit()) {
            current.push('.');
        } else if (c == ',' && between(|x| x.is_ascii_digit()))
            || (c == '.' && between(char::is_alphabetic))
        {
            // Thousands separators and abbreviation periods join their neighbours.
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The normalised form of `s`: its [`tokens`] joined by single spaces.
///
/// ```
/// use dateline_eval::normalize::norm;
/// assert_eq!(norm("  SEOUL/Tokyo "), "seoul tokyo");
/// ```
#[must_use]
pub fn norm(s: &str) -> String {
    tokens(s).join(" ")
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{02bc}' | '\u{2032}' | '`' | '\u{00b4}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_and_drops_punctuation() {
        assert_eq!(
            tokens("Hello, World! (Really?)"),
            ["hello", "world", "really"]
        );
        assert_eq!(norm("  A\t\n  b  "), "a b");
        assert!(tokens(" — … \"").is_empty());
    }

    #[test]
    fn curly_and_straight_apostrophes_are_the_same() {
        assert_eq!(
            norm("Ukraine’s prime minister"),
            norm("Ukraine's prime minister")
        );
        assert_eq!(norm("Ukraine‘s"), "ukraine's");
        assert_eq!(norm("“war crime”"), norm("\"war crime\""));
        assert_eq!(
            tokens("'courageous achievement'"),
            ["courageous", "achievement"]
        );
    }

    #[test]
    fn abbreviations_numbers_and_hyphens() {
        assert_eq!(norm("U.S."), norm("US"));
        assert_eq!(tokens("10,000 and 3.5%"), ["10000", "and", "3.5"]);
        assert_eq!(tokens("Kim Yong‑hyun"), ["kim", "yong", "hyun"]);
        assert_eq!(tokens("ends here. Next"), ["ends", "here", "next"]);
    }

    #[test]
    fn non_ascii_letters_are_words() {
        assert_eq!(tokens("Ürümqi, São Paulo"), ["ürümqi", "são", "paulo"]);
    }
}
