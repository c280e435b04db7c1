//! Word scanning and name normalisation.
//!
//! The text is cut into words on its own word boundaries (letters and digits, with internal
//! apostrophes and the dots of abbreviations such as `U.S.`), independently of the tokenizer, so
//! recognition works the same whether or not `Document::tokens` is filled. Each word gets two
//! keys:
//!
//! - [`normalize`]: lowercase, diacritics folded, apostrophes and dots removed
//!   (`Al-Mayadeen` → `al` `mayadeen`, `U.S.` → `us`, `Qa'ida` → `qaida`);
//! - [`skeleton`]: a transliteration-tolerant key on top of that, used to match spelling variants
//!   of names (`Moallem`, `Muallem`, `Moualem`, `Mualem` → `mualim`; `Sergei`/`Sergey` → `sirgi`).

use unicode_normalization::UnicodeNormalization;

/// One word of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the first char.
    pub start: usize,
    /// Byte offset one past the last char.
    pub end: usize,
    /// The normalised key (see [`normalize`]).
    pub norm: String,
    /// The first char is an uppercase letter.
    pub cap: bool,
    /// Every letter is uppercase and there are at least two letters (or dots: `U.S.`).
    pub upper: bool,
    /// The word is the possessive marker `'s` split off a name (`Russia's`).
    pub possessive: bool,
    /// The word is a hyphen-joined part of a compound with the previous word (`al-Assad`).
    pub joined: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Cuts `text` into words (see the module docs).
pub fn scan(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    let mut prev_end: Option<usize> = None;
    let mut prev_was_hyphen_joined = false;
    while let Some((i, c)) = chars.next() {
        if !is_word_char(c) {
            prev_was_hyphen_joined = is_hyphen(c) && prev_end == Some(i);
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        let mut dotted = false;
        loop {
            let Some(&(j, d)) = chars.peek() else { break };
            if is_word_char(d) {
                end = j + d.len_utf8();
                chars.next();
                continue;
            }
            // An internal apostrophe or dot followed by a letter stays in the word, except
            // the possessive `'s` at the end of a word.
            if is_apostrophe(d) || d == '.' {
                let after = j + d.len_utf8();
                let next = text[after..].chars().next();
                if let Some(n) = next.filter(|n| n.is_alphabetic()) {
                    if is_apostrophe(d) {
                        let rest = &text[after..];
                        let tail_is_s = (n == 's' || n == 'S')
                            && !rest[1..].starts_with(|x: char| x.is_alphanumeric());
                        if tail_is_s {
                            break;
                        }
                    } else {
                        dotted = true;
                    }
                    chars.next();
                    end = after;
                    continue;
                }
                // A final dot of an abbreviation made of single letters (`U.S.`, `U.N.`).
                if d == '.' && dotted && single_letter_segments(&text[start..end]) {
                    chars.next();
                    end = after;
                }
            }
            break;
        }
        let joined = prev_was_hyphen_joined;
        prev_was_hyphen_joined = false;
        push_word(&mut out, text, start, end, joined);
        prev_end = Some(end);
        // The possessive marker as its own word.
        if let Some(&(j, d)) = chars.peek() {
            if is_apostrophe(d) {
                let after = j + d.len_utf8();
                if bytes.get(after).is_some_and(|b| *b == b's' || *b == b'S')
                    && !text[after + 1..].starts_with(|x: char| x.is_alphanumeric())
                {
                    out.push(Word {
                        start: j,
                        end: after + 1,
                        norm: "'s".to_string(),
                        cap: false,
                        upper: false,
                        possessive: true,
                        joined: false,
                    });
                    chars.next();
                    chars.next();
                    prev_end = Some(after + 1);
                }
            } else if end == text.len() || !is_apostrophe(d) {
                // Plural possessive (`rebels'`) is left alone: the apostrophe is skipped.
            }
        }
    }
    out
}

fn single_letter_segments(s: &str) -> bool {
    s.split('.')
        .filter(|p| !p.is_empty())
        .all(|p| p.chars().count() == 1)
}

fn push_word(out: &mut Vec<Word>, text: &str, start: usize, end: usize, joined: bool) {
    let s = &text[start..end];
    let first = s.chars().next().unwrap_or(' ');
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let upper = letters >= 2
        && s.chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
        || (letters == 1 && s.contains('.') && first.is_uppercase());
    out.push(Word {
        start,
        end,
        norm: normalize(s),
        cap: first.is_uppercase(),
        upper,
        possessive: false,
        joined,
    });
}

/// Lowercase, diacritics folded, apostrophes and dots removed.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// Appends the folded form of `c` (nothing for apostrophes, dots and other punctuation).
pub fn push_folded(c: char, out: &mut String) {
    {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
            return;
        }
        if is_apostrophe(c) {
            return;
        }
        match c {
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' => out.push('d'),
            'ł' | 'Ł' => out.push('l'),
            'ı' => out.push('i'),
            'ʿ' | 'ʾ' => {}
            _ => {
                for d in c.nfd() {
                    if d.is_ascii_alphanumeric() {
                        out.push(d.to_ascii_lowercase());
                    } else if d.is_alphanumeric() && !is_combining(d) {
                        for l in d.to_lowercase() {
                            out.push(l);
                        }
                    }
                }
            }
        }
    }
}

/// A word-separating character for keys (not a letter, digit, apostrophe or dot).
pub fn is_separator(c: char) -> bool {
    !(c.is_alphanumeric() || is_apostrophe(c) || c == '.' || c == 'ʿ' || c == 'ʾ')
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036f}').contains(&c)
}

/// Words of an alias or phrase, normalised, as the matcher sees them (`al-Assad` → `al assad`).
pub fn phrase_key(s: &str) -> String {
    let words = scan(s);
    let mut out = String::with_capacity(s.len());
    for w in &words {
        if w.norm.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.norm);
    }
    out
}

/// Arabic and other name particles that are dropped from the transliteration skeleton.
pub const PARTICLES: &[&str] = &["al", "el", "ul", "ad", "ar", "as", "at", "an", "ash", "az"];

/// A transliteration-tolerant key for one normalised word.
///
/// `ou`/`oo`/`o`/`u` become `u`; `ey`/`ei`/`ee`/`y`/`e`/`i` become `i`; `kh`→`h`, `dh`→`d`,
/// `q`→`k`, `ph`→`f`, `w`→`v`, `j`/`dj`→`j`; doubled letters collapse; a final `h` after a vowel
/// drops. Different vowels still differ from each other (`a` is kept), so `Oman` and `Amman`,
/// or `Iran` and `Oran`, keep different keys.
pub fn skeleton(norm: &str) -> String {
    let b: Vec<u8> = norm.bytes().collect();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let mapped: u8 = match c {
            b'o' | b'u' => {
                if matches!(next, Some(b'u') | Some(b'o')) {
                    i += 1;
                }
                b'u'
            }
            b'e' | b'i' | b'y' => {
                if matches!(next, Some(b'y') | Some(b'i') | Some(b'e')) {
                    i += 1;
                }
                b'i'
            }
            b'k' if next == Some(b'h') => {
                i += 1;
                b'h'
            }
            b'd' if next == Some(b'h') => {
                i += 1;
                b'd'
            }
            b'd' if next == Some(b'j') => {
                i += 1;
                b'j'
            }
            b'p' if next == Some(b'h') => {
                i += 1;
                b'f'
            }
            b'q' => b'k',
            b'c' if next == Some(b'k') => {
                i += 1;
                b'k'
            }
            b'w' => b'v',
            _ => c,
        };
        if out.last() != Some(&mapped) {
            out.push(mapped);
        }
        i += 1;
    }
    // `Mualem` and `Muallem` → `mualim`; a final `h` after a vowel (`Abdullah`/`Abdulla`).
    if out.len() > 3 && out.last() == Some(&b'h') {
        let before = out[out.len() - 2];
        if matches!(before, b'a' | b'i' | b'u') {
            out.pop();
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The skeleton key of a whole name: particles dropped, words skeletonised and joined.
pub fn name_skeleton(key: &str) -> String {
    let mut out = String::new();
    for w in key.split(' ') {
        if w.is_empty() || PARTICLES.contains(&w) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&skeleton(w));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<String> {
        scan(s).into_iter().map(|w| w.norm).collect()
    }

    #[test]
    fn possessive_and_abbreviations_split() {
        assert_eq!(
            norms("Russia's U.S.-led U.S"),
            ["russia", "'s", "us", "led", "us"]
        );
        assert_eq!(norms("Moscow’s ally."), ["moscow", "'s", "ally"]);
        assert_eq!(norms("al-Qa'ida Da'ish"), ["al", "qaida", "daish"]);
    }

    #[test]
    fn diacritics_fold() {
        assert_eq!(normalize("Erdoğan"), "erdogan");
        assert_eq!(normalize("Kobanî"), "kobani");
        assert_eq!(normalize("Côte"), "cote");
    }

    #[test]
    fn transliteration_variants_share_a_skeleton() {
        let k = |s: &str| name_skeleton(&phrase_key(s));
        assert_eq!(k("Walid al-Moallem"), k("Walid Muallem"));
        assert_eq!(k("Walid al-Moualem"), k("Walid Mualem"));
        assert_eq!(k("Sergei Lavrov"), k("Sergey Lavrov"));
        assert_eq!(k("Abdollahian"), k("Abdullahian"));
        assert_ne!(k("Oman"), k("Amman"));
        assert_ne!(k("Iran"), k("Oran"));
    }

    #[test]
    fn hyphen_joined_words_are_marked() {
        let w = scan("al-Assad Amir-Abdollahian");
        assert!(!w[0].joined && w[1].joined && w[3].joined);
    }
}
