"""Escaping text for the WordprocessingML and DrawingML the writer generates as text.

Small functions instead of ``xml.sax.saxutils``: importing that module pulls in
``urllib.request``, ``http.client`` and ``ssl`` (about 15 ms of every build, issue 6). Most
texts need no escaping, so the common case is one scan and no copy; ``str.translate`` with a
mapping was three times slower here.
"""

from __future__ import annotations

# Control characters XML 1.0 does not allow (all but tab, newline, return). In UTF-8 each is
# one byte that never occurs inside another character's encoding.
_ILLEGAL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
# U+FFFE and U+FFFF, not allowed either.
_NONCHARACTERS = ("\ufffe".encode(), "\uffff".encode())


def xml_bytes(text: str) -> bytes:
    """``text`` (generated XML) as UTF-8 without the characters XML 1.0 forbids.

    Works on the encoded bytes, where deleting them is a single C-level pass; a regular
    expression over a big document's text took 15 ms."""
    data = text.encode("utf-8").translate(None, _ILLEGAL_BYTES)
    if b"\xef\xbf" in data:
        for seq in _NONCHARACTERS:
            data = data.replace(seq, b"")
    return data


def escape(text: str) -> str:
    """``text`` safe as element content."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def attr(text: str) -> str:
    """``text`` safe inside a double-quoted attribute value."""
    text = escape(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    return text
