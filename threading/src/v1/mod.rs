//! MiniPy v1's bytecode, compiler, VM, builtins and modules: they serve the
//! public API while MiniPy v2's object model, compiler and VM are built
//! beside them (`object/` and the v2 trees), and are deleted when v2 takes
//! over. Nothing new is added here.

pub mod builtins;
pub mod bytecode;
pub mod compiler;
pub mod modules;
pub mod vm;
