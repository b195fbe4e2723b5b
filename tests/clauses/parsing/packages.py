"""ZIP packages made in memory, for the tests of files that are ZIP inside (.docx, archives)."""

from __future__ import annotations

import io
import zipfile


def zipped(members: dict[str, bytes]) -> bytes:
    """A ZIP package holding ``members`` (name → content)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for member, content in members.items():
            package.writestr(member, content)
    return buffer.getvalue()
