"""Escaping text for the WordprocessingML and DrawingML the writer generates as text.

Two small functions instead of ``xml.sax.saxutils``: importing that module pulls in
``urllib.request``, ``http.client`` and ``ssl`` (about 15 ms of every build, issue 6).
"""

from __future__ import annotations

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape(text: str) -> str:
    """``text`` safe as element content."""
    return text.translate(_TEXT)


def attr(text: str) -> str:
    """``text`` safe inside a double-quoted attribute value."""
    return text.translate(_ATTR)
