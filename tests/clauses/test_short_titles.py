"""Short titles: what the admin's lists call a document."""

from __future__ import annotations

import pytest

from clauses.short_titles import MAX_CHARACTERS, short_title


@pytest.mark.parametrize(("title", "short"), [
    ("关于承接制造业有序转移的实施意见", "关于承接制造业有序转移的实施意见"),
    ("国务院关于中西部地区承接产业转移的指导意见", "关于中西部地区承接产业转移的指导意见"),
    ("江西省人民政府办公厅关于推动制造业有序转移的实施意见", "关于推动制造业有序转移的实施意见"),
    ("工业和信息化部、国家发展改革委关于促进制造业有序转移的指导意见", "关于促进制造业有序转移的指导意见"),
    ("湖北省人民政府办公厅关于印发湖北省推动制造业有序转移实施方案的通知", "湖北省推动制造业有序转移实施方案"),
    ("四川省人民政府办公厅关于印发《四川省承接产业转移三年行动计划（2023—2025年）》的通知",
     "四川省承接产业转移三年行动计划（2023—2025年）"),
    ("洛阳市人民政府关于转发省发展改革委承接产业转移工作方案的通知", "省发展改革委承接产业转移工作方案"),
    # Not an issuer before 关于: kept whole.
    ("工信部：《关于促进制造业有序转移的指导意见》政策解读", "工信部：《关于促进制造业有序转移的指导意见》政策解读"),
    ("十部门联合发文 促进制造业有序转移", "十部门联合发文 促进制造业有序转移"),
])
def test_the_subject_without_the_issuer_or_the_notice_that_issues_it(title, short):
    assert short_title(title) == short


def test_a_long_subject_is_cut_with_an_ellipsis():
    title = "关于" + "推动制造业高质量发展" * 5 + "的实施意见"
    assert len(short_title(title)) == MAX_CHARACTERS and short_title(title).endswith("…")
    assert short_title(title)[:-1] == title[:MAX_CHARACTERS - 1]
