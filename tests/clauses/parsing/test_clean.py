"""Stage 2: what is not the document is removed and becomes metadata fields."""

from __future__ import annotations

from clauses.parsing.clean import Line, clean_text
from clauses.parsing.html import html_to_text, looks_like_html


def texts(cleaned) -> list[str]:
    return [line.text for line in cleaned.lines]


# A news page modelled on seed 001: front matter, then HTML with page chrome.
NEWS_PAGE = """
---
title: '工信部：《关于促进制造业有序转移的指导意见》政策解读'
categories: 
 - 金融
 - 新浪财经
author: 新浪财经
date: Fri, 14 Jan 2022 11:00:17 GMT
---

<div>   
<p cms-style="font-L">　　<font cms-style="font-L strong-Bold">一、文件出台的背景是什么？</font></p>
<p cms-style="font-L">　　党中央、国务院高度重视产业转移工作。</p><!-- news_keyword_pub,stock, -->
<script>var headline = "二、脚本里的文字";</script>
<!-- 文末二维码 start -->
            <style>
            .appendQr_wrap&#123;border:1px solid #E6E6E6;padding:8px;&#125;
            </style>
            <div class="clearfix appendQr_wrap">
                <div class="appendQr_normal"><img src="https://n.sinaimg.cn/x.png"></div>
                <div class="appendQr_normal_txt">海量资讯、精准解读，尽在新浪财经APP</div>
            </div>
<!-- 编辑姓名及工作代码 -->
<p class="article-editor">责任编辑：李墨轩 </p>
</div>
"""


def test_html_page_keeps_only_the_article_paragraphs():
    """Style block, script, comments, the QR-code box and the editor line are dropped."""
    cleaned = clean_text(NEWS_PAGE)
    assert texts(cleaned) == ["一、文件出台的背景是什么？", "党中央、国务院高度重视产业转移工作。"]


def test_html_paragraphs_keep_their_full_width_indent_as_a_flag():
    cleaned = clean_text(NEWS_PAGE)
    assert [line.indented for line in cleaned.lines] == [True, True]


def test_html_is_recorded_as_the_source_format():
    assert clean_text(NEWS_PAGE).fields["format"] == "html"


def test_front_matter_becomes_fields_and_its_quotes_go():
    fields = clean_text(NEWS_PAGE).fields
    assert fields["front_matter.title"] == "工信部：《关于促进制造业有序转移的指导意见》政策解读"
    assert fields["front_matter.author"] == "新浪财经"
    assert fields["front_matter.date"] == "Fri, 14 Jan 2022 11:00:17 GMT"
    # "categories:" has no value on its line; its list items are not fields.
    assert "front_matter.categories" not in fields


def test_html_entities_are_unescaped():
    html = "<div><p>数据来自&#123;统计局&#125;，增长&gt;5%&amp;稳定&#x3002;</p><p>第二段&nbsp;文字。</p></div>"
    assert texts(clean_text(html)) == ["数据来自{统计局}，增长>5%&稳定。", "第二段 文字。"]


def test_an_editor_line_without_a_telltale_class_is_dropped_too():
    html = "<div><p>　　正文第一段。</p><p>责任编辑：李墨轩</p></div>"
    assert texts(clean_text(html)) == ["正文第一段。"]


def test_an_editor_line_in_plain_text_is_dropped():
    cleaned = clean_text("一、总体要求\n坚持稳中求进。\n责任编辑:张三")
    assert texts(cleaned) == ["一、总体要求", "坚持稳中求进。"]


def test_html_to_text_ends_a_paragraph_at_every_block_element_but_not_at_inline_ones():
    html = "<p>　　（一）<font>坚持市场主导</font>、<span>政府引导</span>。</p><div>第二段<br>第三段</div>"
    assert html_to_text(html) == "　　（一）坚持市场主导、政府引导。\n第二段\n第三段"


def test_plain_text_with_one_stray_tag_is_not_treated_as_html():
    assert looks_like_html("川东<达州>协同发展。") is False
    assert looks_like_html("<p>一</p><p>二</p>") is True


# A 北大法宝 export modelled on corpus 04, provenance line first.
PKULAW = (
    "# source: github mengke25/policy_text_frenq:pool/x.txt (北大法宝/pkulaw export; its own 原文链接 "
    "https://www.pkulaw.com/lar/e069.html) -- file bytes copied verbatim below this line\n"
    "    【法宝引证码】 CLI.12.4638041\n"
    "原文链接：https://www.pkulaw.com/lar/e069caa6e9e192c2d4e5fade93a3d543bdfb.html\n"
    "安徽省人民政府办公厅关于印发支持工业互联网发展若干政策的通知\n"
    "\n"
    "（皖政办秘〔2021〕82号）\n"
)


def test_pkulaw_header_lines_become_fields_and_leave_the_text():
    cleaned = clean_text(PKULAW)
    assert texts(cleaned) == ["安徽省人民政府办公厅关于印发支持工业互联网发展若干政策的通知", "",
                              "（皖政办秘〔2021〕82号）"]
    assert cleaned.fields["pkulaw_code"] == "CLI.12.4638041"


def test_the_documents_own_original_link_beats_the_url_in_the_provenance_line():
    fields = clean_text(PKULAW).fields
    assert fields["source_url"] == "https://www.pkulaw.com/lar/e069caa6e9e192c2d4e5fade93a3d543bdfb.html"


def test_provenance_line_is_kept_whole_as_a_field():
    fields = clean_text(PKULAW).fields
    assert fields["provenance"] == (
        "github mengke25/policy_text_frenq:pool/x.txt (北大法宝/pkulaw export; its own 原文链接 "
        "https://www.pkulaw.com/lar/e069.html) -- file bytes copied verbatim below this line")


def test_provenance_url_is_the_source_url_when_the_document_gives_none():
    text = ("# source: gov.cn crawl of http://www.gov.cn/zhengce/content/2018-12/10/content_5347465.htm, "
            "crawled 2019-02-17\n国务院办公厅关于进一步加大激励支持力度的通知\n国办发〔2018〕117号")
    cleaned = clean_text(text)
    assert cleaned.fields["source_url"] == "http://www.gov.cn/zhengce/content/2018-12/10/content_5347465.htm"
    assert texts(cleaned) == ["国务院办公厅关于进一步加大激励支持力度的通知", "国办发〔2018〕117号"]


def test_a_source_line_near_the_top_becomes_the_source_name():
    text = "\n工信部等十部门联合发布《关于促进制造业有序转移的指导意见》\n\n来源：工业和信息化部产业政策与法规司\n\n导 读"
    cleaned = clean_text(text)
    assert cleaned.fields["source_name"] == "工业和信息化部产业政策与法规司"
    assert texts(cleaned) == ["工信部等十部门联合发布《关于促进制造业有序转移的指导意见》", "", "", "导 读"]


def test_a_hash_line_that_is_not_the_first_line_is_text():
    cleaned = clean_text("标题\n# source: 不是来源行")
    assert texts(cleaned) == ["标题", "# source: 不是来源行"]
    assert "provenance" not in cleaned.fields


def test_blank_lines_inside_are_kept_for_page_break_repair_but_not_at_the_ends():
    cleaned = clean_text("\n\n川东(达州、南\n\n充)、川南(宜宾、泸州)\n\n\n")
    assert texts(cleaned) == ["川东(达州、南", "", "充)、川南(宜宾、泸州)"]


def test_full_width_and_tab_indentation_is_a_flag_and_leaves_the_text():
    cleaned = clean_text("\u3000\u3000为充分运用市场的逻辑。\n\t第二段。\n第三段。")
    assert cleaned.lines == [Line("为充分运用市场的逻辑。", True), Line("第二段。", True),
                             Line("第三段。", False)]


def test_runs_of_nbsp_and_ideographic_spaces_collapse_and_trailing_ones_go():
    cleaned = clean_text("国务院办公厅\u00a0\u00a0\u00a0\u00a0\n导\u3000\u3000读\n2018年12月6日\u00a0\u00a0")
    assert texts(cleaned) == ["国务院办公厅", "导 读", "2018年12月6日"]


def test_control_characters_are_removed_from_titles_text_and_fields():
    text = ("---\ntitle: 关于\x1b[31m承接\x07产业的通知\n---\n"
            "关于承接\x0c产业\x85转移的\x00通知\n\t一、总体\x7f要求\x9b。\n")
    cleaned = clean_text(text)
    assert cleaned.fields["front_matter.title"] == "关于[31m承接产业的通知"
    assert texts(cleaned) == ["关于承接产业转移的通知", "一、总体要求。"]
    assert cleaned.lines[1].indented

