"""Plain-SVG drawing helpers shared by the tutorial diagrams (no dependencies, so any
machine that builds SIS can redraw them): text, arrows, boxes and word wrapping."""
import math
from xml.sax.saxutils import escape


def text(x, y, s, size=12, anchor="start", weight="normal", fill="#222"):
    return (f'<text x="{x}" y="{y}" font-family="sans-serif" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}">{escape(s)}</text>')


def arrow(x1, y1, x2, y2, colour="#555"):
    """A line with a filled head at (x2, y2), drawn as a path (no markers: not every renderer has them)."""
    a = math.atan2(y2 - y1, x2 - x1)
    head = [(x2, y2), (x2 - 9 * math.cos(a - 0.4), y2 - 9 * math.sin(a - 0.4)),
            (x2 - 9 * math.cos(a + 0.4), y2 - 9 * math.sin(a + 0.4))]
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in head)
    return (f'<path d="M{x1} {y1} L{x2} {y2}" stroke="{colour}" stroke-width="2"/>'
            f'<polygon points="{pts}" fill="{colour}"/>')


def box(x, y, w, h, colour, title=None, lines=(), title_size=13, line_size=11):
    """A rounded box with an optional bold title and lines of text under it."""
    parts = [f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="{colour}" stroke="#555"/>']
    top = y + 18
    if title:
        parts.append(text(x + 8, top, title, title_size, weight="bold"))
        top += 20
    for j, line in enumerate(lines):
        parts.append(text(x + 8, top + 14 * j, line, line_size))
    return "".join(parts)


def wrap(s, width):
    words, lines, cur = s.split(), [], ""
    for w in words:
        if len(cur) + len(w) + 1 > width and cur:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    return lines + [cur]


def document(width, height, parts):
    """The whole SVG document, white background first."""
    head = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
            f'<rect width="{width}" height="{height}" fill="white"/>']
    return "\n".join(head + list(parts) + ["</svg>"]) + "\n"
