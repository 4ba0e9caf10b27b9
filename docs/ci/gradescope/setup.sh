#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image. The zip
# holds this file, run_autograder, and the workbook in workbook/ (see
# docs/src/instructors.md, "Gradescope"). Set AUTOGRADER to try it outside Gradescope.
set -euo pipefail
AUTOGRADER="${AUTOGRADER:-/autograder}"
WORKBOOK="$AUTOGRADER/source/workbook"

if ! command -v cc >/dev/null; then
    apt-get install -y --no-install-recommends build-essential curl ca-certificates
fi
if [ -f "$HOME/.cargo/env" ]; then . "$HOME/.cargo/env"; fi
if ! command -v cargo >/dev/null; then
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --default-toolchain stable
    . "$HOME/.cargo/env"
fi

cd "$WORKBOOK"
# The grader, then the dependencies every exercise shares (tokio, futures, the support
# crate), so that grading a submission builds only its own exercises, offline.
cargo build --locked -p grader
cargo build --locked --tests -p ex01-runtime -p ex18-graceful-shutdown
# Grading needs no reference solution: leave none where a submission could look.
rm -rf "$WORKBOOK/solutions"
