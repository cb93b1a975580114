#!/usr/bin/env bash
# Loom: model-check the threading crate's GIL state machine (take, drop,
# drop request, forced switching) under every interleaving within the
# preemption bound. Its own target dir, because `--cfg loom` rebuilds the
# crate against loom's primitives. Bounded to run in a few minutes on 2 cores;
# raise LOOM_MAX_PREEMPTIONS to explore more.
set -euo pipefail
cd "$(dirname "$0")/.."
export LOOM_MAX_PREEMPTIONS="${LOOM_MAX_PREEMPTIONS:-3}"
RUSTFLAGS="--cfg loom" CARGO_TARGET_DIR=target/loom \
    cargo test -p threading --release --test loom_gil -- --test-threads=2
