"""What an uploaded file carries beyond the text PolicyKB reads from it, and readers would download with it.

The reader's 原文 link serves the file byte for byte. A Word file may hold
what its author never meant to publish: reviewers' comments and tracked
deletions, which the reader leaves out of the clauses (``parsing.word``) but
which stay in the file. The upload preview says so before the editor
confirms, so they can accept the changes and delete the comments first.
"""

from __future__ import annotations

import io
import re
import zipfile

# The main document's tracked deletions and moved-away text: <w:del …> and <w:moveFrom …> elements.
_TRACKED_REMOVAL = re.compile(rb"<(?:\w+:)?(?:del|moveFrom)[\s>]")


def hidden_content_notes(raw: bytes) -> list[str]:
    """Notes (for the editor, in Chinese) on the comments and tracked deletions a Word file keeps; [] otherwise.

    Only called on a file that parsed, so a .docx is a ZIP within the reader's bounds.
    """
    if not raw.startswith(b"PK"):
        return []
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            names = set(package.namelist())
            if "word/document.xml" not in names:
                return []
            kept = []
            if "word/comments.xml" in names:
                kept.append("批注")
            if _TRACKED_REMOVAL.search(package.read("word/document.xml")):
                kept.append("修订中删除或移走的文字")
    except (zipfile.BadZipFile, KeyError, OSError):
        return []
    if not kept:
        return []
    return [f"此 Word 文件含{'和'.join(kept)}：它们不在条文中，但保留在原文文件里，读者下载原文时可以看到。"
            "如不宜公开，请在 Word 中接受或拒绝全部修订、删除批注，另存后重新上传。"]
