"""Task tables (重点任务分工表): one numbered paragraph per row, its departments on a duty line."""

from __future__ import annotations

from clauses.parsing.html import html_to_text
from clauses.parsing.tasktables import expand_flattened_tables, task_table_paragraphs
from clauses.parsing.types import Block

HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]


def test_each_row_becomes_a_numbered_task_its_duty_line_and_its_other_columns():
    rows = [HEADER,
            ["1", "优化产业承接布局。", "省发展改革委", "省经信厅、省科技厅", "2025年底前"],
            ["2", "建设承接产业转移示范区。", "省经信厅", "", "长期坚持"]]
    assert task_table_paragraphs(rows) == [
        "1．优化产业承接布局。", "牵头单位：省发展改革委；配合单位：省经信厅、省科技厅", "完成时限：2025年底前",
        "2．建设承接产业转移示范区。", "牵头单位：省经信厅", "完成时限：长期坚持",
    ]


def test_the_tables_own_headers_are_printed_and_the_last_task_column_is_the_task():
    rows = [["一级任务", "具体任务", "牵头部门", "参与部门"],
            ["推动产业承接", "建设标准厂房。", "市工业和信息化局", "市自然资源和规划局"]]
    assert task_table_paragraphs(rows) == [
        "1．建设标准厂房。", "牵头部门：市工业和信息化局；参与部门：市自然资源和规划局", "一级任务：推动产业承接"]


def test_a_department_column_is_recognised_by_every_label_a_duty_line_may_have():
    # 参加单位 is a duty line's label (responsibility.py), so it heads a department column too.
    rows = [["序号", "工作任务", "主办单位", "参加单位"], ["1", "举办产业转移对接活动。", "省商务厅", "省贸促会"]]
    assert task_table_paragraphs(rows) == ["1．举办产业转移对接活动。", "主办单位：省商务厅；参加单位：省贸促会"]


def test_a_table_without_a_task_or_a_department_column_is_not_a_task_table():
    assert task_table_paragraphs([["联系人", "电话"], ["张三", "027-87654321"]]) is None
    assert task_table_paragraphs([["序号", "重点任务", "完成时限"], ["1", "建设园区。", "2025年"]]) is None
    assert task_table_paragraphs([HEADER]) is None


HTML_TABLE = """<table border="1">
<tr><th>序 号</th><th>重点任务</th><th>牵头单位</th><th>配合单位</th><th>完成时限</th></tr>
<tr><td>1</td><td><p>优化产业承接布局，</p><p>引导鄂西北地区承接产业转移。</p></td><td>省发展改革委</td>
<td>省经信厅<br>省科技厅</td><td rowspan="2">2025年底前</td></tr>
<tr><td>2</td><td>建设承接产业转移示范区。</td><td>省经信厅</td><td>省商务厅</td></tr>
</table>
<p>联系人：张三</p>"""


def test_an_html_task_table_reads_as_paragraphs_with_spanned_cells_repeated_and_br_names_listed():
    assert html_to_text(f"<html><body>{HTML_TABLE}</body></html>").split("\n") == [
        "1．优化产业承接布局，引导鄂西北地区承接产业转移。", "牵头单位：省发展改革委；配合单位：省经信厅、省科技厅",
        "完成时限：2025年底前",
        "2．建设承接产业转移示范区。", "牵头单位：省经信厅；配合单位：省商务厅", "完成时限：2025年底前",
        "联系人：张三",
    ]


def test_any_other_html_table_keeps_one_line_per_row():
    html = "<html><body><p>附表</p><table><tr><td>联系人</td><td>张三</td></tr><tr><td>电话</td><td>1</td></tr></table></body></html>"
    assert html_to_text(html).split("\n") == ["附表", "联系人张三", "电话1"]


def flattened(*texts: str) -> list[str]:
    return [block.text for block in expand_flattened_tables([Block(text) for text in texts])]


def test_a_table_flattened_a_line_per_row_reads_as_tasks():
    assert flattened("重点任务分工表", "序号 重点任务 牵头单位 配合单位 完成时限",
                     "1 优化产业承接布局。 省发展改革委 省经信厅、省科技厅 2025年底前",
                     "2 建设示范区。 省经信厅 省商务厅 长期坚持", "联系人：张三") == [
        "重点任务分工表",
        "1．优化产业承接布局。", "牵头单位：省发展改革委；配合单位：省经信厅、省科技厅", "完成时限：2025年底前",
        "2．建设示范区。", "牵头单位：省经信厅；配合单位：省商务厅", "完成时限：长期坚持",
        "联系人：张三",
    ]


def test_a_row_with_an_empty_cell_is_kept_as_printed():
    """Three cells under four headers: which one is empty can not be told, so the row is not guessed."""
    assert flattened("序号 重点任务 牵头单位 配合单位 完成时限", "1 建设示范区。 省经信厅 省商务厅 长期坚持",
                     "2 支持县域承接。 各县（市、区）人民政府 2025年")[-1] == "2 支持县域承接。 各县（市、区）人民政府 2025年"


CELLS = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限",
         "1", "优化产业承接布局。", "省发展改革委", "省经信厅、省科技厅", "2025年底前",
         "2", "建设示范区。", "省经信厅", "省商务厅", "长期坚持"]


def test_a_table_flattened_a_line_per_cell_reads_as_tasks():
    assert flattened(*CELLS) == [
        "1．优化产业承接布局。", "牵头单位：省发展改革委；配合单位：省经信厅、省科技厅", "完成时限：2025年底前",
        "2．建设示范区。", "牵头单位：省经信厅；配合单位：省商务厅", "完成时限：长期坚持",
    ]


def test_a_line_per_cell_row_shifted_by_an_empty_cell_and_what_follows_are_kept_as_printed():
    texts = CELLS + ["3", "支持县域承接。", "各县（市、区）人民政府", "2025年", "联系人：张三"]
    assert flattened(*texts)[6:] == ["3", "支持县域承接。", "各县（市、区）人民政府", "2025年", "联系人：张三"]


def test_lines_that_only_look_like_a_header_are_left_alone():
    texts = ["序号", "项目名称", "建设内容", "1", "标准厂房", "10万平方米"]
    assert flattened(*texts) == texts
