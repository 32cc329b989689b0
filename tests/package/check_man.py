#!/usr/bin/env python3
"""Fails when a man page has drifted from its program's --help, or when groff warns about it.

  check_man.py SISCTL SIS_CONTROL_CENTER|- MAN_DIR

sisctl.1 must name every command `sisctl --help` lists (as a bold .B entry), every SSH
option `sisctl --host HOST --help` lists, and every SIS_* environment variable that any
`sisctl COMMAND --help` mentions. sis-control-center.1 must
describe every option `sis-control-center --help` lists ("-" when the app was not built).
Both must format without a single groff warning (-ww).
"""
import os
import re
import subprocess
import sys


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, **kw)


def groff_warnings(page):
    r = run(["groff", "-man", "-ww", "-z", "-t", page], env={**os.environ, "LC_ALL": "C.UTF-8"})
    return [f"{os.path.basename(page)}: groff: {line}" for line in (r.stderr.strip().splitlines())]


def man_text(page):
    with open(page, encoding="utf-8") as f:
        return f.read()


def check_sisctl(sisctl, page):
    problems = groff_warnings(page)
    text = man_text(page)
    overview = run([sisctl, "--help"]).stdout
    commands = re.findall(r"^  ([a-z]+)\s{2,}", overview.split("Commands:", 1)[-1], re.M)
    if len(commands) < 10:
        problems.append(f"sisctl --help lists only {commands}: the parser here is out of date")
    for c in commands:
        if not re.search(rf"^\.B {c}$", text, re.M):
            problems.append(f"sisctl.1: no '.B {c}' entry for the command '{c}'")
    env_vars = set(re.findall(r"SIS_[A-Z_]+", overview))
    for c in commands:
        if c in ("help", "version"):
            continue
        r = run([sisctl, c, "--help"])
        env_vars |= set(re.findall(r"\$?(SIS_[A-Z_]+)", r.stdout + r.stderr))
    # The SSH options of `sisctl --host HOST --help` (they come before any command).
    remote = run([sisctl, "--host", "example.invalid", "--help"]).stdout
    ssh_part = remote.split("SSH options", 1)[-1].split("Exit status", 1)[0]
    ssh_options = re.findall(r"^  (--[a-z-]+)", ssh_part, re.M)
    if len(ssh_options) < 4:
        problems.append(f"sisctl --host ... --help lists only the SSH options {ssh_options}: the parser here is out of date")
    plain = text.replace("\\-", "-")
    for o in ssh_options:
        if not re.search(rf"^\.BI? {re.escape(o)}\b", plain, re.M):
            problems.append(f"sisctl.1: the SSH option {o} (in sisctl --host HOST --help) is not described")
    for v in sorted(env_vars):
        if not re.search(rf"^\.B {v}$", text, re.M):
            problems.append(f"sisctl.1: the environment variable {v} (in sisctl's --help) is not in ENVIRONMENT")
    return problems


def check_app(app, page):
    problems = groff_warnings(page)
    if app == "-":
        return problems
    text = man_text(page).replace("\\-", "-")
    r = run([app, "--help"], env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    options = re.findall(r"^\s+(?:-\w, )?(--[a-z-]+)", r.stdout, re.M)
    if len(options) < 4:
        problems.append(f"sis-control-center --help lists only {options}: the parser here is out of date")
    for o in options:
        if o not in text:
            problems.append(f"sis-control-center.1: the option {o} (in --help) is not described")
    return problems


def main():
    sisctl, app, man_dir = sys.argv[1:4]
    problems = check_sisctl(sisctl, os.path.join(man_dir, "sisctl.1"))
    problems += check_app(app, os.path.join(man_dir, "sis-control-center.1"))
    for p in problems:
        print(p)
    print(f"check_man: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
