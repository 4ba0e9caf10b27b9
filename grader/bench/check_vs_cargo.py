#!/usr/bin/env python3
"""Benchmark: a warm `grader check 04-gather` after a one-line edit, against a plain
`cargo test -p ex04-gather` after the same kind of edit. Prints the medians and their
ratio, measured in one run, alternating the two so machine noise hits both alike.

Works on a copy of the workbook in a temporary folder (with its own target folder), so
your exercises are never touched. Usage: python3 grader/bench/check_vs_cargo.py [runs]
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
LEARNER_FILE = os.path.join("exercises", "04-gather", "src", "gather.rs")


def main():
    subprocess.run(["cargo", "build", "-q", "-p", "grader"], cwd=ROOT, check=True)
    grader = os.path.join(ROOT, "target", "debug", "grader")
    with tempfile.TemporaryDirectory(prefix="grader-bench-") as sandbox:
        for item in ["Cargo.toml", "Cargo.lock", "rustfmt.toml", ".cargo", "exercises", "solutions", "grader", "docs"]:
            source = os.path.join(ROOT, item)
            target = os.path.join(sandbox, item)
            if os.path.isdir(source):
                shutil.copytree(source, target, ignore=shutil.ignore_patterns("target", "*.snap.new"))
            elif os.path.exists(source):
                shutil.copy(source, target)
        env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(ROOT, "target", "bench"), NO_COLOR="1")
        learner = os.path.join(sandbox, LEARNER_FILE)

        def edit(n):
            with open(learner, "a") as f:
                f.write(f"// edit {n}\n")

        grader_cmd = [grader, "--root", sandbox, "--color", "never", "check", "04-gather"]
        cargo_cmd = ["cargo", "test", "-q", "-p", "ex04-gather"]
        # Warm up: build everything once for both commands.
        print("warming up (the first build in target/bench takes a while)…", file=sys.stderr)
        subprocess.run(cargo_cmd, cwd=sandbox, env=env, capture_output=True)
        subprocess.run(grader_cmd, cwd=sandbox, env=env, capture_output=True)

        grader_times, cargo_times = [], []
        for n in range(RUNS):
            for command, times in ((grader_cmd, grader_times), (cargo_cmd, cargo_times)):
                edit(f"{n}-{len(times)}-{command[0][-6:]}")
                start = time.perf_counter()
                done = subprocess.run(command, cwd=sandbox, env=env, capture_output=True)
                times.append(time.perf_counter() - start)
                if done.returncode not in (0, 1, 101):
                    sys.exit(f"{command} failed ({done.returncode}):\n{done.stderr.decode()}")
        g, c = statistics.median(grader_times), statistics.median(cargo_times)
        print(f"runs: {RUNS} each, alternating, after a one-line edit of {LEARNER_FILE}")
        print(f"grader check 04-gather   median {g:.3f} s  (min {min(grader_times):.3f}, max {max(grader_times):.3f})")
        print(f"cargo test -p ex04-gather median {c:.3f} s  (min {min(cargo_times):.3f}, max {max(cargo_times):.3f})")
        print(f"ratio grader / cargo: {g / c:.2f}")


if __name__ == "__main__":
    main()
