#!/usr/bin/env python3
"""The committed default language model (resources/models), which a fresh clone copies
instead of training (tools/llm-train/models.cmake):
  - every file matches its SHA-256 in SHA256SUMS, and the build uses those exact bytes;
  - the training report describes these files (preset, sizes) and records its input key;
  - the model and its adapter load and generate with the kernel's inference code (sis-llm-run);
  - whether the corpus has changed since the model was trained is printed (the key the
    trainer computes for today's corpus against the recorded one). A changed corpus is not an
    error: the committed model is what ships until someone retrains it.

  check_committed_model.py SOURCE_DIR BUILD_DIR [--build-trains]
(--build-trains: the build was configured with SIS_LLM_TRAIN=ON and trained its own copy.)
"""
import hashlib
import json
import os
import subprocess
import sys


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main():
    src, build = sys.argv[1:3]
    build_trains = "--build-trains" in sys.argv[3:]
    committed = os.path.join(src, "resources", "models")
    models = os.path.join(build, "models")
    bins = os.path.join(build, "bin")
    problems = []
    sums = {}
    with open(os.path.join(committed, "SHA256SUMS")) as f:
        for line in f:
            want, name = line.rstrip("\n").split("  ", 1)
            sums[name] = want
    for name in ("sis-ops.bin", "ops-fix.lora", "sis-ops.json"):
        if name not in sums:
            problems.append(f"SHA256SUMS does not list {name}")
            continue
        got = sha256(os.path.join(committed, name))
        if got != sums[name]:
            problems.append(f"{name}: SHA-256 {got}, SHA256SUMS says {sums[name]}")
        built = os.path.join(models, name)
        if os.path.exists(built) and sha256(built) != got and not build_trains:
            problems.append(f"the build's {built} is not the committed {name}")
    with open(os.path.join(committed, "sis-ops.json")) as f:
        report = json.load(f)
    if report.get("preset") != "default":
        problems.append(f"the report is for preset {report.get('preset')}, not default")
    if report.get("model_bytes") != os.path.getsize(os.path.join(committed, "sis-ops.bin")):
        problems.append(f"the report says {report.get('model_bytes')} model bytes; sis-ops.bin has "
                        f"{os.path.getsize(os.path.join(committed, 'sis-ops.bin'))}")
    if report.get("lora", {}).get("adapter_bytes") != os.path.getsize(os.path.join(committed, "ops-fix.lora")):
        problems.append("the report's adapter size is not ops-fix.lora's")
    split = report.get("doc_split", {})
    if not split.get("heldout_files") or not split.get("model_perplexity"):
        problems.append("the report has no perplexity on the doc split (doc_split): retrain with --heldout-docs")
    run = subprocess.run([os.path.join(bins, "sis-llm-run"), os.path.join(committed, "sis-ops.bin"),
                          "--lora", os.path.join(committed, "ops-fix.lora"), "--prompt", "incident: the disk is full",
                          "--max-tokens", "8"], capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        problems.append(f"sis-llm-run on the committed model failed ({run.returncode}): {run.stderr.strip()}")
    with open(os.path.join(models, "default-train.args")) as f:
        args = [a for a in f.read().split("\n") if a]
    key = subprocess.run([os.path.join(bins, "sis-llm-train"), *args, "--out", os.devnull, "--print-key"],
                         capture_output=True, text=True, timeout=120)
    if key.returncode != 0:
        problems.append(f"sis-llm-train --print-key failed: {key.stderr.strip()}")
    elif key.stdout.strip() == report.get("cache_key"):
        print(f"the committed model was trained on today's corpus (key {report.get('cache_key')})")
    else:
        print(f"the corpus changed since the committed model was trained (key {report.get('cache_key')}, today "
              f"{key.stdout.strip()}): `cmake --build build --target sis_models_retrain` retrains it")
    for p in problems:
        print("FAIL:", p)
    print(f"check_committed_model: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
