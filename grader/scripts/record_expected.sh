#!/usr/bin/env bash
# Records the reference solution's trace of every run of every check, so that a
# failing run can be drawn beside the expected one:
#   exercises/NN-topic/checks/expected/<check>.<n>.trace
# Run it after changing an exercise's checks or solution, and commit the result.
#
#   bash grader/scripts/record_expected.sh            # every exercise
#   bash grader/scripts/record_expected.sh 04-gather  # one
#
# It puts each solution in place of the learner's file for the duration, and always
# puts the learner's file back (a copy is also left in target/record-expected/).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
keep="$root/target/record-expected"
mkdir -p "$keep"

exercises=("$@")
if [ ${#exercises[@]} -eq 0 ]; then
    for dir in exercises/*/; do exercises+=("$(basename "$dir")"); done
fi

for name in "${exercises[@]}"; do
    dir="exercises/$name"
    files=$(python3 -c 'import sys,tomllib; print(" ".join(tomllib.load(open(sys.argv[1],"rb"))["files"]))' "$dir/exercise.toml")
    package=$(sed -n 's/^name = "\(.*\)"/\1/p' "$dir/Cargo.toml" | head -1)
    restore() {
        for file in $files; do cp "$keep/$name.$(basename "$file")" "$dir/$file"; done
    }
    for file in $files; do
        cp "$dir/$file" "$keep/$name.$(basename "$file")"
    done
    trap restore EXIT
    for file in $files; do
        cp "solutions/$name/$(basename "$file")" "$dir/$file"
    done
    rm -rf "$dir/checks/expected"
    echo "recording $name"
    WORKBOOK_RECORD_EXPECTED=1 INSTA_UPDATE=no cargo test -q -p "$package" -- --test-threads=1 >/dev/null
    restore
    trap - EXIT
done
