"""What a Word file keeps beyond the text PolicyKB reads from it: comments and tracked removals.

The reader's 原文 link serves the uploaded file byte for byte. A .docx may
hold what its author never meant to publish: reviewers' comments, and text
deleted or moved away with changes tracked, which ``word`` leaves out of the
clauses but which stay in the file. The upload preview says so before the
editor confirms. Pure: bytes in, findings out.
"""

from __future__ import annotations

import enum
import io
import re
import zipfile

from lxml import etree

from .sources import PACKAGE_ERRORS
from .word_numbering import W

# The parts whose text a reader of the file sees: the body, headers and footers, foot- and endnotes.
_TEXT_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
# Untrusted XML: no entities expanded, nothing fetched.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


class Hidden(enum.Enum):
    COMMENTS = "comments"
    TRACKED_REMOVALS = "tracked removals"  # deleted or moved-away text, still in the file


def hidden_content(raw: bytes) -> set[Hidden]:
    """What ``raw``, if it is a .docx, keeps that its text does not show; an empty set otherwise.

    For a file that parsed: a .docx is then a ZIP within the reader's bounds
    (``sources``). A deletion with no text (a paragraph mark) is no removal.
    """
    if not raw.startswith(b"PK"):
        return set()
    found = set()
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            names = package.namelist()
            if "word/document.xml" not in names:
                return set()
            if "word/comments.xml" in names and _root(package, "word/comments.xml").find(f"{W}comment") is not None:
                found.add(Hidden.COMMENTS)
            for name in filter(_TEXT_PARTS.fullmatch, names):
                if _removed_text(_root(package, name)):
                    found.add(Hidden.TRACKED_REMOVALS)
                    break
    except (*PACKAGE_ERRORS, etree.XMLSyntaxError):
        return found
    return found


def _root(package: zipfile.ZipFile, name: str):
    return etree.fromstring(package.read(name), _PARSER)


def _removed_text(root) -> bool:
    deleted = (text.text for text in root.iterfind(f".//{W}del//{W}delText"))
    moved = (text.text for text in root.iterfind(f".//{W}moveFrom//{W}t"))
    return any(text and text.strip() for text in (*deleted, *moved))
