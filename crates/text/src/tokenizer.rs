//! Tokenization of news text into the syntactic words of UD English (EWT).
//!
//! The tokenizer works sentence by sentence, so a token never crosses a sentence boundary, and
//! gives byte spans into the sentence text. It follows the treebank the tagger and parser were
//! trained on:
//!
//! - clitics are separate words: `don't` → `do` `n't`, `can't` → `ca` `n't`, `it's` → `it` `'s`,
//!   `they're`, `we'll`, `I've`, `I'd`, `I'm`, and the typed-without-apostrophe `dont` → `do`
//!   `nt`; `cannot` → `can` `not`, `gonna` → `gon` `na`; a possessive `'` after a plural is split;
//! - hyphens are split (`Amir-Abdollahian` → `Amir` `-` `Abdollahian`, `al-Assad` → `al` `-`
//!   `Assad`, `2014-15` → `2014` `-` `15`) except after the prefixes EWT keeps attached (`e-mail`,
//!   `anti-war`, `pre-war`, `non-profit`, `co-workers`, `mid-July`) and in phone numbers;
//! - abbreviations keep their full stop (`U.S.`, `Mr.`, `Gen.`, `Jan.`, initials `J.`), except at
//!   the very end of a sentence, where the stop is the sentence's own (`etc` `.`);
//! - numbers stay whole (`1,000`, `3.5`, `10:30`, `24/7`); currency and percent signs are split
//!   (`$` `5`, `5` `%`);
//! - URLs, e-mail addresses, `@handles` and `#hashtags` are single tokens;
//! - punctuation is split, runs of the same mark stay one token (`...`, `--`, `!!!`, `?!`).
//!
//! Token forms are always the span text (EWT multiword tokens concatenate to their surface
//! form), so [`Token::form`] stays `None`.

use newsgraph_core::{Document, Span, Stage, Token};

/// The tokenizer stage (name `"tokenizer"`): fills `Document::tokens` and each
/// `Sentence::tokens` range. Documents without sentences get no tokens.
#[derive(Clone, Debug, Default)]
pub struct Tokenizer;

impl Stage for Tokenizer {
    fn name(&self) -> &'static str {
        "tokenizer"
    }

    fn annotate(&self, doc: &mut Document) {
        let mut tokens = Vec::new();
        let mut spans = Vec::new();
        for si in 0..doc.sentences.len() {
            let span = doc.sentences[si].span;
            let first = tokens.len();
            // A sentence span off the text or off a char boundary gets no tokens.
            if let Some(text) = doc.text.get(span.start..span.end) {
                spans.clear();
                tokenize_into(text, &mut spans);
                tokens.extend(spans.iter().map(|s| Token {
                    span: Span::new(span.start + s.start, span.start + s.end),
                    ..Token::default()
                }));
            }
            doc.sentences[si].tokens = first..tokens.len();
        }
        doc.tokens = tokens;
    }
}

/// Tokenizes one sentence: byte spans into `text`, in order, non-overlapping, with only
/// whitespace between them.
pub fn tokenize(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    tokenize_into(text, &mut out);
    out
}

/// [`tokenize`] appending to `out`.
pub fn tokenize_into(text: &str, out: &mut Vec<Span>) {
    let mut chunks: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                chunks.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        chunks.push((s, text.len()));
    }
    for (k, &(s, e)) in chunks.iter().enumerate() {
        let next = chunks
            .get(k + 1)
            .and_then(|&(ns, _)| text[ns..].chars().next());
        chunk(text, s, e, k + 1 == chunks.len(), next, out);
    }
}

/// Prefixes EWT keeps attached to the word after their hyphen (`e-mail`, `anti-war`).
const JOINED_PREFIXES: &[&str] = &[
    "e", "non", "anti", "pre", "re", "mid", "co", "post", "over", "pro", "multi", "ex", "semi",
    "counter", "sub", "vice", "psycho", "neo", "cross", "un", "socio", "mis", "micro", "intra",
    "arch", "inter", "ultra", "extra", "trans",
];

/// Abbreviations written with a full stop that belongs to the token.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cmdr",
    "adm", "gov", "sen", "rep", "reps", "rev", "hon", "pres", "st", "sr", "jr", "messrs", "mt",
    "ft", "vs", "cf", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "approx",
    "dept", "est", "fig", "inc", "corp", "ltd", "co", "bros", "ave", "blvd", "rd", "etc", "al",
    "op", "attn", "ca", "calif", "fla", "ill", "mass", "mich", "minn", "penn", "tenn", "tex",
    "wash", "wis", "ariz", "colo", "conn", "del", "ga", "ind", "kan", "ky", "la", "md", "mo",
    "mont", "neb", "nev", "okla", "ore", "pa", "va", "vt", "yrs", "hrs", "mins", "sec", "min",
    "govt", "univ", "assn", "intl", "natl",
];

/// Abbreviations that take their full stop only before a number (`No. 5`).
const NUMBER_ABBREVIATIONS: &[&str] = &["no", "nos", "vol", "art", "p", "pp"];

/// Negations typed without an apostrophe, split before their `nt` as EWT does (`dont`).
const BARE_NEGATIONS: &[&str] = &[
    "dont", "didnt", "doesnt", "isnt", "wasnt", "arent", "werent", "couldnt", "wouldnt",
    "shouldnt", "hasnt", "havent", "hadnt", "cant", "wont", "aint", "mustnt",
];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Characters that belong inside words: letters and digits of any script, and the combining
/// marks and other non-ASCII characters that are not punctuation or symbols.
fn is_word_char(c: char) -> bool {
    if c.is_alphanumeric() {
        return true;
    }
    if c.is_ascii() || c.is_whitespace() || c.is_control() {
        return false;
    }
    let u = c as u32;
    let symbolic = matches!(u,
        0x2000..=0x206F      // general punctuation (dashes, quotes, ellipsis)
        | 0x00A1..=0x00BF    // Latin-1 punctuation and symbols
        | 0x00D7 | 0x00F7    // × ÷
        | 0x20A0..=0x20CF    // currency
        | 0x2100..=0x2BFF    // letterlike, arrows, maths, technical, shapes, dingbats
        | 0x3000..=0x303F    // CJK punctuation
        | 0xFE10..=0xFE6F    // vertical and small forms
        | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65
        | 0x1F000..=0x1FAFF  // emoji and pictographs
        | 0xFE00..=0xFE0F    // variation selectors
        | 0x060C | 0x061B | 0x061F | 0x066A..=0x066D | 0x06D4 // Arabic punctuation
        | 0x0964 | 0x0965    // Devanagari danda
    );
    !symbolic
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|t| t.chars().next())
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|t| t.chars().next_back())
}

/// Opening marks split off the front of a chunk.
fn is_opening(c: char) -> bool {
    !is_word_char(c) && !matches!(c, '#' | '@')
}

/// One whitespace-free chunk `[s, e)`: peel opening and closing punctuation, then split the
/// middle into words and marks.
fn chunk(text: &str, s: usize, e: usize, last: bool, next: Option<char>, out: &mut Vec<Span>) {
    let mut s = s;
    let mut e = e;
    // Opening marks.
    while s < e {
        let Some(c) = char_at(text, s) else { break };
        if !is_opening(c) {
            break;
        }
        let after = char_at(text, s + c.len_utf8());
        if is_apostrophe(c) || c == '‘' {
            // '90s, and a clitic standing alone ("Jones 's").
            if after.is_some_and(|a| a.is_ascii_digit()) || is_clitic(&text[s..e]) {
                break;
            }
        }
        let end = mark_run(text, s, e);
        out.push(Span::new(s, end));
        s = end;
    }
    // Closing marks, collected from the end.
    let tail_start = out.len();
    let mut tail: Vec<Span> = Vec::new();
    while s < e {
        let Some(c) = char_before(text, e) else { break };
        if is_word_char(c) || c == '#' || c == '@' {
            break;
        }
        if c == '/' && text[s..e].contains("://") {
            break; // a URL's trailing slash
        }
        let at_end = last
            && tail.iter().all(|t| {
                text[t.start..t.end]
                    .chars()
                    .all(|ch| !is_word_char(ch) && !matches!(ch, ',' | ';' | ':'))
            });
        if c == '.' {
            let run_start = run_back(text, s, e, |ch| matches!(ch, '.' | '!' | '?'));
            if run_start + 1 == e && !at_end && is_abbreviation(&text[s..e - 1], next) {
                break;
            }
            // `Inc..`: the abbreviation's stop, then the sentence's.
            if run_start + 2 == e && is_abbreviation(&text[s..run_start], next) {
                tail.push(Span::new(e - 1, e));
                e -= 1;
                break;
            }
            tail.push(Span::new(run_start, e));
            e = run_start;
            continue;
        }
        if matches!(c, '!' | '?') {
            let run_start = run_back(text, s, e, |ch| matches!(ch, '.' | '!' | '?'));
            tail.push(Span::new(run_start, e));
            e = run_start;
            continue;
        }
        let run_start = run_back(text, s, e, |ch| ch == c);
        tail.push(Span::new(run_start, e));
        e = run_start;
    }
    if s < e {
        core(text, s, e, out);
    }
    tail.reverse();
    out.extend(tail);
    debug_assert!(out[tail_start..].windows(2).all(|w| w[0].end <= w[1].start));
}

/// Start of the run of characters matching `f` that ends at `e` (not before `s`).
fn run_back(text: &str, s: usize, e: usize, f: impl Fn(char) -> bool) -> usize {
    let mut i = e;
    while i > s {
        match char_before(text, i) {
            Some(c) if f(c) => i -= c.len_utf8(),
            _ => break,
        }
    }
    i
}

/// End of the mark token starting at `s`: a run of `.!?`, a run of one repeated mark (`--`,
/// `**`, `''`), or a single mark.
fn mark_run(text: &str, s: usize, e: usize) -> usize {
    let Some(c) = char_at(text, s) else { return e };
    let same = |ch: char| {
        if matches!(c, '.' | '!' | '?') {
            matches!(ch, '.' | '!' | '?')
        } else {
            ch == c
        }
    };
    let repeatable = matches!(
        c,
        '.' | '!'
            | '?'
            | '-'
            | '*'
            | '='
            | '_'
            | '~'
            | '<'
            | '>'
            | '\''
            | '`'
            | '^'
            | '—'
            | '–'
            | '#'
            | '+'
            | '|'
    );
    let mut i = s + c.len_utf8();
    if repeatable {
        while i < e {
            match char_at(text, i) {
                Some(ch) if same(ch) => i += ch.len_utf8(),
                _ => break,
            }
        }
    }
    i.min(e)
}

/// Whether `word` (without its final stop) is an abbreviation whose stop belongs to it.
fn is_abbreviation(word: &str, next: Option<char>) -> bool {
    let bare = word.trim_start_matches(|c: char| !is_word_char(c));
    if bare.is_empty() {
        return false;
    }
    // Dotted acronyms and abbreviations: U.S, U.N, a.m, e.g, Ph.D.
    if bare.contains('.') {
        return bare
            .split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 4 && p.chars().all(is_word_char));
    }
    let mut chars = bare.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic(); // an initial
    }
    let lower = bare.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    NUMBER_ABBREVIATIONS.contains(&lower.as_str()) && next.is_some_and(|c| c.is_ascii_digit())
}

/// Whether `s` is a clitic on its own (`'s`, `'re`, `’ll`).
fn is_clitic(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if is_apostrophe(c) => {}
        _ => return false,
    }
    let rest: String = chars.flat_map(|c| c.to_lowercase()).collect();
    matches!(rest.as_str(), "s" | "re" | "ll" | "ve" | "d" | "m")
}

/// Whether the chunk core is a URL, e-mail address, handle or hashtag (kept whole).
fn is_unit(w: &str) -> bool {
    let lower = w.to_ascii_lowercase();
    if lower.contains("://") || lower.starts_with("www.") {
        return true;
    }
    if let Some(rest) = w.strip_prefix(['@', '#']) {
        return rest.chars().next().is_some_and(is_word_char)
            && rest
                .chars()
                .all(|c| is_word_char(c) || matches!(c, '_' | '.' | '-'));
    }
    if let Some((user, host)) = w.split_once('@') {
        return !user.is_empty()
            && host.contains('.')
            && user
                .chars()
                .all(|c| is_word_char(c) || matches!(c, '.' | '_' | '-' | '+'))
            && host
                .chars()
                .all(|c| is_word_char(c) || matches!(c, '.' | '-'));
    }
    false
}

/// The middle of a chunk, after its opening and closing marks are gone.
fn core(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    if is_unit(&text[s..e]) {
        out.push(Span::new(s, e));
        return;
    }
    let mut i = s;
    while i < e {
        let Some(c) = char_at(text, i) else { break };
        if is_word_char(c) {
            let end = scan_word(text, i, e);
            word(text, i, end, out);
            i = end;
            continue;
        }
        let after = char_at(text, i + c.len_utf8());
        if is_apostrophe(c) {
            if is_clitic(&text[i..e]) {
                out.push(Span::new(i, e));
                return;
            }
            if after.is_some_and(|a| a.is_ascii_digit()) {
                // '90s, '05
                let end = scan_word(text, i + c.len_utf8(), e);
                out.push(Span::new(i, end));
                i = end;
                continue;
            }
        }
        let end = mark_run(text, i, e);
        out.push(Span::new(i, end));
        i = end;
    }
}

/// End of the word starting at `s`: word characters joined by inner stops (`U.S`, `3.5`),
/// thousands commas (`1,000`), time colons (`10:30`), apostrophes (`O'Brien`), hyphens
/// (decided later), `&` in capitals (`AT&T`) and slashes between digits (`24/7`).
fn scan_word(text: &str, s: usize, e: usize) -> usize {
    let mut i = s;
    loop {
        while i < e {
            match char_at(text, i) {
                Some(c) if is_word_char(c) => i += c.len_utf8(),
                _ => break,
            }
        }
        if i >= e {
            return e;
        }
        let Some(c) = char_at(text, i) else { return i };
        let prev = char_before(text, i).unwrap_or(' ');
        let n = i + c.len_utf8();
        let after = char_at(text, n).filter(|_| n < e);
        let joins = match c {
            '.' => after.is_some_and(is_word_char),
            ',' => {
                prev.is_ascii_digit()
                    && text
                        .get(n..n + 3)
                        .is_some_and(|d| n + 3 <= e && d.bytes().all(|b| b.is_ascii_digit()))
                    && char_at(text, n + 3)
                        .filter(|_| n + 3 < e)
                        .map_or(true, |x| !x.is_ascii_digit())
            }
            ':' | '/' => prev.is_ascii_digit() && after.is_some_and(|a| a.is_ascii_digit()),
            '&' => prev.is_uppercase() && after.is_some_and(|a| a.is_uppercase()),
            c if is_apostrophe(c) => prev.is_alphabetic() && after.is_some_and(char::is_alphabetic),
            c if is_hyphen(c) => after.is_some_and(is_word_char),
            '_' => after.is_some_and(is_word_char),
            _ => false,
        };
        if joins {
            i = n;
            continue;
        }
        // A stop left at the end of the chunk core belongs to an abbreviation (`Mr.`): the
        // chunk already split off every other final stop.
        if c == '.' && n == e {
            return e;
        }
        // A dotted acronym keeps its final stop before a hyphen or a mark (`U.S.-led`).
        if c == '.' && text[s..i].contains('.') && is_abbreviation(&text[s..i], None) {
            let rest_is_marks = after.map_or(true, |a| !is_word_char(a));
            if rest_is_marks {
                return n;
            }
        }
        return i;
    }
}

/// Emits the word `[s, e)`, split at hyphens and before clitics as EWT does.
fn word(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    let w = &text[s..e];
    if !w.contains(is_hyphen) || is_phone_number(w) {
        clitics(text, s, e, out);
        return;
    }
    let mut piece = s;
    let mut i = s;
    while i < e {
        let Some(c) = char_at(text, i) else { break };
        if is_hyphen(c) && i > piece {
            let left = &text[piece..i];
            let right = char_at(text, i + c.len_utf8());
            let single_letter = left.chars().count() == 1
                && left.chars().all(char::is_alphabetic)
                && right.is_some_and(char::is_alphabetic);
            let prefix = JOINED_PREFIXES.contains(&left.to_lowercase().as_str())
                && right.is_some_and(char::is_alphanumeric);
            if !(single_letter || prefix) {
                clitics(text, piece, i, out);
                out.push(Span::new(i, i + c.len_utf8()));
                piece = i + c.len_utf8();
            }
        }
        i += c.len_utf8();
    }
    if piece < e {
        clitics(text, piece, e, out);
    }
}

/// US-style phone numbers stay one token (`713-654-0365`, `345-8702`).
fn is_phone_number(w: &str) -> bool {
    let parts: Vec<usize> = w
        .split(is_hyphen)
        .map(|p| {
            if p.bytes().all(|b| b.is_ascii_digit()) {
                p.len()
            } else {
                0
            }
        })
        .collect();
    matches!(parts.as_slice(), [3, 4] | [3, 3, 4] | [1, 3, 3, 4])
}

/// Emits `[s, e)`, splitting off a final clitic.
fn clitics(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    let w = &text[s..e];
    let split = clitic_split(w);
    match split {
        Some(k) if k > 0 && k < w.len() => {
            out.push(Span::new(s, s + k));
            out.push(Span::new(s + k, e));
        }
        _ => out.push(Span::new(s, e)),
    }
}

/// Byte offset in `w` where a final clitic starts, if any.
fn clitic_split(w: &str) -> Option<usize> {
    let lower: String = w
        .chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    if lower.ends_with("n't") && lower.chars().count() > 3 {
        return byte_from_end(w, 3);
    }
    for suffix in ["'s", "'m", "'d", "'re", "'ve", "'ll"] {
        if lower.ends_with(suffix) && lower.chars().count() > suffix.len() {
            return byte_from_end(w, suffix.len());
        }
    }
    if matches!(
        lower.as_str(),
        "cannot" | "gonna" | "wanna" | "gotta" | "outta"
    ) && w.is_ascii()
    {
        return Some(3);
    }
    if BARE_NEGATIONS.contains(&lower.as_str()) && w.is_ascii() {
        return Some(w.len() - 2);
    }
    if w == "im" {
        return Some(1);
    }
    None
}

/// Byte offset of the `n`-th character from the end of `w`.
fn byte_from_end(w: &str, n: usize) -> Option<usize> {
    w.char_indices().rev().nth(n - 1).map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn news_cases() {
        let cases: &[(&str, &[&str])] = &[
            (
                "He said he didn't know.",
                &["He", "said", "he", "did", "n't", "know", "."],
            ),
            ("We can't go.", &["We", "ca", "n't", "go", "."]),
            ("They won’t.", &["They", "wo", "n’t", "."]),
            (
                "Russia's role, they're sure, we'll see.",
                &[
                    "Russia", "'s", "role", ",", "they", "'re", "sure", ",", "we", "'ll", "see",
                    ".",
                ],
            ),
            (
                "I'm sure I've said I'd go.",
                &["I", "'m", "sure", "I", "'ve", "said", "I", "'d", "go", "."],
            ),
            ("the States' rights", &["the", "States", "'", "rights"]),
            ("You cannot stop it", &["You", "can", "not", "stop", "it"]),
            ("I dont know", &["I", "do", "nt", "know"]),
            (
                "The U.S. and the U.N. met Mr. Smith.",
                &[
                    "The", "U.S.", "and", "the", "U.N.", "met", "Mr.", "Smith", ".",
                ],
            ),
            (
                "Gen. J. R. Allen arrived Jan. 5.",
                &["Gen.", "J.", "R.", "Allen", "arrived", "Jan.", "5", "."],
            ),
            (
                "Talks ended in the U.S.",
                &["Talks", "ended", "in", "the", "U.S", "."],
            ),
            ("He paid etc.", &["He", "paid", "etc", "."]),
            ("Acme, Inc.. Next", &["Acme", ",", "Inc.", ".", "Next"]),
            (
                "It cost $1,000 or 3.5% in 2014-15.",
                &[
                    "It", "cost", "$", "1,000", "or", "3.5", "%", "in", "2014", "-", "15", ".",
                ],
            ),
            (
                "Hossein Amir-Abdollahian met Bashar al-Assad.",
                &[
                    "Hossein",
                    "Amir",
                    "-",
                    "Abdollahian",
                    "met",
                    "Bashar",
                    "al",
                    "-",
                    "Assad",
                    ".",
                ],
            ),
            (
                "Rostov-on-Don and Al-Zaman",
                &["Rostov", "-", "on", "-", "Don", "and", "Al", "-", "Zaman"],
            ),
            (
                "an anti-war e-mail from a non-profit co-worker",
                &[
                    "an",
                    "anti-war",
                    "e-mail",
                    "from",
                    "a",
                    "non-profit",
                    "co-worker",
                ],
            ),
            (
                "“We will fight,” he said — and left…",
                &[
                    "“", "We", "will", "fight", ",", "”", "he", "said", "—", "and", "left", "…",
                ],
            ),
            (
                "\"No,\" she said (quietly).",
                &[
                    "\"", "No", ",", "\"", "she", "said", "(", "quietly", ")", ".",
                ],
            ),
            (
                "See https://example.com/a-b?x=1, mail a.b@example.org or @UN_News #Syria!",
                &[
                    "See",
                    "https://example.com/a-b?x=1",
                    ",",
                    "mail",
                    "a.b@example.org",
                    "or",
                    "@UN_News",
                    "#Syria",
                    "!",
                ],
            ),
            (
                "Wait... what?! No -- never.",
                &["Wait", "...", "what", "?!", "No", "--", "never", "."],
            ),
            (
                "at 10:30 a.m. on No. 10",
                &["at", "10:30", "a.m.", "on", "No.", "10"],
            ),
            (
                "the U.S.-led coalition",
                &["the", "U.S.", "-", "led", "coalition"],
            ),
            ("AT&T and O'Brien's", &["AT&T", "and", "O'Brien", "'s"]),
            ("the '90s", &["the", "'90s"]),
            ("call 713-654-0365", &["call", "713-654-0365"]),
        ];
        for (text, want) in cases {
            assert_eq!(toks(text), *want, "tokenizing {text:?}");
        }
    }

    #[test]
    fn stage_fills_sentence_ranges() {
        let mut doc = Document::from_text("d", "He didn't go. They did.\n\nNext para");
        crate::SentenceSplitter.annotate(&mut doc);
        Tokenizer.annotate(&mut doc);
        let per: Vec<Vec<&str>> = (0..doc.sentences.len())
            .map(|i| {
                doc.sentence_tokens(i)
                    .iter()
                    .map(|t| t.form(&doc.text))
                    .collect()
            })
            .collect();
        assert_eq!(
            per,
            [
                vec!["He", "did", "n't", "go", "."],
                vec!["They", "did", "."],
                vec!["Next", "para"]
            ]
        );
    }

    #[test]
    fn empty_layers_give_no_tokens() {
        let mut doc = Document::from_text("d", "Some text.");
        Tokenizer.annotate(&mut doc);
        assert!(doc.tokens.is_empty());
    }

    proptest! {
        #[test]
        fn tokens_tile_their_sentence(text in "\\PC{0,120}|[A-Za-z0-9 .,!?'’\"“”()$%@#:/&-]{0,120}") {
            let mut doc = Document::from_text("p", text.clone());
            crate::SentenceSplitter.annotate(&mut doc);
            Tokenizer.annotate(&mut doc);
            let mut next_token = 0;
            for s in &doc.sentences {
                prop_assert_eq!(s.tokens.start, next_token);
                let mut prev = s.span.start;
                for t in &doc.tokens[s.tokens.clone()] {
                    prop_assert!(t.span.start >= prev && t.span.start < t.span.end, "{:?} after {}", t.span, prev);
                    prop_assert!(t.span.end <= s.span.end);
                    prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
                    prop_assert!(text[prev..t.span.start].trim().is_empty(), "text between tokens before {:?}", t.span);
                    prop_assert!(!t.span.slice(&text).contains(char::is_whitespace));
                    prev = t.span.end;
                }
                prop_assert!(text[prev..s.span.end].trim().is_empty(), "untokenized text at the end of {:?}", s.span);
                next_token = s.tokens.end;
            }
            prop_assert_eq!(next_token, doc.tokens.len());
        }
    }
}
