#!/usr/bin/env bash
# Tests: exactly the README's command, after making sure the browser the
# report page's test needs is installed. Property tests use bounded case
# counts; set PROPTEST_CASES to raise them.
set -euo pipefail
bash "$(dirname "$0")/chromium.sh"
cargo test --workspace
