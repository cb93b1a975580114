#!/usr/bin/env bash
# Formatting: the tree must already be `cargo fmt`-clean.
set -euo pipefail
cargo fmt --all --check
