"""HTML → plain text, keeping the article and dropping the page around it.

News pages (seed 001) wrap the text in ``<p>``/``<font>`` and surround it
with style blocks, QR-code boxes, comments and an editor line. Only text in
content elements survives; every block element ends a paragraph.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
               "section", "article", "table", "blockquote"}
_SKIPPED_TAGS = {"script", "style", "noscript", "iframe", "template", "head", "svg",
                 "nav", "footer", "header", "aside", "form", "button", "select"}
# Page chrome recognised by class names common on Chinese news sites.
_CHROME_CLASS = re.compile(r"qr|editor|share|footer|comment|advert|\bad\b|toolbar|related", re.I)
_VOID_TAGS = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed",
              "source", "track", "wbr"}

HTML_SIGNATURE = re.compile(r"<(p|div|br|html|body|font|span|table)\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    return len(HTML_SIGNATURE.findall(text)) >= 2


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_stack:
            if tag not in _VOID_TAGS:
                self._skip_stack.append(tag)
            return
        classes = " ".join(value or "" for key, value in attrs if key in ("class", "id"))
        if tag in _SKIPPED_TAGS or (classes and _CHROME_CLASS.search(classes)):
            if tag not in _VOID_TAGS:
                self._skip_stack.append(tag)
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skip_stack:
            # Pop to the matching open tag; tolerate unclosed inner tags.
            if tag in self._skip_stack:
                while self._skip_stack and self._skip_stack.pop() != tag:
                    pass
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_stack:
            self.parts.append(data)

    # Comments, declarations and processing instructions carry no content.
    def handle_comment(self, data: str) -> None:
        return

    def handle_decl(self, decl: str) -> None:
        return


def html_to_text(html: str) -> str:
    """The visible article text, one paragraph per line."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    text = "".join(extractor.parts)
    lines = [line.strip(" \t") for line in text.split("\n")]
    return "\n".join(line for line in lines if line.strip())
