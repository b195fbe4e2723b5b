"""Stage 3: repair page breaks, producing one block per paragraph.

Reads cleaned lines (blank lines kept). In the source, a blank line is
either a paragraph break or the trace of a page break that cut a word or a
list (南/充, 巩/固, a 责任单位 list split after 、). A blank line is joined
over when the text before it is running text (a full line with sentence
punctuation; titles and headings have none) that stops mid-sentence — on a character that
can not end a paragraph — and the text after it does not start a new numbered
unit, a 文号 or a signature line. Lines not separated by a blank line are
always separate paragraphs.
"""

from __future__ import annotations

from .clean import Line
from .lines import has_sentence_punctuation, is_doc_number_line, is_signature_line
from .markers import CHINESE
from .types import Block

# Characters a real paragraph (or a heading) may end with.
_PARAGRAPH_END = set("。！？；：:;!?”’」』）)〕]】》>…—-")
# A page ends a full line of print; a shorter line (组 长：王清宪 省长) ended
# where its writer ended it.
_MIN_BROKEN_LINE = 20


def _continues_after_break(before: str, after: str) -> bool:
    if not after or len(before) < _MIN_BROKEN_LINE or not has_sentence_punctuation(before):
        return False
    if is_doc_number_line(after) or is_signature_line(after):
        return False
    if before[-1] in _PARAGRAPH_END:
        return False
    if CHINESE.match(after) is not None:
        return False
    return True


def repair_page_breaks(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    blank_before = False
    for line in lines:
        if not line.text:
            blank_before = True
            continue
        if blank_before and blocks and _continues_after_break(blocks[-1].text, line.text):
            blocks[-1].text += line.text
        else:
            blocks.append(Block(text=line.text, indented=line.indented))
        blank_before = False
    return blocks
