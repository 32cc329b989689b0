#!/usr/bin/env python3
"""A stand-in for `sisctl boot --exec "procctl run --json ..."` that answers with the Linux
oracle's results in procctl's JSON format, so test_oracle_compare.sh can check the
comparison itself (quoting, JSON parsing, PID normalisation, verdicts) without the kernel.
  fake_sisctl.py boot [--quiet] [--disk IMG] [--timeout S] --exec CMD...
Environment: FAKE_SIS_ROOTFS (the rootfs the oracle runs in), FAKE_SIS_TAMPER=PROGRAM:FIELD
(make that program's result differ: FIELD exit_code or stdout)."""
import json
import os
import shlex
import subprocess
import sys

args = sys.argv[1:]
if not args or args[0] != "boot":
    sys.exit("fake_sisctl: only `boot` is faked")
cmds = [args[i + 1] for i, a in enumerate(args) if a == "--exec"]
argvs = []
list_after = cmds and cmds[-1] == "procctl list --json"  # the leak check after the cases
if list_after:
    cmds = cmds[:-1]
for cmd in cmds:
    prefix = "procctl run --json "
    if not cmd.startswith(prefix):
        sys.exit(f"fake_sisctl: cannot fake {cmd!r}")
    argvs.append(shlex.split(cmd[len(prefix):]))
oracle = os.path.join(os.path.dirname(os.path.abspath(__file__)), "oracle.py")
r = subprocess.run([sys.executable, oracle, "linux", os.environ["FAKE_SIS_ROOTFS"], "--argv-json", json.dumps(argvs)],
                   stdout=subprocess.PIPE, text=True, check=True)
tamper_prog, _, tamper_field = os.environ.get("FAKE_SIS_TAMPER", "").partition(":")
for cmd, argv, res in zip(cmds, argvs, json.loads(r.stdout)):
    if argv[0] == f"/bin/{tamper_prog}":
        if tamper_field == "exit_code":
            res["exit_code"] = (res["exit_code"] or 0) + 1
        else:
            res["stdout"] += "one more line\n"
    print(f"sis> {cmd}")
    print(json.dumps({k: res[k] for k in ("pid", "status", "exit_code", "signal", "stdout", "stderr")},
                     separators=(",", ":")))
if list_after:  # what the kernel says once every program is gone (the sigreturn page stays)
    print("sis> procctl list --json")
    print(json.dumps({"processes": [], "user_pages": 1, "shared_pages": 0}, separators=(",", ":")))
