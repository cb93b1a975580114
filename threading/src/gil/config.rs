//! # GIL configuration: which CPython era the interpreter imitates
//!
//! Three switching protocols ([`GilMode`]), two places where the eval loop
//! looks at the eval breaker ([`CheckPolicy`]), and the presets that bundle
//! them the way real CPython versions did:
//!
//! | preset | mode | check points | Python |
//! |---|---|---|---|
//! | `"2.7"` | [`GilMode::Old`] (100 ticks) | [`CheckPolicy::EveryInstruction`] | CPython 2.7 / ≤ 3.1 |
//! | `"3.9"` | [`GilMode::New`] (5 ms) | [`CheckPolicy::EveryInstruction`] | CPython 3.2 – 3.9 |
//! | `"3.12"` | [`GilMode::New`] (5 ms) | [`CheckPolicy::CallsAndBackwardJumps`] | CPython 3.10 – 3.12 (default) |
//! | `"3.13t"` | [`GilMode::None`] | [`CheckPolicy::CallsAndBackwardJumps`] | free-threaded 3.13t (PEP 703) |
//!
//! Depends on std only.

use std::time::Duration;

/// CPython's default switch interval: `sys.getswitchinterval()` is 0.005.
pub const DEFAULT_SWITCH_INTERVAL: Duration = Duration::from_millis(5);

/// The old GIL's default check interval: `sys.getcheckinterval()` was 100
/// "ticks" (roughly bytecode instructions) in CPython 2.x.
pub const DEFAULT_OLD_CHECK_INTERVAL: u32 = 100;

/// Which GIL protocol the interpreter runs (`--gil new|old|none`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GilMode {
    /// CPython 3.2 – 3.12: a waiter that has waited one switch interval asks
    /// the holder to drop (drop request on the eval breaker), and the holder
    /// then waits until someone else has taken the GIL (FORCE_SWITCHING).
    New,
    /// CPython ≤ 3.1: the holder releases and at once re-acquires the GIL
    /// every `old_check_interval` ticks, with no handoff.
    Old,
    /// Free-threaded CPython (PEP 703, `3.13t`): no GIL at all; `take`,
    /// `drop_gil` and `check` only record the timeline.
    None,
}

impl GilMode {
    /// Parses the `--gil` spelling: `"new"`, `"old"` or `"none"`.
    pub fn parse(name: &str) -> Option<GilMode> {
        match name {
            "new" => Some(GilMode::New),
            "old" => Some(GilMode::Old),
            "none" => Some(GilMode::None),
            _ => None,
        }
    }

    /// The `--gil` spelling of this mode.
    pub fn as_str(self) -> &'static str {
        match self {
            GilMode::New => "new",
            GilMode::Old => "old",
            GilMode::None => "none",
        }
    }
}

/// Where the eval loop calls [`Gil::check`](super::Gil::check) (`--check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CheckPolicy {
    /// CPython ≤ 3.9: the eval breaker is looked at before every instruction,
    /// so a switch can land between the load and the store of `x += 1`.
    EveryInstruction,
    /// CPython ≥ 3.10: only at `RESUME` (function entry), `CALL` and
    /// `JUMP_BACKWARD`, so a plain `x += 1` loop body is never split but
    /// `x = plus_one(x)` still is.
    CallsAndBackwardJumps,
}

impl CheckPolicy {
    /// Parses the `--check` spelling: `"every-instruction"` or
    /// `"calls-and-backward-jumps"`.
    pub fn parse(name: &str) -> Option<CheckPolicy> {
        match name {
            "every-instruction" => Some(CheckPolicy::EveryInstruction),
            "calls-and-backward-jumps" => Some(CheckPolicy::CallsAndBackwardJumps),
            _ => None,
        }
    }

    /// The `--check` spelling of this policy.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckPolicy::EveryInstruction => "every-instruction",
            CheckPolicy::CallsAndBackwardJumps => "calls-and-backward-jumps",
        }
    }
}

/// Everything the GIL needs to know at start (`--as`, `--gil`,
/// `--switch-interval`, `--check`, `--timeline`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GilConfig {
    /// The switching protocol; fixed for the life of the [`Gil`](super::Gil).
    pub mode: GilMode,
    /// New GIL: how long a waiter waits before it sets the drop request.
    /// Changeable later with `Gil::set_switch_interval` (`sys.setswitchinterval`).
    pub switch_interval: Duration,
    /// Old GIL: ticks between a release and the immediate re-acquire.
    pub old_check_interval: u32,
    /// Where the VM calls `check`; read by the VM, not by the GIL.
    pub policy: CheckPolicy,
    /// Whether each thread records timeline spans in its own buffer.
    pub record_timeline: bool,
}

impl GilConfig {
    /// The configuration of a CPython version: `"2.7"`, `"3.9"`, `"3.12"` or
    /// `"3.13t"`; `None` for anything else.
    pub fn preset(version: &str) -> Option<GilConfig> {
        let (mode, policy) = match version {
            "2.7" => (GilMode::Old, CheckPolicy::EveryInstruction),
            "3.9" => (GilMode::New, CheckPolicy::EveryInstruction),
            "3.12" => (GilMode::New, CheckPolicy::CallsAndBackwardJumps),
            "3.13t" => (GilMode::None, CheckPolicy::CallsAndBackwardJumps),
            _ => return None,
        };
        Some(GilConfig {
            mode,
            switch_interval: DEFAULT_SWITCH_INTERVAL,
            old_check_interval: DEFAULT_OLD_CHECK_INTERVAL,
            policy,
            record_timeline: false,
        })
    }

    /// The names [`GilConfig::preset`] accepts, for help texts and errors.
    pub const PRESETS: [&'static str; 4] = ["2.7", "3.9", "3.12", "3.13t"];
}

impl Default for GilConfig {
    /// CPython 3.12: the new GIL, 5 ms, calls-and-backward-jumps.
    fn default() -> GilConfig {
        match GilConfig::preset("3.12") {
            Some(config) => config,
            None => unreachable!("the 3.12 preset is listed in GilConfig::preset"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_match_their_eras() {
        let old = GilConfig::preset("2.7").unwrap();
        assert_eq!(
            (old.mode, old.policy),
            (GilMode::Old, CheckPolicy::EveryInstruction)
        );
        let py39 = GilConfig::preset("3.9").unwrap();
        assert_eq!(
            (py39.mode, py39.policy),
            (GilMode::New, CheckPolicy::EveryInstruction)
        );
        let free = GilConfig::preset("3.13t").unwrap();
        assert_eq!(free.mode, GilMode::None);
        assert_eq!(GilConfig::default(), GilConfig::preset("3.12").unwrap());
        assert_eq!(
            GilConfig::default().switch_interval,
            Duration::from_millis(5)
        );
        assert!(GilConfig::preset("3.14").is_none());
        for name in GilConfig::PRESETS {
            assert!(GilConfig::preset(name).is_some(), "{name}");
        }
    }

    #[test]
    fn names_round_trip() {
        for mode in [GilMode::New, GilMode::Old, GilMode::None] {
            assert_eq!(GilMode::parse(mode.as_str()), Some(mode));
        }
        for policy in [
            CheckPolicy::EveryInstruction,
            CheckPolicy::CallsAndBackwardJumps,
        ] {
            assert_eq!(CheckPolicy::parse(policy.as_str()), Some(policy));
        }
        assert_eq!(GilMode::parse("gil"), None);
    }
}
