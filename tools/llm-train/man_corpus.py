#!/usr/bin/env python3
"""Plain text from Debian's Linux man pages, for pretraining the language model (docs/llm.md,
"Pretraining on the man pages"; provenance and licenses: resources/corpus/README.md).

usage: man_corpus.py OUT.txt DEB... [--sections 1,2,4,5,7,8]

Reads the roff sources inside the given .deb packages (dpkg-deb), in sorted order, and writes
one text: per page a "# name(section)" heading, "## SECTION" headings, paragraphs reflowed,
.nf blocks kept line by line. Tables (.TS/.TE), comments and pages that only redirect (.so)
are left out; font escapes are dropped. The same packages give the same bytes."""
import gzip
import io
import re
import subprocess
import sys
import tarfile

ESCAPES = [(r"\(em", " - "), (r"\(en", "-"), (r"\(aq", "'"), (r"\(dq", '"'), (r"\(lq", '"'), (r"\(rq", '"'),
           (r"\*(lq", '"'), (r"\*(rq", '"'), (r"\(bu", "*"), (r"\(co", "(c)"), (r"\(ti", "~"), (r"\(ha", "^"),
           (r"\(rs", "\\"), (r"\-", "-"), (r"\e", "\\"), (r"\&", ""), (r"\ ", " "), (r"\~", " "), (r"\|", ""),
           (r"\^", ""), (r"\c", ""), (r"\:", ""), (r"\%", "")]
FONT = re.compile(r"\\f(\[[^\]]*\]|\(..|.)")
OTHER = re.compile(r"\\(\[[^\]]*\]|\(..|\*\(..|\*.|s[-+]?\d|.)")
ALTERNATING = {"BR", "RB", "IR", "RI", "BI", "IB"}


def inline(text):
    text = FONT.sub("", text)
    for a, b in ESCAPES:
        text = text.replace(a, b)
    return OTHER.sub("", text)


def args_of(rest):
    out, cur, quoted, i = [], "", False, 0
    while i < len(rest):
        c = rest[i]
        if c == '"':
            quoted = not quoted
        elif c == " " and not quoted:
            if cur:
                out.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    if cur:
        out.append(cur)
    return out


def page_text(src):
    lines, para, nofill, in_table = [], [], False, False

    def flush():
        if para:
            lines.append(" ".join(para))
            para.clear()
        if lines and lines[-1] != "":
            lines.append("")

    for raw in src.split("\n"):
        if raw.startswith(('.\\"', "'\\\"", '.\\\\"')):
            continue
        if in_table:
            in_table = not raw.startswith(".TE")
            continue
        if raw.startswith((".", "'")):
            m = re.match(r"[.'](\S+)\s*(.*)", raw)
            if not m:
                continue
            req, rest = m.group(1), m.group(2)
            if req == "so":
                return None
            if req == "TS":
                in_table = True
                flush()
            elif req == "TH":
                a = args_of(rest)
                lines.append(f"# {inline(a[0])}({a[1] if len(a) > 1 else '?'})" if a else "#")
                lines.append("")
            elif req in ("SH", "SS"):
                flush()
                lines.append(("## " if req == "SH" else "### ") + inline(" ".join(args_of(rest))))
                lines.append("")
            elif req in ("PP", "P", "LP", "sp", "TP", "HP"):
                flush()
            elif req == "IP":
                flush()
                a = args_of(rest)
                if a:
                    para.append(inline(a[0]))
            elif req in ("nf", "EX"):
                flush()
                nofill = True
            elif req in ("fi", "EE"):
                flush()
                nofill = False
            elif req in ("B", "I", "SM", "SB") or req in ALTERNATING:
                # One font for all words, or alternating fonts joined without spaces (.BR x (2)).
                t = inline((" " if req in ("B", "I", "SM", "SB") else "").join(args_of(rest)))
                if t and nofill:
                    lines.append(t)
                elif t:
                    para.append(t)
            continue  # every other request (.RS, .RE, .in, .ad, .ft, .UR, .br, ...) only formats
        t = inline(raw)
        if nofill:
            lines.append(t)
        elif t.strip():
            para.append(t.strip())
    flush()
    return "\n".join(lines).strip() + "\n"


def main():
    args = sys.argv[1:]
    sections = "1,2,4,5,7,8"
    if "--sections" in args:
        i = args.index("--sections")
        sections = args[i + 1]
        del args[i:i + 2]
    if len(args) < 2:
        sys.exit(__doc__)
    want = set(sections.split(","))
    pages = []
    for deb in args[1:]:
        data = subprocess.run(["dpkg-deb", "--fsys-tarfile", deb], check=True, capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            for m in tar.getmembers():
                p = re.match(r"\./usr/share/man/man(\d)/(.+)\.gz$", m.name)
                if m.isfile() and p and p.group(1) in want:
                    pages.append((p.group(1), p.group(2), gzip.decompress(tar.extractfile(m).read())))
    texts, skipped = [], 0
    for sec, name, src in sorted(pages, key=lambda x: (x[0], x[1])):
        t = page_text(src.decode("utf-8", "replace"))
        if t is None:
            skipped += 1
        else:
            texts.append(t)
    out = "\n".join(texts)
    with open(args[0], "w", encoding="utf-8") as f:
        f.write(out)
    print(f"man_corpus: {len(texts)} pages ({skipped} redirects left out), {len(out.encode())} bytes "
          f"from sections {sections}", file=sys.stderr)


if __name__ == "__main__":
    main()
