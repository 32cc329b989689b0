#!/usr/bin/env python3
"""llm.man_corpus: tools/llm-train/man_corpus.py turns man-page roff into the plain text the
pretraining reads (docs/llm.md, "Pretraining on the man pages"): headings, reflowed
paragraphs, alternating fonts joined, .nf blocks kept, tables, comments and font escapes
dropped, redirect pages (.so) left out."""
import importlib.util
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "man_corpus", os.path.join(here, "..", "..", "tools", "llm-train", "man_corpus.py"))
mc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mc)

PAGE = r""".\" Copyright (c) a comment that must not appear
.TH accept 2 2022-12-04 "Linux man-pages 6.03"
.SH NAME
accept \- accept a connection on a socket
.SH SYNOPSIS
.nf
.B #include <sys/socket.h>
.PP
.BI "int accept(int " sockfd );
.fi
.SH DESCRIPTION
The
.BR accept ()
system call is used with
.RB ( SOCK_STREAM ).
It returns \fIa new\fP descriptor\(emor \-1.
.TS
tab(:);
l l.
T{
TABLE-CELL
T}
.TE
.TP
.B EAGAIN
No connection.
.SS Notes
Done\&.
"""

EXPECTED = """# accept(2)

## NAME

accept - accept a connection on a socket

## SYNOPSIS

#include <sys/socket.h>

int accept(int sockfd);

## DESCRIPTION

The accept() system call is used with (SOCK_STREAM). It returns a new descriptor - or -1.

EAGAIN No connection.

### Notes

Done.
"""

failures = 0
got = mc.page_text(PAGE)
if got != EXPECTED:
    failures += 1
    print("FAIL: page text differs\n--- got ---\n" + got + "--- expected ---\n" + EXPECTED)
if mc.page_text(".so man2/accept.2\n") is not None:
    failures += 1
    print("FAIL: a redirect page was not left out")
for bad in ("Copyright", "TABLE-CELL", "\\f", "\\(", ".BR"):
    if bad in got:
        failures += 1
        print(f"FAIL: {bad!r} leaked into the text")
print("man_corpus:", "ok" if not failures else f"{failures} failure(s)")
sys.exit(1 if failures else 0)
