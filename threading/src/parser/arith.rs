//! The binary operators below the comparisons, by precedence climbing in
//! one frame, and the unary operators, `**` and `await` below them.
//!
//! ```text
//!   |  <  ^  <  &  <  << >>  <  + -  <  * / // % @  <  unary - + ~  <  **  <  await
//!
//!   a + b * c - d   operands [a]            ops []
//!                   → [a, b]                [+]
//!                   → [a, b, c]             [+, *]
//!                   - binds looser than *, as loose as +: reduce * then +
//!                   → [(a + (b * c)), d]    [-]      → ((a + (b * c)) - d)
//! ```
//!
//! The plain way to write these levels is one function per level, each
//! calling the next (six levels: six native frames for every operand, and
//! every bracket pays them again). One loop with an operator stack builds
//! the same left-associative tree in one frame, with no allocation when an
//! operand stands alone (the common case, checked first).
//!
//! Prefix operators and `**` chains are loops too, folded once their
//! innermost operand is parsed: `- - -x` and `2 ** 3 ** 4` nest without
//! native recursion (`limits.rs` charges each link what it costs CPython).
//!
//! Python equivalent: the `bitwise_or` … `await_primary` rules of
//! `Grammar/python.gram`.

use super::limits::cost;
use super::PResult;
use super::Parser;
use crate::ast::{BinOp, Expr, ExprKind, UnaryOp};
use crate::lexer::Tok;

/// Binary operators and their binding power (higher binds tighter).
const BINARY_OPS: &[(&str, BinOp, u8)] = &[
    ("|", BinOp::BitOr, 1),
    ("^", BinOp::BitXor, 2),
    ("&", BinOp::BitAnd, 3),
    ("<<", BinOp::LShift, 4),
    (">>", BinOp::RShift, 4),
    ("+", BinOp::Add, 5),
    ("-", BinOp::Sub, 5),
    ("*", BinOp::Mul, 6),
    ("/", BinOp::Div, 6),
    ("//", BinOp::FloorDiv, 6),
    ("%", BinOp::Mod, 6),
    ("@", BinOp::MatMul, 6),
];

/// An operator waiting on the stack for its right operand.
struct PendingOp {
    /// The operator.
    op: BinOp,
    /// Its binding power.
    power: u8,
}

/// A prefix operator waiting for its operand.
struct Prefix {
    /// `-`, `+` or `~`.
    op: UnaryOp,
    /// Where the operator sits.
    line: u32,
    /// Its column.
    col: u32,
}

/// The base of a `**` waiting for its right operand, with the prefix
/// operators written in front of it (`-2 ** x` is `-(2 ** x)`).
struct PendingPower {
    /// Prefix operators, outermost first.
    prefix: Vec<Prefix>,
    /// The left operand of `**`.
    base: Expr,
}

impl Parser {
    /// The binary operator at the cursor, if any (not consumed).
    fn binary_op(&self) -> Option<PendingOp> {
        let Tok::Op(sym) = self.peek().tok else {
            return None;
        };
        BINARY_OPS
            .iter()
            .find(|(s, ..)| *s == sym)
            .map(|&(_, op, power)| PendingOp { op, power })
    }

    /// `a | b ^ c & d << e + f * g …`: every binary level in one loop.
    pub(super) fn bitwise_or(&mut self) -> PResult {
        let first = self.factor()?;
        // Fast path: an operand alone (no stacks, no allocation).
        if self.binary_op().is_none() {
            return Ok(first);
        }
        // Plain path: shunting-yard over left-associative operators.
        let mut operands = vec![first];
        let mut ops: Vec<PendingOp> = Vec::new();
        while let Some(next) = self.binary_op() {
            self.next();
            while ops.last().is_some_and(|top| top.power >= next.power) {
                self.reduce(&mut operands, &mut ops);
            }
            ops.push(next);
            operands.push(self.factor()?);
        }
        while !ops.is_empty() {
            self.reduce(&mut operands, &mut ops);
        }
        Ok(operands
            .pop()
            .unwrap_or_else(|| Expr::new(ExprKind::Const(crate::ast::Const::None), 1, 1, 1, 1)))
    }

    /// Pops one operator and its two operands, pushes their `BinOp`.
    fn reduce(&mut self, operands: &mut Vec<Expr>, ops: &mut Vec<PendingOp>) {
        let (Some(pending), Some(right), Some(left)) = (ops.pop(), operands.pop(), operands.pop())
        else {
            return;
        };
        let (line, col, end_line, end_col) = (left.line, left.col, right.end_line, right.end_col);
        let kind = ExprKind::BinOp {
            left: Box::new(left),
            op: pending.op,
            right: Box::new(right),
        };
        let node = self.mk_span(kind, line, col, end_line, end_col);
        operands.push(node);
    }

    /// `factor`: prefix operators, then a power chain `p ** f ** …` whose
    /// right operands are factors again. Both are loops; the pending
    /// links are folded once the innermost operand is parsed.
    fn factor(&mut self) -> PResult {
        let mut powers: Vec<PendingPower> = Vec::new();
        let mut charged = 0;
        let (ops, base) = loop {
            let mut ops = Vec::new();
            while let Some(op) = match &self.peek().tok {
                Tok::Op("-") => Some(UnaryOp::USub),
                Tok::Op("+") => Some(UnaryOp::UAdd),
                Tok::Op("~") => Some(UnaryOp::Invert),
                _ => None,
            } {
                let t = self.next();
                ops.push(Prefix {
                    op,
                    line: t.line,
                    col: t.col,
                });
            }
            if !ops.is_empty() {
                self.leftmost = false;
                let c = ops.len() as u32 * cost::UNARY;
                self.descend(c)?;
                charged += c;
            }
            let base = self.await_primary()?;
            if !self.eat_op("**") {
                break (ops, base);
            }
            self.descend(cost::POWER)?;
            charged += cost::POWER;
            powers.push(PendingPower { prefix: ops, base });
        };
        self.ascend(charged);
        let mut acc = self.apply_prefix(ops, base);
        while let Some(PendingPower { prefix, base }) = powers.pop() {
            let (line, col) = (base.line, base.col);
            let kind = ExprKind::BinOp {
                left: Box::new(base),
                op: BinOp::Pow,
                right: Box::new(acc),
            };
            let power = self.mk(kind, line, col);
            acc = self.apply_prefix(prefix, power);
        }
        Ok(acc)
    }

    /// Wraps `operand` in its prefix operators, innermost (last) first.
    fn apply_prefix(&mut self, mut ops: Vec<Prefix>, operand: Expr) -> Expr {
        let mut acc = operand;
        while let Some(Prefix { op, line, col }) = ops.pop() {
            let kind = ExprKind::UnaryOp {
                op,
                operand: Box::new(acc),
            };
            acc = self.mk(kind, line, col);
        }
        acc
    }

    /// `await primary` or a primary.
    #[inline(always)]
    fn await_primary(&mut self) -> PResult {
        if self.check_kw("await") {
            let t = self.next();
            self.leftmost = false;
            let value = Box::new(self.primary()?);
            return Ok(self.mk(ExprKind::Await { value }, t.line, t.col));
        }
        let e = self.primary()?;
        self.leftmost = false;
        Ok(e)
    }
}
