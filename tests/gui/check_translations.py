#!/usr/bin/env python3
"""Fails unless SIS Control Center's German and French catalogues are complete.

For each language it runs lupdate over the app's sources into a copy of the committed .ts
(the options the build uses), so a string added to the code and missing from the catalogue
shows up as unfinished. Then every message must have a translation (no type="unfinished",
"vanished" or "obsolete", no empty form), keep the source's placeholders (%1..%99, %n) and,
where the source has a keyboard mnemonic (&File), have one too.
  check_translations.py LUPDATE SOURCE_DIR TS_FILE...
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r"%(\d{1,2}|n)")
MNEMONIC = re.compile(r"&(?!&)[^\s;&]")
ENTITY = re.compile(r"&(#\d+|[a-zA-Z]+);")


def mnemonic(text):
    return bool(MNEMONIC.search(ENTITY.sub("", text)))


def check(ts_path, lupdate, sources):
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.join(tmp, os.path.basename(ts_path))
        shutil.copy(ts_path, work)
        run = subprocess.run([lupdate, "-silent", "-no-obsolete", "-locations", "none", *sources, "-ts", work],
                             capture_output=True, text=True)
        if run.returncode != 0:
            return [f"lupdate failed: {run.stderr.strip()}"], 0
        root = ET.parse(work).getroot()
    total = 0
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            total += 1
            source = message.findtext("source") or ""
            where = f"{name}: {source[:70]!r}"
            tr = message.find("translation")
            kind = tr.get("type") if tr is not None else "missing"
            if kind in ("unfinished", "vanished", "obsolete", "missing"):
                problems.append(f"{where}: {kind}")
                continue
            forms = [f.text or "" for f in tr.iter("numerusform")] if message.get("numerus") == "yes" else [tr.text or ""]
            for form in forms:
                if not form.strip():
                    problems.append(f"{where}: empty translation")
                elif set(PLACEHOLDER.findall(form)) != set(PLACEHOLDER.findall(source)) and message.get("numerus") != "yes":
                    problems.append(f"{where}: placeholders {sorted(set(PLACEHOLDER.findall(source)))} became "
                                    f"{sorted(set(PLACEHOLDER.findall(form)))} in {form[:70]!r}")
                elif message.get("numerus") == "yes" and not set(PLACEHOLDER.findall(form)) <= set(PLACEHOLDER.findall(source)):
                    problems.append(f"{where}: a placeholder the source lacks in {form[:70]!r}")
                elif mnemonic(source) and not mnemonic(form):
                    problems.append(f"{where}: the source has a keyboard mnemonic (&), {form[:70]!r} has none")
    return problems, total


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    lupdate, source_dir, ts_files = sys.argv[1], sys.argv[2], sys.argv[3:]
    sources = sorted(glob.glob(os.path.join(source_dir, "*.cpp")) + glob.glob(os.path.join(source_dir, "*.h")))
    failed = False
    for ts in ts_files:
        problems, total = check(ts, lupdate, sources)
        print(f"{os.path.basename(ts)}: {total - len(problems)} of {total} strings translated")
        for p in problems:
            print(f"  {p}")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
