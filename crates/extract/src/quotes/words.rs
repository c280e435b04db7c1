//! A light word splitter for attribution patterns, independent of the tokenizer stage.
//!
//! Quote attribution must work before (and without) the tagger and parser, so it scans the
//! raw sentence text with this splitter: words are runs of letters and digits with inner
//! hyphens, apostrophes and abbreviation dots ("U.S.", "Mr.", "al-Assad", "Russia's"); every
//! other non-space character is a punctuation token of its own.

/// A word or punctuation token: a byte span into the document text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct W {
    /// First byte.
    pub s: usize,
    /// One past the last byte.
    pub e: usize,
    /// A word (letters/digits) rather than punctuation.
    pub word: bool,
}

/// Title abbreviations that keep their dot.
const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "gov", "rep", "gen", "lt", "col", "st", "jr", "sr", "prof",
    "sgt", "capt", "adm", "maj", "pres", "vs", "no", "inc", "co", "corp", "ltd", "rev", "hon",
    "del", "reps", "cmdr", "supt", "amb",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_inner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | '&')
}

/// Splits `text[start..end]` into words and punctuation tokens.
pub(crate) fn split(text: &str, start: usize, end: usize) -> Vec<W> {
    let mut out = Vec::new();
    let Some(region) = text.get(start..end) else {
        return out;
    };
    let mut it = region.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            out.push(W {
                s: start + i,
                e: start + i + c.len_utf8(),
                word: false,
            });
            continue;
        }
        let s = i;
        let mut e = i + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            if is_word_char(d) {
                e = j + d.len_utf8();
                it.next();
            } else if is_inner(d) {
                // keep inner punctuation only when a word character follows it
                let next = region[j + d.len_utf8()..].chars().next();
                if next.is_some_and(is_word_char) {
                    e = j + d.len_utf8();
                    it.next();
                } else if d == '.'
                    && (keeps_dot(&region[s..e]) || closes_bracket(&region[s..e], next))
                {
                    e = j + 1;
                    it.next();
                    break;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        out.push(W {
            s: start + s,
            e: start + e,
            word: true,
        });
    }
    out
}

/// Whether a dot right before a closing bracket is an abbreviation's, as in a party and state
/// label ("(D-Wis.)", "(R-Fla.)"): the word after its last hyphen is a short capitalised one.
/// So is one before a comma in a party and state label set off by commas ("Jane Doe,
/// D-Calif., said"): a single capital and a hyphen open it.
fn closes_bracket(word: &str, next: Option<char>) -> bool {
    let last = word.rsplit('-').next().unwrap_or(word);
    let short_cap =
        last.chars().count() <= 5 && last.chars().next().is_some_and(char::is_uppercase);
    let mut chars = word.chars();
    let label = chars.next().is_some_and(char::is_uppercase) && chars.next() == Some('-');
    short_cap && (next == Some(')') || (next == Some(',') && label))
}

/// Whether a word before a dot keeps the dot: "U.S", single initials, title abbreviations.
fn keeps_dot(word: &str) -> bool {
    if word.contains('.') {
        return true;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    let lower = word.to_lowercase();
    ABBREV.contains(&lower.as_str())
}

/// The tokens of `text`, lowercased, as the cue lexicon matches them (learners of cue phrases
/// count with this splitter so that what they learn is what the extractor finds).
pub fn lower_words(text: &str) -> Vec<String> {
    split(text, 0, text.len())
        .into_iter()
        .map(|w| lower(text, w))
        .collect()
}

/// The lowercased text of a token.
pub(crate) fn lower(text: &str, w: W) -> String {
    text.get(w.s..w.e).unwrap_or("").to_lowercase()
}

/// Whether the token starts with an uppercase letter (or a digit: "2016 Republican nominee").
pub(crate) fn is_cap(text: &str, w: W) -> bool {
    w.word
        && text
            .get(w.s..w.e)
            .and_then(|t| t.chars().next())
            .is_some_and(|c| c.is_uppercase())
}

/// The token's text.
pub(crate) fn form(text: &str, w: W) -> &str {
    text.get(w.s..w.e).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_words_are_the_lowercased_tokens() {
        assert_eq!(
            lower_words("He didn't say, \"No\" to the U.S. in 2015."),
            [
                "he", "didn't", "say", ",", "\"", "no", "\"", "to", "the", "u.s.", "in", "2015",
                "."
            ]
        );
    }

    fn forms(t: &str) -> Vec<&str> {
        split(t, 0, t.len())
            .into_iter()
            .map(|w| form(t, w))
            .collect()
    }

    #[test]
    fn abbreviations_possessives_and_hyphens_stay_whole() {
        assert_eq!(
            forms("Mr. al-Assad's U.S. visit, he said."),
            ["Mr.", "al-Assad's", "U.S.", "visit", ",", "he", "said", "."]
        );
        assert_eq!(
            forms("“Yes,” said J. Smith"),
            ["“", "Yes", ",", "”", "said", "J.", "Smith"]
        );
        assert_eq!(
            forms("Rep. Jo Hale (D-Wis.) said. (They left.)"),
            [
                "Rep.", "Jo", "Hale", "(", "D-Wis.", ")", "said", ".", "(", "They", "left", ".",
                ")"
            ]
        );
        assert_eq!(
            forms("Jo Hale, D-Calif., said. It ended, Calif."),
            ["Jo", "Hale", ",", "D-Calif.", ",", "said", ".", "It", "ended", ",", "Calif", "."]
        );
    }
}
