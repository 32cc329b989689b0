#!/usr/bin/env python3
"""Independent NumPy reference for the SIS language model (docs/llm.md).

Reads a SIS model file (and optional LoRA adapters) with its own parser, runs the forward
pass in float64 over the whole sequence at once (full causal attention matrices, no KV
cache: a different algorithm from the kernel's token-by-token loop), and compares with a
dump from `sis-llm-run MODEL --dump FILE.json` (the kernel's portable C++ code on the host):

  - every logit vector the C++ code produced must agree within --atol (default 2e-3) in
    absolute value; the kernel computes in float32, this script in float64;
  - every greedy token must be the reference's argmax (a near-tie closer than 2 * atol
    may go either way and is reported, not failed).

usage: reference.py MODEL.bin DUMP.json [--lora ADAPTER]... [--atol X]
exit status 0 when both hold, 1 otherwise.
"""
import argparse
import json
import struct
import sys
import zlib

import numpy as np

HEADER = 128
TARGETS = ["wq", "wk", "wv", "wo", "w1", "w2", "w3"]


def parse_header(buf, want_kind):
    if buf[:8] != b"SISLLM\0\0":
        raise ValueError("bad magic")
    f = struct.unpack_from("<2I2I7I2I3I4Q16s2I", buf, 8)
    (version, hsize, kind, flags, dim, hidden, layers, heads, kv_heads, vocab, seq, theta, eps_e9,
     rank, alpha_e3, targets, tok_off, tok_size, w_off, w_size, name, payload_crc, header_crc) = f
    if version != 1 or hsize != HEADER or kind != want_kind:
        raise ValueError("unexpected version/header/kind")
    if zlib.crc32(buf[:124]) != header_crc or zlib.crc32(buf[HEADER:]) != payload_crc:
        raise ValueError("checksum mismatch")
    return dict(dim=dim, hidden=hidden, layers=layers, heads=heads, kv_heads=kv_heads, vocab=vocab,
                seq=seq, theta=float(theta), eps=eps_e9 * 1e-9, shared=bool(flags & 1), rank=rank,
                alpha=alpha_e3 / 1000.0, targets=targets, tok_off=tok_off, tok_size=tok_size,
                w_off=w_off, w_size=w_size, name=name.rstrip(b"\0").decode())


def load_model(path):
    buf = open(path, "rb").read()
    h = parse_header(buf, 1)
    w = np.frombuffer(buf, dtype="<f4", count=h["w_size"] // 4, offset=h["w_off"]).astype(np.float64)
    d, hd, kv, V = h["dim"], h["hidden"], h["dim"] * h["kv_heads"] // h["heads"], h["vocab"]
    pos = 0

    def take(*shape):
        nonlocal pos
        n = int(np.prod(shape))
        t = w[pos:pos + n].reshape(shape)
        pos += n
        return t

    m = {"emb": take(V, d), "layers": []}
    for _ in range(h["layers"]):
        m["layers"].append(dict(rms_att=take(d), wq=take(d, d), wk=take(kv, d), wv=take(kv, d), wo=take(d, d),
                                rms_ffn=take(d), w1=take(hd, d), w2=take(d, hd), w3=take(hd, d)))
    m["rms_final"] = take(d)
    m["wcls"] = m["emb"] if h["shared"] else take(V, d)
    assert pos == len(w), "weights section size does not match the dimensions"
    # Tokenizer pieces (for printing only).
    tok = buf[h["tok_off"]:h["tok_off"] + h["tok_size"]]
    n = struct.unpack_from("<I", tok, 0)[0]
    off, pieces = 24, []
    for _ in range(n):
        ln = struct.unpack_from("<H", tok, off + 4)[0]
        pieces.append(tok[off + 6:off + 6 + ln])
        off += 6 + ln
    m["pieces"] = pieces
    return h, m


def load_adapter(path, h):
    buf = open(path, "rb").read()
    a = parse_header(buf, 2)
    w = np.frombuffer(buf, dtype="<f4", count=a["w_size"] // 4, offset=a["w_off"]).astype(np.float64)
    d, hd, kv = h["dim"], h["hidden"], h["dim"] * h["kv_heads"] // h["heads"]
    dims = {"wq": (d, d), "wk": (d, kv), "wv": (d, kv), "wo": (d, d), "w1": (d, hd), "w2": (hd, d), "w3": (d, hd)}
    r, pos, out = a["rank"], 0, []
    for _ in range(h["layers"]):
        layer = {}
        for i, t in enumerate(TARGETS):
            if not a["targets"] & (1 << i):
                continue
            fin, fout = dims[t]
            A = w[pos:pos + r * fin].reshape(r, fin)
            pos += r * fin
            B = w[pos:pos + fout * r].reshape(fout, r)
            pos += fout * r
            layer[t] = (A, B)
        out.append(layer)
    assert pos == len(w)
    return a["alpha"] / r, out


def rmsnorm(x, g, eps):
    return g * (x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps))


def forward(h, m, adapters, tokens):
    """Logits for every position of `tokens` (T x vocab)."""
    d, H, KVH = h["dim"], h["heads"], h["kv_heads"]
    hs = d // H
    T = len(tokens)
    x = m["emb"][tokens]
    # RoPE: pair (2i, 2i+1) of each head rotated by pos * theta^(-2i/hs).
    freq = h["theta"] ** (-(np.arange(0, hs, 2) / hs))
    ang = np.arange(T)[:, None] * freq[None, :]
    cos, sin = np.cos(ang), np.sin(ang)

    def rope(v, nheads):
        v = v.reshape(T, nheads, hs // 2, 2)
        a, b = v[..., 0], v[..., 1]
        c, s = cos[:, None, :], sin[:, None, :]
        return np.stack([a * c - b * s, a * s + b * c], axis=-1).reshape(T, nheads * hs)

    def lin(xin, W, li, name):
        y = xin @ W.T
        for scale, layers in adapters:
            if name in layers[li]:
                A, B = layers[li][name]
                y = y + scale * ((xin @ A.T) @ B.T)
        return y

    mask = np.triu(np.full((T, T), -np.inf), k=1)
    for li, L in enumerate(m["layers"]):
        xn = rmsnorm(x, L["rms_att"], h["eps"])
        q = rope(lin(xn, L["wq"], li, "wq"), H)
        k = rope(lin(xn, L["wk"], li, "wk"), KVH)
        v = lin(xn, L["wv"], li, "wv")
        out = np.zeros((T, d))
        for hh in range(H):
            kh = hh // (H // KVH)
            qh, kk, vv = q[:, hh * hs:(hh + 1) * hs], k[:, kh * hs:(kh + 1) * hs], v[:, kh * hs:(kh + 1) * hs]
            s = qh @ kk.T / np.sqrt(hs) + mask
            s = np.exp(s - s.max(axis=1, keepdims=True))
            s /= s.sum(axis=1, keepdims=True)
            out[:, hh * hs:(hh + 1) * hs] = s @ vv
        x = x + lin(out, L["wo"], li, "wo")
        xn = rmsnorm(x, L["rms_ffn"], h["eps"])
        h1, h3 = lin(xn, L["w1"], li, "w1"), lin(xn, L["w3"], li, "w3")
        x = x + lin(h1 / (1.0 + np.exp(-h1)) * h3, L["w2"], li, "w2")
    return rmsnorm(x, m["rms_final"], h["eps"]) @ m["wcls"].T


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("dump")
    ap.add_argument("--lora", action="append", default=[])
    ap.add_argument("--atol", type=float, default=2e-3)
    args = ap.parse_args()
    h, m = load_model(args.model)
    adapters = [load_adapter(p, h) for p in args.lora]
    dump = json.load(open(args.dump))
    prompt, gen, logits = dump["prompt_tokens"], dump["tokens"], np.array(dump["logits"], dtype=np.float64)
    assert len(logits) == len(gen), "one logit vector per generated token"
    seq = prompt + gen
    ref = forward(h, m, adapters, np.array(seq[:-1] if gen else seq))
    worst, ties, bad_tokens = 0.0, 0, 0
    for i, tok in enumerate(gen):
        r = ref[len(prompt) - 1 + i]
        worst = max(worst, float(np.max(np.abs(r - logits[i]))))
        best = int(np.argmax(r))
        if best != tok:
            top2 = np.sort(r)[-2:]
            if r[best] - r[tok] < 2 * args.atol:
                ties += 1
            else:
                bad_tokens += 1
                print(f"step {i}: C++ chose {tok}, reference argmax {best} (margin {r[best] - r[tok]:.2e})")
    text = b"".join(m["pieces"][t] for t in gen if t >= 3).decode("utf-8", "replace")
    print(f"{h['name']}: {len(prompt)} prompt + {len(gen)} generated tokens, adapters {len(adapters)}; "
          f"max |logit difference| {worst:.3e} (tolerance {args.atol:.0e}); greedy tokens "
          f"{'identical' if bad_tokens == 0 else 'DIFFER'}{f' ({ties} near-ties)' if ties else ''}")
    print(f"generated text: {text!r}")
    ok = worst <= args.atol and bad_tokens == 0
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
