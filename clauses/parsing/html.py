"""HTML → plain text, keeping the article and dropping the page around it.

News pages (seed 001) wrap the text in ``<p>``/``<font>`` and surround it
with style blocks, QR-code boxes, comments and an editor line. Only text in
content elements survives; every block element ends a paragraph. A task
table (重点任务分工表) becomes one numbered paragraph per row with its duty
line (``tasktables.py``); any other table keeps one line per row.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .tasktables import cell_text, task_table_paragraphs

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
        self._table = _Table()

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
        self._table.start(tag, attrs, len(self.parts))
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
        start, paragraphs = self._table.end(tag)
        if paragraphs is not None:
            del self.parts[start:]
            self.parts.append("\n" + "\n".join(paragraphs) + "\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_stack:
            self.parts.append(data)
            self._table.data(data)

    # Comments, declarations and processing instructions carry no content.
    def handle_comment(self, data: str) -> None:
        return

    def handle_decl(self, decl: str) -> None:
        return


class _Table:
    """The cells of the outermost table being read; a row-spanning cell is repeated below."""

    def __init__(self) -> None:
        self.depth = 0
        self.begins_at = 0
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.spans: dict[int, tuple[int, str]] = {}  # column → (rows still covered, text)
        self.pending_span = 1

    def start(self, tag: str, attrs: list[tuple[str, str | None]], position: int) -> None:
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.begins_at, self.rows, self.spans = position, [], {}
        elif self.depth == 1 and tag == "tr":
            self.rows.append([])
            self._fill_spans()
        elif self.depth == 1 and tag in ("td", "th") and self.rows:
            self.cell = []
            span = dict(attrs).get("rowspan") or "1"
            self.pending_span = int(span) if span.isdigit() else 1
        elif self.depth == 1 and tag in ("br", "p", "div") and self.cell is not None:
            self.cell.append("\n")

    def _fill_spans(self) -> None:
        row = self.rows[-1]
        while len(row) in self.spans:
            left, text = self.spans[len(row)]
            row.append(text)
            if left <= 1:
                del self.spans[len(row) - 1]
            else:
                self.spans[len(row) - 1] = (left - 1, text)

    def data(self, text: str) -> None:
        if self.depth == 1 and self.cell is not None:
            self.cell.append(text)

    def end(self, tag: str) -> tuple[int, list[str] | None]:
        """At the end of the outermost table: where it began and its paragraphs if a task table."""
        if tag == "table" and self.depth:
            self.depth -= 1
            if self.depth == 0:
                rows = [[cell_text(cell) for cell in row] for row in self.rows if any(row)]
                return self.begins_at, task_table_paragraphs(rows)
        elif self.depth == 1 and tag in ("td", "th") and self.cell is not None and self.rows:
            text = "".join(self.cell)
            self.rows[-1].append(text)
            if self.pending_span > 1:
                self.spans[len(self.rows[-1]) - 1] = (self.pending_span - 1, text)
            self.cell = None
            self._fill_spans()
        return 0, None


def html_to_text(html: str) -> str:
    """The visible article text, one paragraph per line."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    text = "".join(extractor.parts)
    lines = [line.strip(" \t") for line in text.split("\n")]
    return "\n".join(line for line in lines if line.strip())
