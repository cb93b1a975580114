#!/usr/bin/env bash
# Lints: every crate and every target (tests, examples, benches), warnings denied.
set -euo pipefail
cargo clippy --workspace --all-targets -- -D warnings
