#!/usr/bin/env bash
# The report page's browser test (tests/main_job.rs) renders index.html in
# headless Chromium. Install Debian's `chromium` when it is missing; under CI
# (CI=true) the test fails without it, elsewhere it skips loudly.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM:-}" ]; then
    exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the report page's browser test"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
else
    echo "warning: no chromium and no apt-get; the browser test will skip (or fail under CI)" >&2
fi
