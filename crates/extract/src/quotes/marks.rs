//! Quotation-mark scanning: pairs the marks of one paragraph into top-level quoted spans.
//!
//! Straight (`"`, `'`), curly (`“ ” ‘ ’`), low (`„`) and angle (`« »`) marks are paired with a
//! small stack, so nested quotes stay inside their outer quote. Straight marks and apostrophes
//! are told apart by what surrounds them. A double mark still open at the paragraph end gives
//! an open-ended span (the convention for a quote continued in the next paragraph); nothing
//! ever runs past the paragraph, so an unbalanced mark cannot swallow the rest of an article.

use newsgraph_core::Span;

/// A top-level quoted span in a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Marked {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset just after the opening mark.
    pub inner_start: usize,
    /// Byte offset of the closing mark, or the paragraph end when the quote stays open.
    pub inner_end: usize,
    /// Byte offset just after the closing mark (the paragraph end when open).
    pub close_end: usize,
    /// Whether a closing mark was found.
    pub closed: bool,
    /// Single marks (`‘…’`, `'…'`) rather than double.
    pub single: bool,
}

impl Marked {
    /// The span from the opening mark through the closing mark.
    pub fn outer(&self) -> Span {
        Span::new(self.open, self.close_end)
    }
    /// The quoted words, without the marks.
    pub fn inner(&self) -> Span {
        Span::new(self.inner_start, self.inner_end)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Straight,
    Curly,
    Angle,
    StraightSingle,
    CurlySingle,
}

impl Family {
    fn single(self) -> bool {
        matches!(self, Family::StraightSingle | Family::CurlySingle)
    }
}

const MAX_DEPTH: usize = 8;

fn opens_context(prev: Option<char>, next: Option<char>) -> bool {
    let prev_ok = match prev {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '['
                        | '{'
                        | '—'
                        | '–'
                        | '-'
                        | '/'
                        | ':'
                        | '“'
                        | '‘'
                        | '"'
                        | '\''
                        | '«'
                        | '„'
                )
        }
    };
    prev_ok && next.is_some_and(|c| !c.is_whitespace())
}

fn closes_context(prev: Option<char>, next: Option<char>) -> bool {
    let prev_ok = prev.is_some_and(|c| !c.is_whitespace());
    let next_ok = !next.is_some_and(char::is_alphanumeric);
    prev_ok && next_ok
}

/// The top-level quoted spans of `para`, in order.
pub(crate) fn scan(text: &str, para: Span) -> Vec<Marked> {
    let mut out = Vec::new();
    let Some(region) = text.get(para.start..para.end) else {
        return out;
    };
    let chars: Vec<(usize, char)> = region.char_indices().collect();
    // (family, byte offset of the mark, byte offset after it)
    let mut stack: Vec<(Family, usize, usize)> = Vec::new();
    let mut skip = false;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if std::mem::take(&mut skip) {
            continue;
        }
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let mut next = chars.get(k + 1).map(|x| x.1);
        let at = para.start + i;
        let mut after = at + c.len_utf8();
        // two apostrophes or backticks are one double mark (''...'' and ``...'' in wire
        // and archive text)
        let doubled = matches!((c, next), ('\'', Some('\'')) | ('`', Some('`')));
        let c = if doubled {
            skip = true;
            next = chars.get(k + 2).map(|x| x.1);
            after += 1;
            '"'
        } else {
            c
        };
        let has = |f: Family, st: &Vec<(Family, usize, usize)>| st.iter().any(|x| x.0 == f);
        let top = |f: Family, st: &Vec<(Family, usize, usize)>| st.last().is_some_and(|x| x.0 == f);
        let action: Option<(bool, Family)> = match c {
            '“' => {
                if has(Family::Curly, &stack)
                    && stack.last().is_some_and(|x| x.0 == Family::Curly)
                    && closes_context(prev, next)
                    && !opens_context(prev, next)
                {
                    // „…“ or a typesetter's reversed mark
                    Some((false, Family::Curly))
                } else {
                    Some((true, Family::Curly))
                }
            }
            '„' => Some((true, Family::Curly)),
            '”' => {
                if has(Family::Curly, &stack) {
                    Some((false, Family::Curly))
                } else if top(Family::Straight, &stack) && closes_context(prev, next) {
                    // a straight opening mark closed by a curly one (mixed marks in one quote)
                    Some((false, Family::Straight))
                } else if opens_context(prev, next) {
                    Some((true, Family::Curly))
                } else {
                    None
                }
            }
            '«' => Some((true, Family::Angle)),
            '»' => has(Family::Angle, &stack).then_some((false, Family::Angle)),
            '"' => {
                if has(Family::Straight, &stack) && closes_context(prev, next) {
                    Some((false, Family::Straight))
                } else if opens_context(prev, next) {
                    Some((true, Family::Straight))
                } else if has(Family::Straight, &stack) {
                    Some((false, Family::Straight))
                } else if top(Family::Curly, &stack) && closes_context(prev, next) {
                    // a curly opening mark closed by a straight one
                    Some((false, Family::Curly))
                } else {
                    None
                }
            }
            '‘' => (opens_context(prev, next)
                && next.is_some_and(|n| n.is_alphanumeric() || n == '…'))
            .then_some((true, Family::CurlySingle)),
            '’' => (has(Family::CurlySingle, &stack) && closes_context(prev, next))
                .then_some((false, Family::CurlySingle)),
            '\'' => {
                if has(Family::StraightSingle, &stack) && closes_context(prev, next) {
                    Some((false, Family::StraightSingle))
                } else if opens_context(prev, next) && next.is_some_and(char::is_alphanumeric) {
                    Some((true, Family::StraightSingle))
                } else {
                    None
                }
            }
            _ => None,
        };
        match action {
            Some((true, f)) => {
                if stack.len() < MAX_DEPTH {
                    stack.push((f, at, after));
                }
            }
            Some((false, f)) => {
                if let Some(pos) = stack.iter().rposition(|x| x.0 == f) {
                    let (fam, open, inner_start) = stack[pos];
                    stack.truncate(pos);
                    if stack.is_empty() {
                        out.push(Marked {
                            open,
                            inner_start,
                            inner_end: at,
                            close_end: after,
                            closed: true,
                            single: fam.single(),
                        });
                    }
                }
            }
            None => {}
        }
    }
    // a double mark left open at the paragraph end: an open-ended top-level quote
    if let Some(&(fam, open, inner_start)) = stack.iter().find(|x| !x.0.single()) {
        out.push(Marked {
            open,
            inner_start,
            inner_end: para.end,
            close_end: para.end,
            closed: false,
            single: fam.single(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(t: &str) -> Vec<(&str, bool)> {
        scan(t, Span::new(0, t.len()))
            .into_iter()
            .map(|m| (&t[m.inner_start..m.inner_end], m.closed))
            .collect()
    }

    #[test]
    fn straight_and_curly_pairs() {
        assert_eq!(
            inner("\"We won,\" he said. “We won again,” she said."),
            [("We won,", true), ("We won again,", true)]
        );
    }

    #[test]
    fn nested_quotes_stay_inside() {
        assert_eq!(
            inner("\"He called it ‘a farce’ and “a lie,” frankly,\" she said."),
            [("He called it ‘a farce’ and “a lie,” frankly,", true)]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(
            inner("Russia’s voters’ choice, it's 'fine' he said"),
            [("fine", true)]
        );
    }

    #[test]
    fn doubled_apostrophes_are_double_marks() {
        assert_eq!(
            inner("''We won,'' he said. ``We won again,'' she said."),
            [("We won,", true), ("We won again,", true)]
        );
        assert_eq!(
            inner("He called it ''a farce'' and left."),
            [("a farce", true)]
        );
    }

    #[test]
    fn a_straight_and_a_curly_mark_pair_up() {
        assert_eq!(
            inner("\"We won,” he said. “We won again,\" she said."),
            [("We won,", true), ("We won again,", true)]
        );
        // an apostrophe-like closing mark inside a straight quote does not close it
        assert_eq!(
            inner("\"They said “no” twice,\" he said."),
            [("They said “no” twice,", true)]
        );
    }

    #[test]
    fn open_quote_runs_to_paragraph_end_only() {
        let t = "He said: \"We will stay. We will fight";
        assert_eq!(inner(t), [("We will stay. We will fight", false)]);
    }
}
