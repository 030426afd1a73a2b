"""Escaping text for the WordprocessingML and DrawingML the writer generates as text.

Small functions instead of ``xml.sax.saxutils``: importing that module pulls in
``urllib.request``, ``http.client`` and ``ssl`` (about 15 ms of every build, issue 6). Most
texts need no escaping, so the common case is one scan and no copy; ``str.translate`` with a
mapping was three times slower here.
"""

from __future__ import annotations

import re

# Characters XML 1.0 does not allow (controls other than tab, newline, return; U+FFFE/FFFF).
ILLEGAL_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


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
