//! A small scanner that cuts text into words, numbers and punctuation for the matcher.
//!
//! Letters and digits never share a token, so `26th` is `26` + `th` and `1990s` is `1990` +
//! `s`; [`Tok::glued`] tells whether a token touches the one before it, which the grammar uses
//! for forms such as `10:30`, `mid-November` and `third-quarter`.

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (any script).
    Word,
    /// ASCII digits.
    Num,
    /// One other non-space character.
    Punct,
}

/// One token of the scanned text.
#[derive(Clone, Debug)]
pub(crate) struct Tok {
    /// First byte in the scanned text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Word, number or punctuation.
    pub kind: Kind,
    /// Lower-cased text for words; the text itself otherwise (apostrophes folded to `'`).
    pub low: String,
    /// Whether there is no space between this token and the previous one.
    pub glued: bool,
    /// Whether the token starts with an upper-case letter.
    pub upper: bool,
}

/// Scans `text`, adding `offset` to every span.
pub(crate) fn scan(text: &str, offset: usize, out: &mut Vec<Tok>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut last_end = usize::MAX;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let (kind, end) = if b.is_ascii_digit() {
            let mut j = i;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            (Kind::Num, j)
        } else if b.is_ascii_alphabetic() {
            let mut j = i;
            while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
                j += 1;
            }
            // Continue into non-ASCII letters if any follow.
            let end = extend_letters(text, j);
            (Kind::Word, end)
        } else if b < 0x80 {
            (Kind::Punct, i + 1)
        } else {
            // A non-ASCII character: a letter run, a space or one punctuation character.
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_alphabetic() {
                (Kind::Word, extend_letters(text, i))
            } else if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            } else {
                (Kind::Punct, i + c.len_utf8())
            }
        };
        let raw = &text[start..end];
        let low = match kind {
            Kind::Word => {
                if raw.is_ascii() {
                    raw.to_ascii_lowercase()
                } else {
                    raw.to_lowercase()
                }
            }
            Kind::Punct => match raw {
                "\u{2019}" | "\u{2018}" | "`" => "'".to_string(),
                "\u{2013}" | "\u{2014}" => "-".to_string(),
                _ => raw.to_string(),
            },
            Kind::Num => raw.to_string(),
        };
        let upper = raw.chars().next().is_some_and(|c| c.is_uppercase());
        out.push(Tok {
            start: start + offset,
            end: end + offset,
            kind,
            low,
            glued: last_end == start,
            upper,
        });
        last_end = end;
        i = end;
    }
}

fn extend_letters(text: &str, from: usize) -> usize {
    let mut end = from;
    for (k, c) in text[from..].char_indices() {
        if c.is_alphabetic() {
            end = from + k + c.len_utf8();
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_letters_digits_and_marks_glue() {
        let mut v = Vec::new();
        scan("Nov. 26th, mid-2014 ’90s", 10, &mut v);
        let lows: Vec<&str> = v.iter().map(|t| t.low.as_str()).collect();
        assert_eq!(
            lows,
            ["nov", ".", "26", "th", ",", "mid", "-", "2014", "'", "90", "s"]
        );
        assert!(v[1].glued && !v[2].glued && v[3].glued);
        assert_eq!(v[0].start, 10);
        assert!(v[0].upper);
    }
}
