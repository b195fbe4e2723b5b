"""The admin's "rebuild the search index": admins only, run in its own process, progress on a page.

A full rebuild takes minutes at 100,000 clauses: inside a request it held a
worker (and the request timeout) for all of it. The POST starts
``manage.py search_index --rebuild`` as a separate process and returns; the
page (GET) shows who started the last rebuild, how far it is, and how it
ended. ``search.rebuilds`` keeps one rebuild at a time and never reports a
dead process as running.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme

from search import rebuilds

PERMISSION = "search.rebuild_index"
URL_NAME = "admin:clauses_rebuild_index"


def notice(request) -> None:
    """After a gazetteer change: say texts match new terms only after a rebuild; offer it to admins."""
    explanation = "名录已更新。已收录的条款要在重建检索索引后才能按新词语检索。"
    if not request.user.has_perm(PERMISSION):
        messages.warning(request, explanation + "请联系管理员重建检索索引。")
        return
    messages.warning(request, format_html(
        '{}<form method="post" action="{}">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<button type="submit">立即重建索引</button></form>',
        explanation, reverse(URL_NAME), get_token(request)))


def _safe_next(request) -> str:
    """Where to go after starting: a local page the form named, else the progress page (never the Referer)."""
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return wanted
    return reverse(URL_NAME)


def rebuild_index_view(request, admin_site):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    if request.method == "POST":
        if rebuilds.is_running():
            messages.warning(request, "检索索引正在重建，请等它完成。")
        else:
            rebuilds.start_in_background(started_by=request.user.get_username())
            messages.success(request, "已开始重建检索索引；重建期间检索照常可用。")
        return redirect(_safe_next(request))
    return render(request, "admin/search/rebuild_index.html", {
        **admin_site.each_context(request), "title": "重建检索索引", "status": rebuilds.read_status(),
        "running": rebuilds.is_running()})
