//! Bytecode: the instruction set (named as CPython's `dis` names them), the
//! code object, and the `--dis` listing.
//!
//! ```text
//!   counter += 1   (inside a function, `global counter`)
//!     LOAD_GLOBAL   0 (counter)      ─┐ a switch between these two
//!     LOAD_CONST    1 (1)             │ instructions loses an update
//!     BINARY_OP    13 (+=)            │ when the GIL checks at every
//!     STORE_GLOBAL  0 (counter)      ─┘ instruction (≤ 3.9)
//! ```
//!
//! Jump arguments are instruction indices; the listing prints byte offsets
//! (2 per instruction) the way `dis` does. MiniPy uses the block-stack
//! opcodes of CPython ≤ 3.10 for `try` (`SETUP_FINALLY`/`POP_BLOCK`) instead of
//! 3.11's zero-cost exception table. Simplification: a table is faster when
//! nothing raises, but a block stack is easier to read and to copy.
//!
//! Ops after `Op::Resume` in the enum that start with `Fused` are
//! *superinstructions*: the VM's quickening pass (`compiler::quicken`)
//! writes them over the first op of a hot pattern; `--dis` never shows them.
//!
//! Python equivalent: `Include/opcode.h`, `Objects/codeobject.c`, `Lib/dis.py`.

use crate::ast::{BinOp, CmpOp};
use crate::v1::vm::value::Value;
use std::fmt::Write as _;
use std::sync::Arc;

/// Where an instruction's expression sits: (start column, end line, end
/// column); `(0, 0, 0)` when it has no expression of its own.
pub type Span = (u32, u32, u32);

/// `FORMAT_VALUE` conversion: none (`{x}`).
pub const CONV_NONE: u8 = 0;
/// `FORMAT_VALUE` conversion: `{x!s}`.
pub const CONV_STR: u8 = 1;
/// `FORMAT_VALUE` conversion: `{x!r}`.
pub const CONV_REPR: u8 = 2;

/// Top bit of `FusedLoadLoadOpStore`'s slot: the `BINARY_OP` was in-place
/// (`xs += ys` extends a list instead of building a new one).
pub const INPLACE_BIT: u16 = 0x8000;

/// Where a superinstruction reads an operand: a local slot or a constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Src {
    /// `LOAD_FAST i`
    Fast(u16),
    /// `LOAD_CONST i`
    Const(u16),
}

/// One instruction. `u32` arguments index the code object's tables, or are
/// jump targets (instruction indices).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    /// Does nothing.
    Nop,
    /// Function entry: an eval-breaker check point (≥ 3.10 policy).
    Resume,
    /// Push `consts[i]`.
    LoadConst(u32),
    /// Push local slot `i`.
    LoadFast(u32),
    /// Pop into local slot `i`.
    StoreFast(u32),
    /// Push global `i` (falling back to builtins) — inside a function.
    LoadGlobal(u32),
    /// Pop into global `i` — inside a function, after `global`.
    StoreGlobal(u32),
    /// Push global `i` — at module level (CPython's LOAD_NAME).
    LoadName(u32),
    /// Pop into global `i` — at module level (CPython's STORE_NAME).
    StoreName(u32),
    /// Replace TOS by `TOS.names[i]`.
    LoadAttr(u32),
    /// Binary arithmetic; `true` when it is the in-place form (`+=`).
    BinaryOp(BinOp, bool),
    /// `<` `==` ... .
    CompareOp(CmpOp),
    /// `in` (`false`) / `not in` (`true`).
    ContainsOp(bool),
    /// `is` (`false`) / `is not` (`true`).
    IsOp(bool),
    /// `-TOS`
    UnaryNegative,
    /// `+TOS`
    UnaryPositive,
    /// `not TOS`
    UnaryNot,
    /// Pop; jump if falsy.
    PopJumpIfFalse(u32),
    /// Pop; jump if truthy.
    PopJumpIfTrue(u32),
    /// `and`: jump (keeping TOS) if falsy, else pop.
    JumpIfFalseOrPop(u32),
    /// `or`: jump (keeping TOS) if truthy, else pop.
    JumpIfTrueOrPop(u32),
    /// Unconditional forward jump.
    JumpForward(u32),
    /// Unconditional backward jump: an eval-breaker check point.
    JumpBackward(u32),
    /// Replace TOS by `iter(TOS)`.
    GetIter,
    /// Push the iterator's next item, or pop it and jump when exhausted.
    ForIter(u32),
    /// The keyword names (a tuple constant) of the next `CALL`.
    KwNames(u32),
    /// Call with `n` arguments: an eval-breaker check point.
    Call(u32),
    /// `obj.name(n arguments)` without building a bound method (CPython
    /// 3.10's `LOAD_METHOD` + `CALL_METHOD` pair in one op): a check point.
    CallMethod(u32, u32),
    /// Return TOS.
    ReturnValue,
    /// Discard TOS.
    PopTop,
    /// Push a copy of the `n`-th item (1 = TOS).
    Copy(u32),
    /// Swap TOS with the `n`-th item.
    Swap(u32),
    /// Build a list from `n` items.
    BuildList(u32),
    /// Build a tuple from `n` items.
    BuildTuple(u32),
    /// Build a dict from `n` key/value pairs.
    BuildMap(u32),
    /// Build a slice from 2 or 3 items.
    BuildSlice(u32),
    /// `TOS1[TOS]`
    BinarySubscr,
    /// `TOS1[TOS] = TOS2`
    StoreSubscr,
    /// Append TOS to the list `n` below it (comprehensions).
    ListAppend(u32),
    /// Unpack TOS into `n` items.
    UnpackSequence(u32),
    /// Format TOS for an f-string: conversion ([`CONV_NONE`], [`CONV_STR`],
    /// [`CONV_REPR`]) and whether a spec string sits on top.
    FormatValue(u8, bool),
    /// Concatenate `n` strings.
    BuildString(u32),
    /// Make a function from code constant `i` (defaults tuple below it when
    /// the flag is set).
    MakeFunction(u32, bool),
    /// `raise` (`0`: re-raise, `1`: raise TOS).
    RaiseVarargs(u32),
    /// Push a handler block: on an exception jump to the target.
    SetupFinally(u32),
    /// Pop the innermost handler block.
    PopBlock,
    /// Enter a handler: remember TOS as the exception being handled.
    PushExcInfo,
    /// Leave a handler.
    PopExcept,
    /// TOS = does the exception TOS1 match class TOS.
    CheckExcMatch,
    /// Re-raise the exception on TOS.
    Reraise,
    /// `with`: call TOS's enter (acquire), keep the manager on the stack.
    BeforeWith,
    /// `with` exit: pop the manager and call its exit (release).
    ExitWith,
    /// `import names[i]`.
    ImportName(u32),
    /// `from TOS import names[i]` (keeps the module on the stack).
    ImportFrom(u32),
    /// Push `AssertionError`.
    LoadAssertionError,
    /// Superinstruction for `LOAD_FAST a; LOAD_CONST c; COMPARE_OP op;
    /// POP_JUMP_IF_FALSE t` (covers 4 ops).
    FusedFastConstCompareJump(u16, u16, CmpOp, u32),
    /// Superinstruction for `LOAD_FAST a; LOAD_CONST c; BINARY_OP op;
    /// STORE_FAST d` (covers 4 ops).
    FusedFastConstOpStore(u16, u16, BinOp, u16),
    /// The same followed by `JUMP_BACKWARD t` (covers 5 ops; the jump keeps
    /// its check point): the body of `while i > 0: i -= 1` in one dispatch.
    FusedFastConstOpStoreJump(u16, u16, BinOp, u16, u32),
    /// `LOAD a; LOAD b; BINARY_OP op; STORE_FAST d` (covers 4 ops). The
    /// slot's top bit ([`INPLACE_BIT`]) marks the in-place form (`+=`), so
    /// the op stays 12 bytes.
    FusedLoadLoadOpStore(Src, Src, BinOp, u16),
    /// `LOAD a; LOAD b; BINARY_OP op` (covers 3 ops): pushes `a op b`;
    /// `true` for the in-place form.
    FusedLoadLoadBinop(Src, Src, BinOp, bool),
    /// `LOAD b; BINARY_OP op` (covers 2 ops): `TOS = TOS op b`; `true` for
    /// the in-place form.
    FusedLoadBinop(Src, BinOp, bool),
    /// `LOAD b; COMPARE_OP op; POP_JUMP_IF_FALSE t` (covers 3 ops): pops
    /// TOS, compares it with `b`, jumps when false.
    FusedLoadCompareJump(Src, CmpOp, u32),
    /// `FOR_ITER t; STORE_FAST i` (covers 2 ops).
    FusedForIterStore(u32, u16),
}

/// A compiled function or module body.
#[derive(Debug)]
pub struct Code {
    /// Function name (`<module>` for the module, `<listcomp>` never: comprehensions are inlined).
    pub name: String,
    /// Source file name, for tracebacks.
    pub filename: String,
    /// Line of the `def` (or 1).
    pub first_line: u32,
    /// Number of positional parameters (they are the first locals).
    pub argcount: usize,
    /// Local variable names; `LOAD_FAST i` reads slot `i`.
    pub varnames: Vec<String>,
    /// Constants; `LOAD_CONST i`.
    pub consts: Vec<Value>,
    /// Attribute and import names; `LOAD_ATTR i`.
    pub names: Vec<String>,
    /// The instructions `dis` shows.
    pub ops: Vec<Op>,
    /// The instructions the VM runs: `ops` after quickening.
    pub quick: Vec<Op>,
    /// Source line of each instruction.
    pub lines: Vec<u32>,
    /// Source span of each instruction's expression: 1-based start column,
    /// end line, end column (all 0 for statement-level instructions). The
    /// traceback draws its `^~~` markers from it, as CPython 3.11 does.
    pub spans: Vec<Span>,
    /// Nested code objects (function bodies), for `MAKE_FUNCTION`.
    pub children: Vec<Arc<Code>>,
    /// The program-wide global name table (shared by all code objects).
    pub globals: Arc<Vec<String>>,
}

fn op_name_arg(op: &Op) -> (&'static str, Option<i64>) {
    use Op::*;
    let a = |v: u32| Some(v as i64);
    match *op {
        Nop => ("NOP", None),
        Resume => ("RESUME", Some(0)),
        LoadConst(i) => ("LOAD_CONST", a(i)),
        LoadFast(i) => ("LOAD_FAST", a(i)),
        StoreFast(i) => ("STORE_FAST", a(i)),
        LoadGlobal(i) => ("LOAD_GLOBAL", a(i)),
        StoreGlobal(i) => ("STORE_GLOBAL", a(i)),
        LoadName(i) => ("LOAD_NAME", a(i)),
        StoreName(i) => ("STORE_NAME", a(i)),
        LoadAttr(i) => ("LOAD_ATTR", a(i)),
        BinaryOp(op, inplace) => (
            "BINARY_OP",
            Some(nb_code(op) + if inplace { 13 } else { 0 }),
        ),
        CompareOp(op) => (
            "COMPARE_OP",
            Some(
                ["<", "<=", "==", "!=", ">", ">="]
                    .iter()
                    .position(|s| *s == op.symbol())
                    .unwrap_or(0) as i64,
            ),
        ),
        ContainsOp(b) => ("CONTAINS_OP", Some(b as i64)),
        IsOp(b) => ("IS_OP", Some(b as i64)),
        UnaryNegative => ("UNARY_NEGATIVE", None),
        UnaryPositive => ("UNARY_POSITIVE", None),
        UnaryNot => ("UNARY_NOT", None),
        PopJumpIfFalse(t) => ("POP_JUMP_IF_FALSE", a(t)),
        PopJumpIfTrue(t) => ("POP_JUMP_IF_TRUE", a(t)),
        JumpIfFalseOrPop(t) => ("JUMP_IF_FALSE_OR_POP", a(t)),
        JumpIfTrueOrPop(t) => ("JUMP_IF_TRUE_OR_POP", a(t)),
        JumpForward(t) => ("JUMP_FORWARD", a(t)),
        JumpBackward(t) => ("JUMP_BACKWARD", a(t)),
        GetIter => ("GET_ITER", None),
        ForIter(t) => ("FOR_ITER", a(t)),
        KwNames(i) => ("KW_NAMES", a(i)),
        Call(n) => ("CALL", a(n)),
        CallMethod(_, n) => ("CALL_METHOD", a(n)),
        ReturnValue => ("RETURN_VALUE", None),
        PopTop => ("POP_TOP", None),
        Copy(n) => ("COPY", a(n)),
        Swap(n) => ("SWAP", a(n)),
        BuildList(n) => ("BUILD_LIST", a(n)),
        BuildTuple(n) => ("BUILD_TUPLE", a(n)),
        BuildMap(n) => ("BUILD_MAP", a(n)),
        BuildSlice(n) => ("BUILD_SLICE", a(n)),
        BinarySubscr => ("BINARY_SUBSCR", None),
        StoreSubscr => ("STORE_SUBSCR", None),
        ListAppend(n) => ("LIST_APPEND", a(n)),
        UnpackSequence(n) => ("UNPACK_SEQUENCE", a(n)),
        FormatValue(c, s) => ("FORMAT_VALUE", Some(c as i64 + if s { 4 } else { 0 })),
        BuildString(n) => ("BUILD_STRING", a(n)),
        MakeFunction(_, d) => ("MAKE_FUNCTION", Some(d as i64)),
        RaiseVarargs(n) => ("RAISE_VARARGS", a(n)),
        SetupFinally(t) => ("SETUP_FINALLY", a(t)),
        PopBlock => ("POP_BLOCK", None),
        PushExcInfo => ("PUSH_EXC_INFO", None),
        PopExcept => ("POP_EXCEPT", None),
        CheckExcMatch => ("CHECK_EXC_MATCH", None),
        Reraise => ("RERAISE", Some(0)),
        BeforeWith => ("BEFORE_WITH", None),
        ExitWith => ("EXIT_WITH", None),
        ImportName(i) => ("IMPORT_NAME", a(i)),
        ImportFrom(i) => ("IMPORT_FROM", a(i)),
        LoadAssertionError => ("LOAD_ASSERTION_ERROR", None),
        FusedFastConstCompareJump(..) => ("FUSED_FAST_CONST_COMPARE_JUMP", None),
        FusedFastConstOpStore(..) => ("FUSED_FAST_CONST_OP_STORE", None),
        FusedFastConstOpStoreJump(..) => ("FUSED_FAST_CONST_OP_STORE_JUMP", None),
        FusedLoadLoadBinop(..) => ("FUSED_LOAD_LOAD_BINARY_OP", None),
        FusedLoadLoadOpStore(..) => ("FUSED_LOAD_LOAD_OP_STORE", None),
        FusedLoadBinop(..) => ("FUSED_LOAD_BINARY_OP", None),
        FusedLoadCompareJump(..) => ("FUSED_LOAD_COMPARE_JUMP", None),
        FusedForIterStore(..) => ("FUSED_FOR_ITER_STORE", None),
    }
}

/// The target of a jump instruction.
fn jump_target(op: &Op) -> Option<u32> {
    match *op {
        Op::PopJumpIfFalse(t)
        | Op::PopJumpIfTrue(t)
        | Op::JumpIfFalseOrPop(t)
        | Op::JumpIfTrueOrPop(t)
        | Op::JumpForward(t)
        | Op::JumpBackward(t)
        | Op::ForIter(t)
        | Op::SetupFinally(t) => Some(t),
        _ => None,
    }
}

/// CPython's `NB_*` code of a binary operator (`BINARY_OP`'s argument).
fn nb_code(op: BinOp) -> i64 {
    match op {
        BinOp::Add => 0,
        BinOp::BitAnd => 1,
        BinOp::FloorDiv => 2,
        BinOp::LShift => 3,
        BinOp::MatMul => 4,
        BinOp::Mul => 5,
        BinOp::Mod => 6,
        BinOp::BitOr => 7,
        BinOp::Pow => 8,
        BinOp::RShift => 9,
        BinOp::Sub => 10,
        BinOp::Div => 11,
        BinOp::BitXor => 12,
    }
}

impl Code {
    /// The argument note `dis` prints in parentheses.
    fn note(&self, op: &Op) -> String {
        use Op::*;
        let global = |i: u32| self.globals.get(i as usize).cloned().unwrap_or_default();
        match *op {
            LoadConst(i) => self
                .consts
                .get(i as usize)
                .map(|v| v.repr())
                .unwrap_or_default(),
            LoadFast(i) | StoreFast(i) => {
                self.varnames.get(i as usize).cloned().unwrap_or_default()
            }
            LoadGlobal(i) | StoreGlobal(i) | LoadName(i) | StoreName(i) => global(i),
            LoadAttr(i) | ImportName(i) | ImportFrom(i) | CallMethod(i, _) => {
                self.names.get(i as usize).cloned().unwrap_or_default()
            }
            BinaryOp(op, inplace) => format!("{}{}", op.symbol(), if inplace { "=" } else { "" }),
            CompareOp(op) => op.symbol().to_string(),
            KwNames(i) => self
                .consts
                .get(i as usize)
                .map(|v| v.repr())
                .unwrap_or_default(),
            MakeFunction(i, _) => format!(
                "<code object {}>",
                self.children
                    .get(i as usize)
                    .map(|c| c.name.as_str())
                    .unwrap_or("?")
            ),
            PopJumpIfFalse(t) | PopJumpIfTrue(t) | JumpIfFalseOrPop(t) | JumpIfTrueOrPop(t)
            | JumpForward(t) | JumpBackward(t) | ForIter(t) | SetupFinally(t) => {
                format!("to {}", t * 2)
            }
            _ => String::new(),
        }
    }

    /// A `dis.dis`-style listing of this code object and its children.
    pub fn disassemble(&self) -> String {
        let mut out = String::new();
        if self.name != "<module>" {
            let _ = writeln!(
                out,
                "Disassembly of <code object {} at line {}>:",
                self.name, self.first_line
            );
        }
        let targets: Vec<u32> = self.ops.iter().filter_map(jump_target).collect();
        let mut last_line = 0;
        for (i, op) in self.ops.iter().enumerate() {
            let line = self.lines.get(i).copied().unwrap_or(0);
            let line_col = if line != last_line {
                if i > 0 {
                    out.push('\n');
                }
                last_line = line;
                format!("{line:>3}")
            } else {
                "   ".to_string()
            };
            let mark = if targets.contains(&(i as u32)) {
                ">>"
            } else {
                "  "
            };
            let (name, mut arg) = op_name_arg(op);
            // Like `dis`, jump arguments are distances in instructions.
            if let Some(t) = jump_target(op) {
                arg = Some((t as i64 - (i as i64 + 1)).abs());
            }
            let note = self.note(op);
            let mut row = format!("{line_col}     {mark} {:>4} {name:<21}", i * 2);
            if let Some(a) = arg {
                let _ = write!(row, "{a:>3}");
                if !note.is_empty() {
                    let _ = write!(row, " ({note})");
                }
            }
            let _ = writeln!(out, "{}", row.trim_end());
        }
        for child in &self.children {
            out.push('\n');
            out.push_str(&child.disassemble());
        }
        out
    }
}
