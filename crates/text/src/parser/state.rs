//! The arc-hybrid transition system with the root at the end of the buffer, and its dynamic
//! oracle.
//!
//! Words are `0..n`; the artificial root is node `n`, the last buffer item. `SHIFT` pushes the
//! buffer front, `LEFT` makes the buffer front the head of the stack top and pops it, `RIGHT`
//! makes the second stack item the head of the top and pops it. `SHIFT` of the root is never
//! allowed and `LEFT` onto the root only when the stack holds a single word, so every complete
//! derivation is a tree with exactly one word attached to the root.

/// No node.
pub(crate) const NONE: u32 = u32::MAX;

/// The three transition types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    Shift = 0,
    Left = 1,
    Right = 2,
}

impl Action {
    pub(crate) const ALL: [Action; 3] = [Action::Shift, Action::Left, Action::Right];
}

/// A parser configuration with the partial tree built so far.
#[derive(Clone, Debug, Default)]
pub(crate) struct State {
    /// Number of words (the root is node `n`).
    pub n: usize,
    /// The stack, bottom first.
    pub stack: Vec<u32>,
    /// The buffer front; the buffer is `b..=n`.
    pub b: usize,
    /// Head of each node (`NONE` until attached; `n` for the root's child).
    pub heads: Vec<u32>,
    /// Label index of each node's arc (valid once attached).
    pub labels: Vec<u8>,
    /// Leftmost and second-leftmost left child.
    pub lc1: Vec<u32>,
    pub lc2: Vec<u32>,
    /// Rightmost and second-rightmost right child.
    pub rc1: Vec<u32>,
    pub rc2: Vec<u32>,
    /// Number of left and right children.
    pub nl: Vec<u8>,
    pub nr: Vec<u8>,
    /// Sets of left and right child labels, one bit per label.
    pub lset: Vec<u64>,
    pub rset: Vec<u64>,
}

fn reset_vec<T: Copy>(v: &mut Vec<T>, len: usize, x: T) {
    v.clear();
    v.resize(len, x);
}

impl State {
    /// Starts a derivation over `n` words, reusing the buffers.
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.b = 0;
        let m = n + 1;
        reset_vec(&mut self.heads, m, NONE);
        reset_vec(&mut self.labels, m, 0);
        reset_vec(&mut self.lc1, m, NONE);
        reset_vec(&mut self.lc2, m, NONE);
        reset_vec(&mut self.rc1, m, NONE);
        reset_vec(&mut self.rc2, m, NONE);
        reset_vec(&mut self.nl, m, 0);
        reset_vec(&mut self.nr, m, 0);
        reset_vec(&mut self.lset, m, 0);
        reset_vec(&mut self.rset, m, 0);
    }

    /// The `i`-th stack item from the top (0 is the top), or `NONE`.
    #[inline]
    pub fn s(&self, i: usize) -> u32 {
        let len = self.stack.len();
        if i < len {
            self.stack[len - 1 - i]
        } else {
            NONE
        }
    }

    /// The `i`-th buffer item (0 is the front), or `NONE`.
    #[inline]
    pub fn buf(&self, i: usize) -> u32 {
        let j = self.b + i;
        if j <= self.n {
            j as u32
        } else {
            NONE
        }
    }

    /// Whether the derivation is complete.
    #[inline]
    pub fn terminal(&self) -> bool {
        self.b >= self.n && self.stack.is_empty()
    }

    /// Whether `a` may be applied.
    #[inline]
    pub fn valid(&self, a: Action) -> bool {
        let len = self.stack.len();
        match a {
            Action::Shift => self.b < self.n,
            Action::Left => len >= 1 && (self.b < self.n || len == 1),
            Action::Right => len >= 2,
        }
    }

    /// The arc `a` would add, as (head, dependent), or `None` for `SHIFT`.
    #[inline]
    pub fn arc(&self, a: Action) -> Option<(u32, u32)> {
        match a {
            Action::Shift => None,
            Action::Left => Some((self.b as u32, self.s(0))),
            Action::Right => Some((self.s(1), self.s(0))),
        }
    }

    /// Applies a valid action; `label` is the arc's label index (ignored for `SHIFT`).
    pub fn apply(&mut self, a: Action, label: u8) {
        match a {
            Action::Shift => {
                self.stack.push(self.b as u32);
                self.b += 1;
            }
            Action::Left | Action::Right => {
                if let Some((h, d)) = self.arc(a) {
                    self.stack.pop();
                    self.attach(h, d, label);
                }
            }
        }
    }

    fn attach(&mut self, h: u32, d: u32, label: u8) {
        let (hi, di) = (h as usize, d as usize);
        self.heads[di] = h;
        self.labels[di] = label;
        let bit = 1u64 << (label.min(63));
        if d < h {
            if self.lc1[hi] == NONE || d < self.lc1[hi] {
                self.lc2[hi] = self.lc1[hi];
                self.lc1[hi] = d;
            } else if self.lc2[hi] == NONE || d < self.lc2[hi] {
                self.lc2[hi] = d;
            }
            self.nl[hi] = self.nl[hi].saturating_add(1);
            self.lset[hi] |= bit;
        } else {
            if self.rc1[hi] == NONE || d > self.rc1[hi] {
                self.rc2[hi] = self.rc1[hi];
                self.rc1[hi] = d;
            } else if self.rc2[hi] == NONE || d > self.rc2[hi] {
                self.rc2[hi] = d;
            }
            self.nr[hi] = self.nr[hi].saturating_add(1);
            self.rset[hi] |= bit;
        }
    }

    /// The number of gold arcs `a` makes unreachable (`gold[i]` is the gold head of word
    /// `i`, `n` for the root). Exact for projective trees, an approximation otherwise.
    pub fn cost(&self, a: Action, gold: &[u32]) -> u32 {
        let n = self.n;
        let s0 = self.s(0);
        match a {
            Action::Shift => {
                let b0 = self.b;
                let g = gold[b0];
                let mut c = 0;
                for (k, &x) in self.stack.iter().enumerate() {
                    let is_top = k + 1 == self.stack.len();
                    if g == x && !is_top {
                        c += 1;
                    }
                    if gold[x as usize] == b0 as u32 {
                        c += 1;
                    }
                }
                c
            }
            Action::Left | Action::Right => {
                let s = s0 as usize;
                let mut c = (self.b..n).filter(|&d| gold[d] == s0).count() as u32;
                let g = gold[s] as usize;
                let lost_head = if a == Action::Left {
                    g > self.b || gold[s] == self.s(1)
                } else {
                    g >= self.b
                };
                if lost_head {
                    c += 1;
                }
                c
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Follows the oracle greedily and checks it rebuilds a projective gold tree exactly.
    fn oracle_parse(gold: &[u32]) -> Vec<u32> {
        let mut st = State::default();
        st.reset(gold.len());
        while !st.terminal() {
            let a = Action::ALL
                .into_iter()
                .filter(|&a| st.valid(a))
                .min_by_key(|&a| st.cost(a, gold))
                .unwrap();
            st.apply(a, 0);
        }
        st.heads[..gold.len()].to_vec()
    }

    #[test]
    fn oracle_rebuilds_projective_trees() {
        // "the cat sat on the mat": det, nsubj, root, case, det, obl
        let gold = [1, 2, 6, 5, 5, 2];
        assert_eq!(oracle_parse(&gold), gold);
        let gold = [1];
        assert_eq!(oracle_parse(&gold), gold);
        let gold = [2, 2, 5, 4, 2];
        assert_eq!(oracle_parse(&gold), gold);
    }

    #[test]
    fn non_projective_gold_still_yields_a_tree() {
        // 0 -> 2, 1 -> 3 crossing
        let gold = [2, 3, 4, 0];
        let heads = oracle_parse(&gold);
        assert_eq!(heads.iter().filter(|&&h| h == 4).count(), 1);
    }
}
