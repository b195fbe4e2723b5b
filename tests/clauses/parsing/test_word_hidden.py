"""What a Word file keeps that its text does not show: found in the file's own parts, not in the text read."""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from clauses.parsing.word_hidden import Hidden, hidden_content

from .wordfiles import new_document, saved

DELETION = (f'<w:del {nsdecls("w")} w:id="1" w:author="审核人" w:date="2099-03-01T00:00:00Z">'
            '<w:r><w:delText>内部意见：暂缓印发</w:delText></w:r></w:del>')


def _with_paragraph():
    document = new_document()
    return document, document.add_paragraph("一、承接重点产业。")


def test_a_clean_file_and_a_file_that_is_no_word_file_keep_nothing():
    assert hidden_content(saved(new_document())) == set()
    assert hidden_content("一、承接重点产业。".encode()) == set()


def test_a_reviewers_comment_is_found():
    document, paragraph = _with_paragraph()
    document.add_comment(paragraph.runs, text="再斟酌", author="审核人")
    assert hidden_content(saved(document)) == {Hidden.COMMENTS}


def test_deleted_text_in_the_body_or_a_header_and_text_moved_away_are_found():
    document, paragraph = _with_paragraph()
    paragraph._p.append(parse_xml(DELETION))
    assert hidden_content(saved(document)) == {Hidden.TRACKED_REMOVALS}

    document, _ = _with_paragraph()
    document.sections[0].header.add_paragraph("页眉")._p.append(parse_xml(DELETION))
    assert hidden_content(saved(document)) == {Hidden.TRACKED_REMOVALS}

    document, paragraph = _with_paragraph()
    paragraph._p.append(parse_xml(
        f'<w:moveFrom {nsdecls("w")} w:id="2" w:author="审核人" w:date="2099-03-01T00:00:00Z">'
        '<w:r><w:t>挪走的一句</w:t></w:r></w:moveFrom>'))
    assert hidden_content(saved(document)) == {Hidden.TRACKED_REMOVALS}


def test_a_deleted_paragraph_mark_is_no_hidden_text():
    document, paragraph = _with_paragraph()
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:rPr {nsdecls("w")}><w:del w:id="3" w:author="审核人" w:date="2099-03-01T00:00:00Z"/></w:rPr>'))
    assert hidden_content(saved(document)) == set()
