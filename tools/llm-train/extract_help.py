#!/usr/bin/env python3
"""Extracts the shell's help texts from the kernel sources for the language-model corpus.

Every command registers itself with SIS_COMMAND("name", "summary", "usage", fn) (and
benchmarks with SIS_BENCH); this prints what `help` and `help NAME` would show, without
booting the kernel (the kernel image embeds the model, so booting it to train the model
would be circular).

usage: extract_help.py KERNEL_DIR > shell-help.txt
"""
import os
import re
import sys

STRING = r'"(?:[^"\\]|\\.)*"'
MACRO = re.compile(r'SIS_(COMMAND|BENCH)\(\s*((?:' + STRING + r'\s*,?\s*)+)', re.S)


def literal_groups(args):
    """Splits the macro's leading arguments into strings, joining adjacent literals."""
    out, cur = [], None
    pos = 0
    for m in re.finditer(STRING + r'|,', args):
        tok = m.group(0)
        if tok == ',':
            if cur is not None:
                out.append(cur)
            cur = None
            continue
        s = bytes(tok[1:-1], 'utf-8').decode('unicode_escape')
        cur = s if cur is None else cur + s
    if cur is not None:
        out.append(cur)
    return out


def main():
    root = sys.argv[1]
    entries = []
    for dirpath, _, files in os.walk(root):
        for f in sorted(files):
            if not f.endswith('.cpp'):
                continue
            text = open(os.path.join(dirpath, f), encoding='utf-8', errors='replace').read()
            for m in MACRO.finditer(text):
                if '#define' in text[max(0, m.start() - 40):m.start()]:
                    continue
                parts = literal_groups(m.group(2))
                if len(parts) >= 3:
                    entries.append((m.group(1), parts[0], parts[1], parts[2]))
    entries.sort(key=lambda e: (e[0], e[1]))
    print('SIS shell commands (help)\n')
    for kind, name, summary, usage in entries:
        if kind == 'COMMAND':
            print(f'{name} - {summary}\nusage: {usage}\n')
    print('SIS benchmarks (bench list)\n')
    for kind, name, summary, usage in entries:
        if kind == 'BENCH':
            print(f'bench {name} - {summary}\nusage: {usage}\n')


if __name__ == '__main__':
    main()
