"""Builds the Chromium-printed PDF fixtures beside this script (run it again to rebuild them).

A government PDF is most often a word processor's or a browser's print of
the document: fonts embedded as subsets, a running header, a page number
footer (— 3 —), paragraphs indented by two characters and justified, a
paragraph cut by a page break, a 任务分工表 with ruling lines. Chromium
prints an HTML page the same way, so the tests read what such a PDF holds
without shipping a real document. The words ⼯业和信息化部 and ⼈民政府 are
printed with Kangxi radicals (U+2F2F ⼯, U+2F08 ⼈), as WPS and Word exports
often carry them.

Usage: .venv/bin/python tests/clauses/parsing/data/pdf/make_fixtures.py
(needs Playwright and /usr/bin/chromium; the tests only read the output).
"""

from __future__ import annotations

import html
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).parent

PARAGRAPHS = [
    ("title", "湖北省人民政府办公厅关于印发湖北省推动制造业有序转移实施方案的通知"),
    ("center", "鄂政办发〔2023〕18号"),
    ("plain", "各市、州、县⼈民政府，省政府各部门："),
    ("indent", "《湖北省推动制造业有序转移实施方案》已经省人民政府同意，现印发给你们，请认真组织实施。"),
    ("right", "湖北省人民政府办公厅"),
    ("right", "2023年5月8日"),
    ("title", "湖北省推动制造业有序转移实施方案"),
    ("indent", "为贯彻落实⼯业和信息化部等十部门《关于促进制造业有序转移的指导意见》（工信部联政法〔2021〕215号）"
               "精神，推动我省积极有序承接制造业转移，结合我省实际，制定本方案。"),
    ("heading", "一、总体要求"),
    ("indent", "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，完整、准确、全面贯彻新发展理念，"
               "充分发挥我省区位交通、科教人才和产业基础优势，聚焦构建现代产业体系，积极承接制造业有序转移，"
               "重点引进资源消耗少、环境影响小、科技含量高、产出效益好、发展可持续的产业和企业，"
               "为加快建设全国构建新发展格局先行区提供有力支撑。"),
    ("indent", "到2025年，承接产业转移环境明显改善、能力显著提升，建设一批省级承接产业转移示范区和产业转移合作园区，"
               "打造一批具有竞争力的先进制造业集群。"),
    ("heading", "二、主要任务"),
    ("indent", "（一）优化产业承接布局。支持武汉、襄阳、宜昌发挥龙头作用，引导鄂西北、鄂东南地区结合资源禀赋和产业基础，"
               "错位承接产业转移，推动形成分工合理、特色鲜明、优势互补的产业发展格局。"
               "（牵头单位：省发展改革委；配合单位：省经信厅、省科技厅）"),
    ("indent", "（二）建设承接产业转移平台。建设一批承接产业转移示范区，支持国家级和省级开发区整合提升，"
               "完善标准厂房、仓储物流、污水处理等基础设施，提升园区承载能力和综合配套水平。"
               "（牵头单位：省经信厅；配合单位：省商务厅、省自然资源厅）"),
    ("indent", "（三）开展产业链精准招商。围绕重点产业链绘制招商图谱，聚焦链主企业和关键配套企业开展精准招商，"
               "鼓励以商招商、以链招商、基金招商，推动一批强链延链补链项目落地。"
               "（牵头单位：省商务厅；配合单位：省发展改革委、省经信厅）"),
    ("indent", "（四）强化要素保障。统筹用地、用能、环境容量等要素向承接产业转移重点项目倾斜，"
               "创新用地供给方式，推行标准地出让，降低企业用地成本，保障重点项目用能需求，"
               "对符合条件的项目给予资金支持。（牵头单位：省自然资源厅；配合单位：省发展改革委、省财政厅、省生态环境厅）"),
    ("heading", "三、保障措施"),
    ("indent", "各地各部门要加强组织领导，按照重点任务分工表抓好落实，列第一位的为牵头单位。"
               "省经信厅要会同有关部门加强跟踪调度，定期通报工作进展，重大问题及时报告省人民政府。"
               "各地要结合实际制定具体措施，确保各项任务落到实处。"),
    ("plain", "附件：重点任务分工表"),
    ("pagebreak", ""),
    ("plain", "附件"),
    ("title", "重点任务分工表"),
]

TABLE = [
    ("序号", "重点任务", "牵头单位", "配合单位", "完成时限"),
    ("1", "优化产业承接布局，引导鄂西北、鄂东南地区承接产业转移。", "省发展改革委", "省经信厅、省科技厅", "2025年底前"),
    ("2", "建设承接产业转移示范区。", "省经信厅", "省商务厅、省自然资源厅", "2025年底前"),
    ("3", "开展产业链精准招商，推动一批强链延链补链项目落地。", "省商务厅", "省发展改革委、省经信厅", "长期坚持"),
]

STYLE = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: 'Noto Serif CJK SC'; font-size: 16pt; line-height: 1.75; margin: 0; }
p { margin: 0; text-align: justify; }
p.indent { text-indent: 2em; }
p.title { font-size: 20pt; text-align: center; margin: 0.5em 0; }
p.center { text-align: center; margin-bottom: 0.5em; }
p.right { text-align: right; padding-right: 2em; }
p.heading { text-indent: 2em; }
div.pagebreak { break-after: page; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 1.4; }
td, th { border: 1px solid black; padding: 4pt; }
"""
HEADER = ('<div style="width:100%; font-size:10pt; font-family:\'Noto Serif CJK SC\'; text-align:center;">'
          '湖北省人民政府办公厅文件</div>')
FOOTER = ('<div style="width:100%; font-size:12pt; font-family:\'Noto Serif CJK SC\'; text-align:center;">'
          '— <span class="pageNumber"></span> —</div>')


def document_html() -> str:
    body = []
    for kind, text in PARAGRAPHS:
        if kind == "pagebreak":
            body.append('<div class="pagebreak"></div>')
        else:
            body.append(f'<p class="{kind}">{html.escape(text)}</p>')
    rows = ["<tr>" + "".join(f"<th>{html.escape(cell)}</th>" for cell in TABLE[0]) + "</tr>"]
    rows += ["<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in TABLE[1:]]
    body.append("<table>" + "".join(rows) + "</table>")
    return f"<html><head><meta charset='utf-8'><style>{STYLE}</style></head><body>{''.join(body)}</body></html>"


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page()
        page.set_content(document_html())
        pdf = page.pdf(display_header_footer=True, header_template=HEADER, footer_template=FOOTER,
                       prefer_css_page_size=True)
        browser.close()
    (HERE / "hubei_plan_chromium.pdf").write_bytes(pdf)
    print(f"hubei_plan_chromium.pdf: {len(pdf):,} bytes")


if __name__ == "__main__":
    main()
