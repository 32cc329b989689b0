#!/usr/bin/env python3
"""Runs the command blocks of the tutorials and checks the output they show, so a tutorial
cannot silently rot.

A ```console block holds commands, each on a line starting with "$ " (a trailing backslash
continues it). The lines after a command, up to the next one, are the output it must print
(stdout and stderr together), line for line. Two kinds of wildcard are allowed: "..." inside
a line matches any text, and a line that is only "..." matches any number of lines. A command
must exit 0.

Each document runs in a fresh directory of its own. That directory holds a `build` link to
the build tree, a `tests` link to the source tree's tests (committed data a tutorial reads,
such as training traces; read it, never write there) and private SIS_RUNTIME_DIR and
SIS_SNAPSHOT_DIR directories. Afterwards any VM the document left running is killed.

  doctest.py --build BUILD_DIR DOC.md...   run the documents (exit 1 on any mismatch)
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

COMMAND_TIMEOUT_S = 300
SOURCE_TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # <source>/tests


class Step:
    def __init__(self, doc, line_no, command):
        self.doc, self.line_no, self.command, self.expected = doc, line_no, command, []


def parse(path):
    """The steps of every ```console block of the markdown file at path."""
    steps, in_block, current, pending = [], False, None, None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for no, line in enumerate(lines, 1):
        stripped = line.strip()
        if not in_block:
            in_block = stripped == "```console"
            current = None
            continue
        if stripped.startswith("```"):
            if pending is not None:
                raise ValueError(f"{path}:{no}: a command ends in a backslash at the end of its block")
            in_block = False
            continue
        if pending is not None:  # continuation of a command
            pending.command += "\n" + line
            if not line.endswith("\\"):
                pending = None
            continue
        if line.startswith("$ "):
            current = Step(path, no, line[2:])
            steps.append(current)
            if line.endswith("\\"):
                pending = current
        elif current is None:
            if stripped:
                raise ValueError(f"{path}:{no}: output before any command in a console block")
        else:
            current.expected.append(line)
    if in_block:
        raise ValueError(f"{path}: a console block is not closed")
    for s in steps:
        while s.expected and not s.expected[-1].strip():
            s.expected.pop()
    return steps


def line_pattern(expected):
    return re.compile("^" + ".*".join(re.escape(p) for p in expected.split("...")) + "$")


def matches(expected, actual):
    """Whether the actual output lines fit the expected ones (with the wildcards above)."""
    memo = {}

    def fit(i, j):
        key = (i, j)
        if key in memo:
            return memo[key]
        if i == len(expected):
            ok = j == len(actual)
        elif expected[i].strip() == "...":
            ok = any(fit(i + 1, k) for k in range(j, len(actual) + 1))
        else:
            ok = j < len(actual) and bool(line_pattern(expected[i]).match(actual[j])) and fit(i + 1, j + 1)
        memo[key] = ok
        return ok

    return fit(0, 0)


def kill_vms(runtime_dir):
    if not os.path.isdir(runtime_dir):
        return
    for name in os.listdir(runtime_dir):
        try:
            with open(os.path.join(runtime_dir, name, "vm.json")) as f:
                os.kill(int(json.load(f)["pid"]), 9)
        except (OSError, ValueError, KeyError, TypeError):
            pass


def run_document(path, build):
    """Runs one document's steps in order; returns the failures as text."""
    steps = parse(path)
    failures = []
    work = tempfile.mkdtemp(prefix="sis-doctest.")
    runtime = os.path.join(work, "runtime")
    env = dict(os.environ, SIS_RUNTIME_DIR=runtime, SIS_SNAPSHOT_DIR=os.path.join(work, "snapshots"))
    os.symlink(os.path.abspath(build), os.path.join(work, "build"))
    os.symlink(SOURCE_TESTS, os.path.join(work, "tests"))
    try:
        for s in steps:
            where = f"{os.path.relpath(s.doc)}:{s.line_no}"
            try:
                r = subprocess.run(["bash", "-c", s.command], cwd=work, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, timeout=COMMAND_TIMEOUT_S)
                out, code = r.stdout.decode(errors="replace"), r.returncode
            except subprocess.TimeoutExpired as e:
                out, code = (e.stdout or b"").decode(errors="replace"), "timeout"
            actual = out.rstrip("\n").split("\n") if out.strip() else []
            if code != 0:
                failures.append(f"{where}: `{s.command}` exited {code}:\n{out}")
                print(f"FAIL: {where}: {s.command} (exit {code})")
                break  # later steps depend on this one
            if not matches(s.expected, actual):
                failures.append(f"{where}: `{s.command}` printed:\n{out}\n--- the document expects:\n" +
                                "\n".join(s.expected))
                print(f"FAIL: {where}: {s.command} (output differs)")
                continue
            print(f"ok: {where}: {s.command}")
    finally:
        kill_vms(runtime)
        shutil.rmtree(work, ignore_errors=True)
    return failures


def main():
    ap = argparse.ArgumentParser(description="Run the console blocks of documents and check their output.")
    ap.add_argument("--build", required=True, help="the build directory (linked as ./build)")
    ap.add_argument("docs", nargs="+")
    a = ap.parse_args()
    failures = []
    for d in a.docs:
        try:
            failures += run_document(d, a.build)
        except ValueError as e:
            failures.append(str(e))
            print(f"FAIL: {e}")
    for f in failures:
        print("\n--- " + f, file=sys.stderr)
    print(f"{len(failures)} failure(s)" if failures else "every command printed what its document shows")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
