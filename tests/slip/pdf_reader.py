"""A minimal PDF reader for the tests: what a viewer needs to open the slip, checked from the bytes.

No PDF library is a dependency of the project (fpdf2 writes, it does not read), and poppler is
not in CI; so this reads the file as a viewer starts to: the header and `%%EOF`, the
cross-reference table (every offset must land on its object), the trailer's catalog, the page
tree (its /Count must match the pages found), each page's content stream (must inflate), and
the text, decoded through each font's ToUnicode map, as a viewer extracts it for search or copy.
"""

from __future__ import annotations

import re
import zlib

_OBJ = re.compile(rb"(\d+) 0 obj\s*")
_REF = rb"(\d+) 0 R"


class PdfError(AssertionError):
    pass


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """Object number -> (dictionary text, stream bytes), located through the xref table."""
    if not data.startswith(b"%PDF-1.") or not data.rstrip().endswith(b"%%EOF"):
        raise PdfError("not a complete PDF file (header or %%EOF missing)")
    start = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data).group(1))
    if not data[start:].startswith(b"xref"):
        raise PdfError("startxref does not point to the xref table")
    header = re.match(rb"xref\s+0 (\d+)\s+", data[start:])
    count, rows = int(header.group(1)), data[start + header.end():]
    objects = {}
    for n in range(1, count):
        offset, _gen, kind = rows[n * 20:n * 20 + 18].split()
        if kind != b"n":
            continue
        found = _OBJ.match(data, int(offset))
        if found is None or int(found.group(1)) != n:
            raise PdfError(f"xref offset of object {n} does not point to it")
        body_start = found.end()
        stream_at = data.find(b"stream", body_start)
        end_at = data.find(b"endobj", body_start)
        if 0 <= stream_at < end_at:
            head = data[body_start:stream_at]
            length = int(re.search(rb"/Length (\d+)", head).group(1))
            begin = stream_at + len(b"stream") + (2 if data[stream_at + 6:stream_at + 8] == b"\r\n" else 1)
            stream = data[begin:begin + length]
            if b"/FlateDecode" in head:
                stream = zlib.decompress(stream)
            objects[n] = (head, stream)
        else:
            objects[n] = (data[body_start:end_at], None)
    return objects


def _ref(head: bytes, key: bytes) -> int:
    return int(re.search(rb"/" + key + rb"\s+" + _REF, head).group(1))


def _unicode_map(cmap: bytes) -> dict[int, str]:
    out = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for cid, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(cid, 16)] = bytes.fromhex(uni.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            base = int(uni, 16)
            for i, cid in enumerate(range(int(low, 16), int(high, 16) + 1)):
                out[cid] = chr(base + i)
    return out


def _literal(data: bytes, i: int) -> tuple[bytes, int]:
    """A PDF literal string starting after its "(", with escapes; returns (bytes, index after ")")."""
    out, depth = bytearray(), 1
    while True:
        c = data[i]
        if c == 0x5C:  # backslash
            nxt = data[i + 1]
            if 0x30 <= nxt <= 0x37:
                digits = re.match(rb"[0-7]{1,3}", data[i + 1:i + 4]).group()
                out.append(int(digits, 8))
                i += 1 + len(digits)
                continue
            out.append({ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}.get(nxt, nxt))
            i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
        out.append(c)
        i += 1


def _page_text(content: bytes, fonts: dict[bytes, dict[int, str]]) -> str:
    lines, current, font = [], [], None
    i = 0
    tokens = re.compile(rb"/(F\d+)\s+[\d.]+\s+Tf|\(|\bET\b")
    while (m := tokens.search(content, i)) is not None:
        if m.group(1):
            font = fonts[m.group(1)]
            i = m.end()
        elif m.group() == b"ET":
            if current:
                lines.append("".join(current))
                current = []
            i = m.end()
        else:
            raw, i = _literal(content, m.end())
            cids = [int.from_bytes(raw[k:k + 2], "big") for k in range(0, len(raw), 2)]
            current.append("".join(font.get(c, "\ufffd") for c in cids))
    return "\n".join(lines)


def read(data: bytes) -> list[str]:
    """The text of each page; raises PdfError when a viewer could not open the file."""
    objects = _objects(data)
    trailer = data[data.rindex(b"trailer"):]
    catalog = objects[_ref(trailer, b"Root")][0]
    if b"/Type /Catalog" not in catalog:
        raise PdfError("the trailer's /Root is not a catalog")
    tree = objects[_ref(catalog, b"Pages")][0]
    kids = [int(k) for k in re.findall(_REF, re.search(rb"/Kids \[(.*?)\]", tree, re.S).group(1))]
    declared = int(re.search(rb"/Count (\d+)", tree).group(1))
    pages = [n for n, (head, _s) in objects.items() if re.search(rb"/Type /Page\b(?!s)", head)]
    if not (declared == len(kids) == len(pages)) or sorted(kids) != sorted(pages):
        raise PdfError(f"page tree counts {declared} pages, lists {len(kids)}, file holds {len(pages)}")
    texts = []
    for n in kids:
        head = objects[n][0]
        resources = objects[_ref(head, b"Resources")][0]
        fonts = {}
        for name, ref in re.findall(rb"/(F\d+)\s+" + _REF, resources):
            font = objects[int(ref)][0]
            fonts[name] = _unicode_map(objects[_ref(font, b"ToUnicode")][1])
        texts.append(_page_text(objects[_ref(head, b"Contents")][1], fonts))
    return texts
