//! Instructions and code objects: what the compiler emits and the VM runs.
//!
//! ```text
//!   def f(n):            Code { name: "f", argcount: 1, varnames: [n, i],
//!       i = n                   ops: [RESUME, LOAD_FAST 0, STORE_FAST 1, ...],
//!       return i                quick: ops with superinstructions, lines, spans }
//! ```
//!
//! Opcode names follow CPython 3.11's `dis` where an op exists there
//! (`LOAD_FAST`, `BINARY_OP`, `CALL`, `FOR_ITER`, `SETUP_FINALLY`, ...), so
//! `minipy --dis` reads like `python3 -m dis`. Differences, each for a
//! reason: blocks are pushed at run time (`SETUP_FINALLY`, as ≤ 3.10) rather
//! than kept in an exception table; a method call is `LOAD_METHOD` +
//! `CALL_METHOD` (3.10's pair) so a plain `CALL` needs no `PUSH_NULL`;
//! `MAKE_FUNCTION` takes its closure cells straight from the creating
//! frame (no `LOAD_CLOSURE`/`BUILD_TUPLE`); `YIELD_FROM` is one op that
//! delegates (3.11 loops `SEND`/`YIELD_VALUE`); the `FUSED_*`
//! superinstructions are MiniPy's (see `compiler/quicken.rs`).
//!
//! `Code` and `Value` know each other (constants are values, functions
//! hold code): the one import knot the crate allows. `Code` is immutable
//! once built and shared by every function object made from it.
//!
//! Python equivalent: `Include/opcode.h`, `Objects/codeobject.c`, `Lib/dis.py`.

use crate::ast::{BinOp, CmpOp};
use crate::object::attr_site::AttrSite;
use crate::object::refcount::Arc;
use crate::object::str::PyStr;
use crate::object::value::Value;
use std::fmt::Write as _;

/// The source span of an instruction's expression: 1-based start column,
/// end line, end column (all 0 for statement-level instructions). The
/// traceback draws its `^~~` markers from it, as CPython 3.11 does.
pub type Span = (u32, u32, u32);

/// `FORMAT_VALUE` conversion: none (`{x}`).
pub const CONV_NONE: u8 = 0;
/// `FORMAT_VALUE` conversion: `{x!s}`.
pub const CONV_STR: u8 = 1;
/// `FORMAT_VALUE` conversion: `{x!r}`.
pub const CONV_REPR: u8 = 2;
/// `FORMAT_VALUE` conversion: `{x!a}`.
pub const CONV_ASCII: u8 = 3;

/// Top bit of `FusedLoadLoadOpStore`'s slot: the `BINARY_OP` was in-place.
pub const INPLACE_BIT: u16 = 0x8000;

/// `MAKE_FUNCTION` flag: a tuple of positional defaults is on the stack.
pub const MF_DEFAULTS: u8 = 1;
/// `MAKE_FUNCTION` flag: a dict of keyword-only defaults is on the stack.
pub const MF_KWDEFAULTS: u8 = 2;

/// `CALL_FUNCTION_EX` flag: a mapping of keyword arguments is on the stack.
pub const CALL_EX_KWARGS: u8 = 1;

/// Where a superinstruction reads an operand: a local slot or a constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Src {
    /// `LOAD_FAST i`
    Fast(u16),
    /// `LOAD_CONST i`
    Const(u16),
}

/// Which answer of a fused test takes the jump: the covered
/// `POP_JUMP_IF_FALSE` (`False`) or `POP_JUMP_IF_TRUE` (`True`). The
/// identity superinstructions fold `is not` in, so theirs is the answer
/// of a plain `is`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JumpIf {
    /// Jump when the test is false (`if a < b:`, `if x is None:`).
    False,
    /// Jump when the test is true (`if not a < b:`, `while x is not None:`
    /// folded to "jump out when `x is None`").
    True,
}

impl JumpIf {
    /// Whether a test that answered `answer` takes the jump.
    #[inline(always)]
    pub fn taken(self, answer: bool) -> bool {
        answer == (self == JumpIf::True)
    }

    /// The next `pc` after a fused test that answered `answer`: `target`
    /// if the jump is taken, else `next` (the op after the covered jump).
    #[inline(always)]
    pub fn next_pc(self, answer: bool, target: u32, next: usize) -> usize {
        if self.taken(answer) {
            target as usize
        } else {
            next
        }
    }
}

/// A binary operator in `BINARY_OP` (arithmetic and bitwise).
pub type BinaryOp = BinOp;

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Negative,
    /// `+x`
    Positive,
    /// `not x`
    Not,
    /// `~x`
    Invert,
}

/// One instruction. `u32` arguments index the code object's tables or are
/// jump targets (instruction indices).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    /// Does nothing.
    Nop,
    /// Function entry and generator resumption: a check point (≥ 3.10).
    Resume,
    /// Push `consts[i]`.
    LoadConst(u32),
    /// Push local slot `i` (`UnboundLocalError` if unbound).
    LoadFast(u32),
    /// Pop into local slot `i`.
    StoreFast(u32),
    /// Unbind local slot `i` (`del x`).
    DeleteFast(u32),
    /// Push the contents of cell `i` (cell variables, then free variables).
    LoadDeref(u32),
    /// Pop into cell `i`.
    StoreDeref(u32),
    /// Empty cell `i`.
    DeleteDeref(u32),
    /// Class body reading a free variable: the namespace first, then cell `i`.
    LoadClassDeref(u32, u32),
    /// Push module global slot `i` (builtins as the fallback).
    LoadGlobal(u32),
    /// Pop into module global slot `i`.
    StoreGlobal(u32),
    /// Unbind module global slot `i`.
    DeleteGlobal(u32),
    /// Class body: `names[n]` from the namespace, else global slot `g`.
    LoadName(u32, u32),
    /// Class body: pop into the namespace under `names[n]`.
    StoreName(u32),
    /// Class body: delete `names[n]` from the namespace.
    DeleteName(u32),
    /// Replace TOS by `TOS.names[i]`.
    LoadAttr(u32),
    /// `TOS.names[i] = TOS1` (pops both).
    StoreAttr(u32),
    /// `del TOS.names[i]`.
    DeleteAttr(u32),
    /// Replace TOS (`obj`) by `[method, obj]` when `names[i]` is a plain
    /// method of its class (no bound method is built), else `[attr, NULL]`.
    LoadMethod(u32),
    /// Binary arithmetic or bitwise op; `true` for the in-place form (`+=`).
    BinaryOp(BinOp, bool),
    /// `<` `==` ... .
    CompareOp(CmpOp),
    /// `in` (`false`) / `not in` (`true`).
    ContainsOp(bool),
    /// `is` (`false`) / `is not` (`true`).
    IsOp(bool),
    /// A unary operator on TOS.
    Unary(UnaryOp),
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
    /// Unconditional backward jump: a check point.
    JumpBackward(u32),
    /// Replace TOS by `iter(TOS)`.
    GetIter,
    /// Push the iterator's next item, or pop it and jump when exhausted.
    ForIter(u32),
    /// The keyword names (a tuple constant) of the next call.
    KwNames(u32),
    /// Call with `n` arguments (callable below them): a check point.
    Call(u32),
    /// Call after `LOAD_METHOD` (`[method, self-or-NULL, args...]`).
    CallMethod(u32),
    /// `f(*args, **kwargs)`: callable, args tuple [, kwargs dict].
    CallFunctionEx(u8),
    /// Return TOS to the caller.
    ReturnValue,
    /// Yield TOS to the generator's consumer; the sent value is pushed on
    /// resumption.
    YieldValue,
    /// `yield from` / `await`: delegate to the iterator below TOS, sending
    /// TOS; push its return value when it finishes.
    YieldFrom,
    /// `iter(TOS)` for `yield from` (generators and coroutines pass through).
    GetYieldFromIter,
    /// `await TOS`: its awaitable (a coroutine, or `__await__()`).
    GetAwaitable,
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
    /// Build a set from `n` items.
    BuildSet(u32),
    /// Build a dict from `n` key/value pairs.
    BuildMap(u32),
    /// Build a slice from 2 or 3 items.
    BuildSlice(u32),
    /// Append TOS to the list `n` below it (comprehensions, displays).
    ListAppend(u32),
    /// Add TOS to the set `n` below it.
    SetAdd(u32),
    /// `d[TOS1] = TOS` into the dict `n` below them.
    MapAdd(u32),
    /// Extend the list `n` below TOS with the iterable TOS (`[*xs]`).
    ListExtend(u32),
    /// Update the set `n` below TOS with the iterable TOS (`{*xs}`).
    SetUpdate(u32),
    /// Update the dict `n` below TOS with the mapping TOS (`{**d}`).
    DictUpdate(u32),
    /// Merge keyword mapping TOS into the dict `n` below it, refusing
    /// repeated keys (`f(**a, **b)`).
    DictMerge(u32),
    /// Replace the list TOS by a tuple of its items.
    ListToTuple,
    /// `TOS1[TOS]`
    BinarySubscr,
    /// `TOS1[TOS] = TOS2`
    StoreSubscr,
    /// `del TOS1[TOS]`
    DeleteSubscr,
    /// Unpack TOS into exactly `n` items (first item on top).
    UnpackSequence(u32),
    /// Unpack TOS into `before` items, a list of the rest, `after` items.
    UnpackEx(u16, u16),
    /// Format TOS for an f-string: conversion ([`CONV_NONE`], ...) and
    /// whether a spec string sits on top.
    FormatValue(u8, bool),
    /// Concatenate `n` strings.
    BuildString(u32),
    /// Make a function from child code `i`; flags say which of the
    /// defaults tuple ([`MF_DEFAULTS`]) and keyword-defaults dict
    /// ([`MF_KWDEFAULTS`]) are on the stack. Closure cells come from the
    /// running frame (see `Code::closure`).
    MakeFunction(u32, u8),
    /// Push the native `__build_class__`.
    LoadBuildClass,
    /// `raise` (0: re-raise, 1: raise TOS, 2: raise TOS1 from TOS).
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
    /// `with`: replace the manager TOS by `[__exit__ bound, __enter__()]`.
    BeforeWith,
    /// Normal `with` exit: call the `__exit__` TOS with `(None, None,
    /// None)`: a check point (it is a call).
    WithExit,
    /// Exceptional `with` exit: `[exit, exc]` → call `exit(type, exc, tb)`;
    /// push whether it suppressed the exception: a check point.
    WithExceptStart,
    /// `import names[i]` (a dotted name binds its top package when
    /// the flag is set): push the module.
    ImportName(u32, bool),
    /// `from TOS import names[i]` (keeps the module on the stack).
    ImportFrom(u32),
    /// `from TOS import *` into the module's globals (pops the module).
    ImportStar,
    /// Push `AssertionError`.
    LoadAssertionError,
    /// Superinstruction: `LOAD_FAST a; LOAD_CONST c; COMPARE_OP op;
    /// POP_JUMP_IF_FALSE t` (covers 4 ops).
    FusedFastConstCompareJump(u16, u16, CmpOp, u32),
    /// Superinstruction: `LOAD_FAST a; LOAD_CONST c; BINARY_OP op;
    /// STORE_FAST d` (covers 4 ops).
    FusedFastConstOpStore(u16, u16, BinOp, u16),
    /// The same followed by `JUMP_BACKWARD t` (covers 5 ops; the jump keeps
    /// its check point).
    FusedFastConstOpStoreJump(u16, u16, BinOp, u16, u32),
    /// `LOAD a; LOAD b; BINARY_OP op; STORE_FAST d` (covers 4 ops); the
    /// slot's top bit ([`INPLACE_BIT`]) marks the in-place form.
    FusedLoadLoadOpStore(Src, Src, BinOp, u16),
    /// `LOAD a; LOAD b; BINARY_OP op` (covers 3 ops).
    FusedLoadLoadBinop(Src, Src, BinOp, bool),
    /// `LOAD b; BINARY_OP op` (covers 2 ops): `TOS = TOS op b`.
    FusedLoadBinop(Src, BinOp, bool),
    /// `LOAD b; COMPARE_OP op; POP_JUMP_IF_FALSE t` (covers 3 ops).
    FusedLoadCompareJump(Src, CmpOp, u32),
    /// `COMPARE_OP op; POP_JUMP_IF_FALSE/TRUE t` (covers 2 ops;
    /// `vm/compare_jump.rs`).
    FusedCompareJump(CmpOp, JumpIf, u32),
    /// `IS_OP n; POP_JUMP_IF_FALSE/TRUE t` (covers 2 ops): jump when
    /// `TOS1 is TOS` answers as the [`JumpIf`] says (`is not` folded in).
    FusedIsJump(JumpIf, u32),
    /// `LOAD_CONST c; IS_OP n; POP_JUMP_IF_FALSE/TRUE t` (covers 3 ops):
    /// `TOS is consts[c]`, as `FusedIsJump` (`x is None`).
    FusedConstIsJump(u16, JumpIf, u32),
    /// `LOAD_FAST a; LOAD_CONST c; IS_OP n; POP_JUMP_IF_FALSE/TRUE t`
    /// (covers 4 ops): `local is consts[c]`, the local read in place.
    FusedFastConstIsJump(u16, u16, JumpIf, u32),
    /// `LOAD a; LOAD b` (covers 2 ops; CPython 3.11's `LOAD_FAST__LOAD_FAST`,
    /// `LOAD_FAST__LOAD_CONST`, `LOAD_CONST__LOAD_FAST`): both pushed, one
    /// dispatch (`compiler/load_pairs.rs`).
    FusedLoadLoad(Src, Src),
    /// `LOAD a; CALL n` (covers 2 ops): `a` pushed, then the covered
    /// call's arm runs, check point included, without a dispatch between.
    FusedLoadCall(Src, u16),
    /// `LOAD a; CALL_METHOD n` (covers 2 ops), as `FusedLoadCall`.
    FusedLoadCallMethod(Src, u16),
    /// `LOAD_FAST a; POP_JUMP_IF_FALSE/TRUE t` (covers 2 ops): the local's
    /// truth tested where it lies (`if node:`, `while k:`).
    FusedFastJump(u16, JumpIf, u32),
    /// `LOAD_FAST a; RETURN_VALUE` (covers 2 ops): the local is moved out
    /// of its slot, the frame being done with it.
    FusedReturnFast(u16),
    /// `LOAD_CONST c; RETURN_VALUE` (covers 2 ops; 3.12's `RETURN_CONST`).
    FusedReturnConst(u16),
    /// `LOAD_GLOBAL g; POP_JUMP_IF_FALSE/TRUE t` (covers 2 ops): the
    /// global's truth tested in place (`vm/global_jump.rs`).
    FusedGlobalJump(u32, JumpIf, u32),
    /// `LOAD_GLOBAL g; COMPARE_OP op; POP_JUMP_IF_FALSE/TRUE t` (covers 3
    /// ops): `TOS op global`, the global read in place.
    FusedGlobalCompareJump(u32, CmpOp, JumpIf, u32),
    /// `FOR_ITER t; STORE_FAST i` (covers 2 ops).
    FusedForIterStore(u32, u16),
    /// `FOR_ITER t; UNPACK_SEQUENCE 2; STORE_FAST a; STORE_FAST b`
    /// (covers 4 ops; `vm/iter_pairs.rs`).
    FusedForIterUnpackStore2(u32, u16, u16),
    /// `UNPACK_SEQUENCE n` and the `n` `STORE_FAST`s after it (covers
    /// `n + 1` ops; `vm/unpack_store.rs`): `n`, the highest of the target
    /// slots, and where the targets start in `Code::unpack_targets`.
    FusedUnpackStore(u16, u16, u32),
    /// `COPY 2; COPY 2; BINARY_SUBSCR` (covers 3 ops; the read half of
    /// `xs[i] op= v`, `vm/list_subscript.rs`).
    FusedDupSubscr,
    /// `LOAD_FAST a; LOAD_CONST c` and the `FUSED_DUP_SUBSCR` after them
    /// (covers 5 ops: the whole read half of `xs[0] -= v` with `xs` a local
    /// and an int constant index; `vm/list_subscript.rs`).
    FusedFastConstDupSubscr(u16, u16),
    /// `BINARY_OP op; SWAP 3; SWAP 2; STORE_SUBSCR` (covers 4 ops; the
    /// write half of `xs[i] op= v`).
    FusedOpStoreSubscr(BinOp, bool),
    /// `LOAD_ATTR` with its inline cache `attr_sites[s]` (quickened code
    /// only; `compiler/attr_sites.rs`).
    LoadAttrCached(u32),
    /// `STORE_ATTR` with its inline cache `attr_sites[s]`.
    StoreAttrCached(u32),
    /// `LOAD_METHOD` with its inline cache `attr_sites[s]`.
    LoadMethodCached(u32),
    /// Superinstruction: `LOAD_FAST l; LOAD_ATTR_CACHED s; BINARY_OP op`
    /// (covers 3 ops; `op` read from the covered `BINARY_OP`): `TOS op
    /// l.name` on numbers, the attribute read where it lies
    /// (`vm/local_attr.rs`).
    LoadFastAttrBinop(u16, u32),
    /// Superinstruction: `LOAD_FAST l; LOAD_ATTR_CACHED s` and the
    /// `FUSED_COMPARE_JUMP` after them (covers 4 ops; the test and target
    /// read from the covered op): `TOS cmp l.name`, the attribute read
    /// where it lies (`vm/local_attr.rs`).
    LoadFastAttrCompareJump(u16, u32),
    /// Superinstruction: `LOAD_FAST l; COPY 1; LOAD_ATTR_CACHED s;
    /// FUSED_LOAD_BINARY_OP y op=; BINARY_OP; SWAP 2; STORE_ATTR_CACHED s'`
    /// (covers 7 ops, `l.name op= y`; the covered ops' operands are read
    /// where they lie): an int attribute updated in its dict entry
    /// (`vm/attr_update.rs`).
    LoadFastAttrUpdate(u16),
    /// Superinstruction: `LOAD_FAST l; LOAD_ATTR_CACHED s` (covers 2 ops):
    /// `l.name` read through the local, without cloning it
    /// (`vm/local_attr.rs`).
    LoadFastAttrCached(u16, u32),
    /// `LOAD_GLOBAL g; LOAD_ATTR_CACHED s` (covers 2 ops): a class's own
    /// attribute (`Strength.REQUIRED`), the class borrowed from its global
    /// slot (`vm/global_jump.rs`).
    LoadGlobalAttrCached(u32, u32),
    /// Superinstruction: `LOAD_GLOBAL_ATTR_CACHED (g, s)` and the
    /// `FUSED_COMPARE_JUMP` after its covered op (covers 4 ops): `TOS cmp
    /// G.name` decided on the class's cached attribute, the compare and the
    /// jump read from the covered op (`vm/global_jump.rs`).
    LoadGlobalAttrCompareJump(u32, u32),
    /// Superinstruction: `LOAD_FAST l; STORE_ATTR_CACHED s` (covers 2 ops):
    /// `l.name = TOS` through the local, without cloning it.
    StoreFastAttrCached(u16, u32),
    /// Superinstruction: `LOAD_FAST l; LOAD_METHOD_CACHED s` (covers 2 ops).
    LoadFastMethodCached(u16, u32),
    /// `LOAD_FAST_METHOD_CACHED (l, s)` and the `CALL_METHOD 0` after its
    /// covered op (covers 3 ops: `l.m()`, no argument), or the
    /// `FUSED_LOAD_CALL_METHOD (x, 1)` and `CALL_METHOD 1` after it
    /// (covers 4 ops: `l.m(x)`): the receiver (and `x`) bound straight
    /// into the method's frame (`compiler/method_calls.rs`).
    LoadFastMethodCall(u16, u32, Option<Src>),
    /// Superinstruction: `LOAD_FAST_ATTR_CACHED (l, s)` and the
    /// `STORE_FAST d` after it (covers 3 ops): `d = l.name`.
    LoadFastAttrStoreFast(u16, u32, u16),
    /// Superinstruction: `LOAD_FAST v` and the `STORE_FAST_ATTR_CACHED (l,
    /// s)` after it (covers 3 ops): `l.name = v`.
    LoadFastStoreFastAttr(u16, u16, u32),
    /// Superinstruction: `GET_ITER; CALL 1` of a comprehension or
    /// generator expression over child code `i`, whose `MAKE_FUNCTION i`
    /// is a `NOP` in the quickened code (covers 2 ops; the frame, or the
    /// generator, is built with no function object:
    /// `compiler/comprehension_calls.rs`, `vm/comprehension.rs`).
    CallComprehension(u32),
}

/// Code flags (bit set).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodeFlags(pub u32);

impl CodeFlags {
    /// Takes `*args`.
    pub const VARARGS: u32 = 1;
    /// Takes `**kwargs`.
    pub const VARKEYWORDS: u32 = 2;
    /// A generator function (calling it makes a generator).
    pub const GENERATOR: u32 = 4;
    /// An `async def` (calling it makes a coroutine).
    pub const COROUTINE: u32 = 8;
    /// A class body (names live in a namespace dict).
    pub const CLASS_BODY: u32 = 16;
    /// A module body.
    pub const MODULE: u32 = 32;
    /// `consts[0]` is the docstring.
    pub const HAS_DOCSTRING: u32 = 64;
    /// Uses `super()` or `__class__` (has the implicit `__class__` cell).
    pub const USES_CLASS_CELL: u32 = 128;

    /// Whether `flag` is set.
    #[inline]
    pub fn has(self, flag: u32) -> bool {
        self.0 & flag != 0
    }
}

/// A compiled function, class body or module body.
pub struct Code {
    /// `co_name` (what tracebacks print).
    pub name: Arc<PyStr>,
    /// `co_qualname` (`C.method`, `f.<locals>.g`).
    pub qualname: Arc<PyStr>,
    /// The module's file name, as tracebacks print it.
    pub filename: std::sync::Arc<str>,
    /// Line of the `def` (or 1).
    pub first_line: u32,
    /// Positional parameters (positional-only ones included).
    pub argcount: u32,
    /// Positional-only parameters (before `/`).
    pub posonlyargcount: u32,
    /// Keyword-only parameters (after `*`).
    pub kwonlyargcount: u32,
    /// Flags (see [`CodeFlags`]).
    pub flags: CodeFlags,
    /// Local slot names: positional, keyword-only, `*args`, `**kwargs`
    /// parameters first, then the other locals.
    pub varnames: Box<[Arc<PyStr>]>,
    /// Names of cell variables (locals captured by inner functions).
    pub cellvars: Box<[Arc<PyStr>]>,
    /// Names of free variables (captured from enclosing functions).
    pub freevars: Box<[Arc<PyStr>]>,
    /// Parameters that are also cells: `(cell index, local slot)`; the
    /// frame moves the argument into its cell on entry (`MAKE_CELL`).
    pub cell_params: Box<[(u32, u32)]>,
    /// For each free variable, the index of the cell in the *creating*
    /// frame it comes from (read by `MAKE_FUNCTION`).
    pub closure: Box<[u32]>,
    /// Constants; `LOAD_CONST i`.
    pub consts: Box<[Value]>,
    /// Attribute, import and namespace names; `LOAD_ATTR i`.
    pub names: Box<[Arc<PyStr>]>,
    /// The module's global slot names (shared by all its code objects).
    pub global_names: std::sync::Arc<[Arc<PyStr>]>,
    /// The instructions `dis` shows.
    pub ops: Box<[Op]>,
    /// The instructions the VM runs under the ≥ 3.10 policy: `ops` with
    /// superinstructions written over hot sequences.
    pub quick: Box<[Op]>,
    /// The inline caches of `quick`'s attribute instructions, indexed by
    /// their operand (`object/attr_site.rs`); their only mutable state is
    /// atomics, so sharing `Code` between threads stays safe.
    pub attr_sites: Box<[AttrSite]>,
    /// The local slots of each `FUSED_UNPACK_STORE`'s `STORE_FAST`s, in
    /// order, one run per fused op (its third operand is where its run
    /// starts): read as one slice of `u16`s instead of from the covered
    /// instructions (`compiler/quicken.rs`, `attach_unpack_targets`).
    pub unpack_targets: Box<[u16]>,
    /// Source line of each instruction.
    pub lines: Box<[u32]>,
    /// Source span of each instruction's expression.
    pub spans: Box<[Span]>,
    /// Nested code objects, for `MAKE_FUNCTION`.
    pub children: Box<[Arc<Code>]>,
    /// The source text of the file, for the lines tracebacks quote.
    pub source: Arc<SourceLines>,
}

/// A module's source lines (shared by all its code objects).
#[derive(Debug, Default)]
pub struct SourceLines {
    /// Line `n` is `lines[n - 1]`.
    pub lines: Vec<String>,
    /// Line numbers a traceback shows instead of the real ones, set once
    /// after compiling (empty for programs): an embedded standard-library
    /// module shows CPython's own numbers for the lines CPython's
    /// tracebacks commonly quote (`vm/import.rs`, `modules/stdlib_lines.rs`),
    /// so a thread's exception report is CPython's byte for byte.
    pub shown: std::sync::OnceLock<Box<[ShownNumber]>>,
}

/// One renumbered line (see [`SourceLines::shown`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShownNumber {
    /// The line in this source.
    pub line: u32,
    /// The number a traceback prints for it.
    pub shown: u32,
}

impl SourceLines {
    /// Splits `text` into lines.
    pub fn new(text: &str) -> SourceLines {
        SourceLines {
            lines: text.lines().map(str::to_string).collect(),
            shown: std::sync::OnceLock::new(),
        }
    }

    /// Line `n` (1-based).
    pub fn line(&self, n: u32) -> Option<&str> {
        self.lines
            .get((n as usize).wrapping_sub(1))
            .map(String::as_str)
    }

    /// The number a traceback prints for line `n`: `n` itself unless the
    /// line was renumbered.
    pub fn shown_number(&self, n: u32) -> u32 {
        self.shown
            .get()
            .and_then(|m| m.iter().find(|s| s.line == n))
            .map_or(n, |s| s.shown)
    }
}

impl Code {
    /// The line of instruction `i`.
    pub fn line_of(&self, i: usize) -> u32 {
        self.lines.get(i).copied().unwrap_or(self.first_line)
    }

    /// The total number of cells a frame of this code has.
    pub fn ncells(&self) -> usize {
        self.cellvars.len() + self.freevars.len()
    }

    /// Whether this code belongs to the user's program file (not to an
    /// embedded standard-library module): deadlock reports name lines of
    /// the user's program.
    pub fn is_user(&self) -> bool {
        !self.filename.starts_with('<')
    }
}

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "<code object {} at line {}>",
            self.name.as_str(),
            self.first_line
        )
    }
}

/// CPython's `NB_*` code of a binary operator (`BINARY_OP`'s argument).
fn nb_code(op: BinOp) -> i64 {
    use BinOp::*;
    match op {
        Add => 0,
        BitAnd => 1,
        FloorDiv => 2,
        LShift => 3,
        MatMul => 4,
        Mul => 5,
        Mod => 6,
        BitOr => 7,
        Pow => 8,
        RShift => 9,
        Sub => 10,
        Div => 11,
        BitXor => 12,
    }
}

/// The `dis` name and argument of an instruction.
fn op_name_arg(op: &Op) -> (&'static str, Option<i64>) {
    use Op::*;
    let a = |v: u32| Some(v as i64);
    match *op {
        Nop => ("NOP", None),
        Resume => ("RESUME", Some(0)),
        LoadConst(i) => ("LOAD_CONST", a(i)),
        LoadFast(i) => ("LOAD_FAST", a(i)),
        StoreFast(i) => ("STORE_FAST", a(i)),
        DeleteFast(i) => ("DELETE_FAST", a(i)),
        LoadDeref(i) => ("LOAD_DEREF", a(i)),
        StoreDeref(i) => ("STORE_DEREF", a(i)),
        DeleteDeref(i) => ("DELETE_DEREF", a(i)),
        LoadClassDeref(_, i) => ("LOAD_CLASSDEREF", a(i)),
        LoadGlobal(i) => ("LOAD_GLOBAL", a(i)),
        StoreGlobal(i) => ("STORE_GLOBAL", a(i)),
        DeleteGlobal(i) => ("DELETE_GLOBAL", a(i)),
        LoadName(i, _) => ("LOAD_NAME", a(i)),
        StoreName(i) => ("STORE_NAME", a(i)),
        DeleteName(i) => ("DELETE_NAME", a(i)),
        LoadAttr(i) => ("LOAD_ATTR", a(i)),
        StoreAttr(i) => ("STORE_ATTR", a(i)),
        DeleteAttr(i) => ("DELETE_ATTR", a(i)),
        LoadMethod(i) => ("LOAD_METHOD", a(i)),
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
        Unary(UnaryOp::Negative) => ("UNARY_NEGATIVE", None),
        Unary(UnaryOp::Positive) => ("UNARY_POSITIVE", None),
        Unary(UnaryOp::Not) => ("UNARY_NOT", None),
        Unary(UnaryOp::Invert) => ("UNARY_INVERT", None),
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
        CallMethod(n) => ("CALL_METHOD", a(n)),
        CallFunctionEx(f) => ("CALL_FUNCTION_EX", Some(f as i64)),
        ReturnValue => ("RETURN_VALUE", None),
        YieldValue => ("YIELD_VALUE", None),
        YieldFrom => ("YIELD_FROM", None),
        GetYieldFromIter => ("GET_YIELD_FROM_ITER", None),
        GetAwaitable => ("GET_AWAITABLE", None),
        PopTop => ("POP_TOP", None),
        Copy(n) => ("COPY", a(n)),
        Swap(n) => ("SWAP", a(n)),
        BuildList(n) => ("BUILD_LIST", a(n)),
        BuildTuple(n) => ("BUILD_TUPLE", a(n)),
        BuildSet(n) => ("BUILD_SET", a(n)),
        BuildMap(n) => ("BUILD_MAP", a(n)),
        BuildSlice(n) => ("BUILD_SLICE", a(n)),
        ListAppend(n) => ("LIST_APPEND", a(n)),
        SetAdd(n) => ("SET_ADD", a(n)),
        MapAdd(n) => ("MAP_ADD", a(n)),
        ListExtend(n) => ("LIST_EXTEND", a(n)),
        SetUpdate(n) => ("SET_UPDATE", a(n)),
        DictUpdate(n) => ("DICT_UPDATE", a(n)),
        DictMerge(n) => ("DICT_MERGE", a(n)),
        ListToTuple => ("LIST_TO_TUPLE", None),
        BinarySubscr => ("BINARY_SUBSCR", None),
        StoreSubscr => ("STORE_SUBSCR", None),
        DeleteSubscr => ("DELETE_SUBSCR", None),
        UnpackSequence(n) => ("UNPACK_SEQUENCE", a(n)),
        UnpackEx(b, c) => ("UNPACK_EX", Some(b as i64 | (c as i64) << 8)),
        FormatValue(c, s) => ("FORMAT_VALUE", Some(c as i64 + if s { 4 } else { 0 })),
        BuildString(n) => ("BUILD_STRING", a(n)),
        MakeFunction(_, f) => ("MAKE_FUNCTION", Some(f as i64)),
        LoadBuildClass => ("LOAD_BUILD_CLASS", None),
        RaiseVarargs(n) => ("RAISE_VARARGS", a(n)),
        SetupFinally(t) => ("SETUP_FINALLY", a(t)),
        PopBlock => ("POP_BLOCK", None),
        PushExcInfo => ("PUSH_EXC_INFO", None),
        PopExcept => ("POP_EXCEPT", None),
        CheckExcMatch => ("CHECK_EXC_MATCH", None),
        Reraise => ("RERAISE", Some(0)),
        BeforeWith => ("BEFORE_WITH", None),
        WithExit => ("WITH_EXIT", None),
        WithExceptStart => ("WITH_EXCEPT_START", None),
        ImportName(i, _) => ("IMPORT_NAME", a(i)),
        ImportFrom(i) => ("IMPORT_FROM", a(i)),
        ImportStar => ("IMPORT_STAR", None),
        LoadAssertionError => ("LOAD_ASSERTION_ERROR", None),
        FusedFastConstCompareJump(..) => ("FUSED_FAST_CONST_COMPARE_JUMP", None),
        FusedFastConstOpStore(..) => ("FUSED_FAST_CONST_OP_STORE", None),
        FusedFastConstOpStoreJump(..) => ("FUSED_FAST_CONST_OP_STORE_JUMP", None),
        FusedLoadLoadBinop(..) => ("FUSED_LOAD_LOAD_BINARY_OP", None),
        FusedLoadLoadOpStore(..) => ("FUSED_LOAD_LOAD_OP_STORE", None),
        FusedLoadBinop(..) => ("FUSED_LOAD_BINARY_OP", None),
        FusedLoadCompareJump(..) => ("FUSED_LOAD_COMPARE_JUMP", None),
        FusedCompareJump(..) => ("FUSED_COMPARE_JUMP", None),
        FusedIsJump(..) => ("FUSED_IS_JUMP", None),
        FusedConstIsJump(..) => ("FUSED_CONST_IS_JUMP", None),
        FusedFastConstIsJump(..) => ("FUSED_FAST_CONST_IS_JUMP", None),
        FusedLoadLoad(..) => ("FUSED_LOAD_LOAD", None),
        FusedLoadCall(_, n) => ("FUSED_LOAD_CALL", a(u32::from(n))),
        FusedLoadCallMethod(_, n) => ("FUSED_LOAD_CALL_METHOD", a(u32::from(n))),
        FusedFastJump(..) => ("FUSED_FAST_JUMP", None),
        FusedReturnFast(..) => ("FUSED_RETURN_FAST", None),
        FusedReturnConst(..) => ("FUSED_RETURN_CONST", None),
        FusedGlobalJump(..) => ("FUSED_GLOBAL_JUMP", None),
        FusedGlobalCompareJump(..) => ("FUSED_GLOBAL_COMPARE_JUMP", None),
        FusedForIterStore(..) => ("FUSED_FOR_ITER_STORE", None),
        FusedForIterUnpackStore2(..) => ("FUSED_FOR_ITER_UNPACK_STORE2", None),
        FusedUnpackStore(n, ..) => ("FUSED_UNPACK_STORE", a(u32::from(n))),
        FusedDupSubscr => ("FUSED_DUP_SUBSCR", None),
        FusedFastConstDupSubscr(..) => ("FUSED_FAST_CONST_DUP_SUBSCR", None),
        FusedOpStoreSubscr(..) => ("FUSED_OP_STORE_SUBSCR", None),
        LoadAttrCached(s) => ("LOAD_ATTR_CACHED", a(s)),
        StoreAttrCached(s) => ("STORE_ATTR_CACHED", a(s)),
        LoadMethodCached(s) => ("LOAD_METHOD_CACHED", a(s)),
        LoadFastAttrCached(..) => ("LOAD_FAST_ATTR_CACHED", None),
        LoadFastAttrUpdate(..) => ("LOAD_FAST_ATTR_UPDATE", None),
        LoadFastAttrBinop(..) => ("LOAD_FAST_ATTR_BINOP", None),
        LoadFastAttrCompareJump(..) => ("LOAD_FAST_ATTR_COMPARE_JUMP", None),
        LoadGlobalAttrCached(..) => ("LOAD_GLOBAL_ATTR_CACHED", None),
        LoadGlobalAttrCompareJump(..) => ("LOAD_GLOBAL_ATTR_COMPARE_JUMP", None),
        StoreFastAttrCached(..) => ("STORE_FAST_ATTR_CACHED", None),
        LoadFastMethodCached(..) => ("LOAD_FAST_METHOD_CACHED", None),
        LoadFastMethodCall(_, _, arg) => ("LOAD_FAST_METHOD_CALL", a(u32::from(arg.is_some()))),
        LoadFastAttrStoreFast(..) => ("LOAD_FAST_ATTR_STORE_FAST", None),
        LoadFastStoreFastAttr(..) => ("LOAD_FAST_STORE_FAST_ATTR", None),
        CallComprehension(i) => ("CALL_COMPREHENSION", a(i)),
    }
}

/// The target of a jump instruction.
pub fn jump_target(op: &Op) -> Option<u32> {
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

impl Code {
    /// The argument note `dis` prints in parentheses.
    fn note(&self, op: &Op, repr: &dyn Fn(&Value) -> String) -> String {
        use Op::*;
        let name = |t: &[Arc<PyStr>], i: u32| {
            t.get(i as usize)
                .map(|s| s.as_str().to_string())
                .unwrap_or_default()
        };
        let cell = |i: u32| {
            let i = i as usize;
            self.cellvars
                .get(i)
                .or_else(|| self.freevars.get(i - self.cellvars.len().min(i)))
                .map(|s| s.as_str().to_string())
                .unwrap_or_default()
        };
        match *op {
            LoadConst(i) | KwNames(i) => self.consts.get(i as usize).map(repr).unwrap_or_default(),
            LoadFast(i) | StoreFast(i) | DeleteFast(i) => name(&self.varnames, i),
            LoadDeref(i) | StoreDeref(i) | DeleteDeref(i) | LoadClassDeref(_, i) => cell(i),
            LoadGlobal(i) | StoreGlobal(i) | DeleteGlobal(i) => name(&self.global_names, i),
            LoadName(i, _)
            | StoreName(i)
            | DeleteName(i)
            | LoadAttr(i)
            | StoreAttr(i)
            | DeleteAttr(i)
            | LoadMethod(i)
            | ImportName(i, _)
            | ImportFrom(i) => name(&self.names, i),
            BinaryOp(op, inplace) => format!("{}{}", op.symbol(), if inplace { "=" } else { "" }),
            CompareOp(op) => op.symbol().to_string(),
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

    /// A `dis.dis`-style listing of this code object and its children;
    /// `repr` renders constants.
    pub fn disassemble(&self, repr: &dyn Fn(&Value) -> String) -> String {
        let mut out = String::new();
        if !self.flags.has(CodeFlags::MODULE) {
            let _ = writeln!(
                out,
                "Disassembly of <code object {} at line {}>:",
                self.name.as_str(),
                self.first_line
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
            let note = self.note(op, repr);
            let mut row = format!("{line_col}     {mark} {:>4} {name:<21}", i * 2);
            if let Some(a) = arg {
                let _ = write!(row, "{a:>3}");
                if !note.is_empty() {
                    let _ = write!(row, " ({note})");
                }
            }
            let _ = writeln!(out, "{}", row.trim_end());
        }
        for child in self.children.iter() {
            out.push('\n');
            out.push_str(&child.disassemble(repr));
        }
        out
    }
}
