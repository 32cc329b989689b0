#!/usr/bin/env python3
"""Sends llm.ask requests over a running VM's control socket (docs/protocol.md) and prints
one JSON line per question: {"question_kind", "ok", "error_class", "command", "needs_value",
"from_question", "passages",
"answer", "live_state"}. Used by tests/llm/test_llm_ask_guest.sh (prompt text is data).

usage: control_ask.py CONTROL_SOCKET QUESTIONS.json   (a JSON list of [kind, question])
"""
import json
import socket
import sys


def main():
    sock_path, questions_path = sys.argv[1], sys.argv[2]
    questions = json.load(open(questions_path))
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(120)
    s.connect(sock_path)
    f = s.makefile("rwb", buffering=0)

    def read_line():
        line = f.readline()
        if not line:
            raise SystemExit("control socket closed")
        return json.loads(line)

    while read_line().get("type") != "greeting":
        pass
    f.write(b'{"type":"hello","capabilities":[]}\n')
    next_id = 1
    for kind, q in questions + [["ping", None]]:
        if kind == "ping":
            req = {"type": "request", "id": next_id, "method": "sys.ping", "params": {}}
        else:
            req = {"type": "request", "id": next_id, "method": "llm.ask", "params": {"question": q}}
        f.write(json.dumps(req).encode() + b"\n")
        while True:
            m = read_line()
            if m.get("type") == "response" and m.get("id") in (next_id, None):
                break
        next_id += 1
        out = {"question_kind": kind, "ok": "result" in m}
        if "error" in m:
            out["error_class"] = m["error"].get("class")
            out["error_message"] = m["error"].get("message")
        r = m.get("result", {})
        out["command"] = (r.get("command") or {}).get("line")
        out["needs_value"] = (r.get("command") or {}).get("needs_value")
        out["from_question"] = (r.get("command") or {}).get("from_question")
        out["passages"] = [p["doc"] + " § " + p["section"] for p in r.get("passages", [])]
        out["answer"] = r.get("answer")
        out["live_state"] = r.get("live_state")
        print(json.dumps(out))


main()
