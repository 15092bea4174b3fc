//! The arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez and Satta 2011) over one
//! sentence, with the dynamic oracle's transition costs (Goldberg and Nivre 2013).
//!
//! Words are numbered `0..n`; the stack holds word indices and the buffer is `next..n`. SHIFT
//! pushes the next word; LEFT pops the stack top and makes the next word its head; RIGHT pops the
//! stack top and makes the word under it its head. When the buffer is empty and one word is left
//! on the stack, it is the root. Every sequence of valid moves builds a projective tree.

/// A move of the parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Push the next word.
    Shift = 0,
    /// The stack top's head is the next word.
    Left = 1,
    /// The stack top's head is the word under it.
    Right = 2,
}

impl Move {
    /// Every move, in class-id order.
    pub const ALL: [Move; 3] = [Move::Shift, Move::Left, Move::Right];
}

/// No word (no head yet, the root's head, an empty slot).
pub const NONE: u32 = u32::MAX;

/// The parser's configuration over one sentence of `n` words.
#[derive(Debug, Clone, Default)]
pub struct State {
    n: usize,
    next: usize,
    stack: Vec<u32>,
    /// The head of each word, once attached.
    pub heads: Vec<u32>,
    /// The label id of each word's arc, once attached.
    pub labels: Vec<u32>,
    /// Leftmost and second-leftmost dependents of each word.
    left: Vec<[u32; 2]>,
    /// Rightmost and second-rightmost dependents of each word.
    right: Vec<[u32; 2]>,
    /// Number of left and right dependents of each word.
    valency: Vec<[u16; 2]>,
}

impl State {
    /// The start configuration for `n` words, reusing this state's buffers.
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.next = 0;
        self.stack.clear();
        for v in [&mut self.heads, &mut self.labels] {
            v.clear();
            v.resize(n, NONE);
        }
        for v in [&mut self.left, &mut self.right] {
            v.clear();
            v.resize(n, [NONE; 2]);
        }
        self.valency.clear();
        self.valency.resize(n, [0; 2]);
    }

    /// Whether parsing is over: the buffer is empty and at most one word is on the stack.
    pub fn is_final(&self) -> bool {
        self.next >= self.n && self.stack.len() <= 1
    }

    /// Whether `m` is allowed here.
    pub fn allows(&self, m: Move) -> bool {
        match m {
            Move::Shift => self.next < self.n,
            Move::Left => !self.stack.is_empty() && self.next < self.n,
            Move::Right => self.stack.len() >= 2,
        }
    }

    /// The `k`-th word from the stack top (0 = top).
    pub fn stack(&self, k: usize) -> u32 {
        self.stack
            .len()
            .checked_sub(k + 1)
            .map_or(NONE, |i| self.stack[i])
    }

    /// The `k`-th word of the buffer (0 = next).
    pub fn buffer(&self, k: usize) -> u32 {
        let i = self.next + k;
        if i < self.n {
            i as u32
        } else {
            NONE
        }
    }

    /// The leftmost (`k` = 0) or second-leftmost (`k` = 1) dependent of `w`.
    pub fn left_child(&self, w: u32, k: usize) -> u32 {
        self.left.get(w as usize).map_or(NONE, |c| c[k])
    }

    /// The rightmost (`k` = 0) or second-rightmost (`k` = 1) dependent of `w`.
    pub fn right_child(&self, w: u32, k: usize) -> u32 {
        self.right.get(w as usize).map_or(NONE, |c| c[k])
    }

    /// Numbers of left and right dependents of `w`.
    pub fn valency(&self, w: u32) -> [u16; 2] {
        self.valency.get(w as usize).copied().unwrap_or_default()
    }

    fn attach(&mut self, head: u32, dep: u32, label: u32) {
        let (h, d) = (head as usize, dep as usize);
        self.heads[d] = head;
        self.labels[d] = label;
        if dep < head {
            let slot = &mut self.left[h];
            if slot[0] == NONE || dep < slot[0] {
                slot[1] = slot[0];
                slot[0] = dep;
            } else if slot[1] == NONE || dep < slot[1] {
                slot[1] = dep;
            }
            self.valency[h][0] += 1;
        } else {
            let slot = &mut self.right[h];
            if slot[0] == NONE || dep > slot[0] {
                slot[1] = slot[0];
                slot[0] = dep;
            } else if slot[1] == NONE || dep > slot[1] {
                slot[1] = dep;
            }
            self.valency[h][1] += 1;
        }
    }

    /// Applies `m` (which must be allowed) with arc label `label`; returns the (head, dependent)
    /// pair of the arc it made, if any.
    pub fn apply(&mut self, m: Move, label: u32) -> Option<(u32, u32)> {
        match m {
            Move::Shift => {
                self.stack.push(self.next as u32);
                self.next += 1;
                None
            }
            Move::Left => {
                let dep = self.stack.pop()?;
                let head = self.next as u32;
                self.attach(head, dep, label);
                Some((head, dep))
            }
            Move::Right => {
                let dep = self.stack.pop()?;
                let head = *self.stack.last()?;
                self.attach(head, dep, label);
                Some((head, dep))
            }
        }
    }

    /// The word left on the stack at the end: the root.
    pub fn root(&self) -> u32 {
        self.stack.first().copied().unwrap_or(NONE)
    }

    /// The dynamic oracle's cost of `m`: how many arcs of the projective tree `gold` (head of
    /// each word, `NONE` for the root) it makes unreachable.
    pub fn cost(&self, m: Move, gold: &[u32]) -> usize {
        let in_buffer = |w: u32| (w as usize) >= self.next && (w as usize) < self.n;
        match m {
            Move::Shift => {
                let b = self.next as u32;
                let below = self.stack.len().saturating_sub(1);
                // b's head or dependents in the stack below its top can no longer be attached.
                self.stack[..below]
                    .iter()
                    .filter(|&&k| gold[b as usize] == k || gold[k as usize] == b)
                    .count()
                    + usize::from(self.stack.last().is_some_and(|&s0| gold[s0 as usize] == b))
            }
            Move::Left | Move::Right => {
                let s0 = self.stack(0);
                let head = if m == Move::Left {
                    self.next as u32
                } else {
                    self.stack(1)
                };
                // s0's own dependents still in the buffer are lost, and so is its gold head
                // (a buffer word, the word under it for LEFT, or the root) unless this move
                // gives it.
                let deps = (self.next..self.n).filter(|&k| gold[k] == s0).count();
                let g = gold[s0 as usize];
                let head_lost = g != head
                    && (g == NONE || in_buffer(g) || (m == Move::Left && g == self.stack(1)));
                deps + usize::from(head_lost)
            }
        }
    }
}
