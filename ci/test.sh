#!/usr/bin/env bash
# Tests: exactly the README's command. Property tests use bounded case counts;
# set PROPTEST_CASES to raise them.
set -euo pipefail
cargo test --workspace
