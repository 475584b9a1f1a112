"""What a download of a plan is called: its title and year, not the name a file was stored under.

A reader who saves the source document, the task list or its spreadsheet finds it again by the
plan's title ("2014年国家知识产权战略实施推进计划.docx", "Several Opinions ... (2008) - tasks.csv"),
not by "upload_3f2a.docx" or "plan-12-tasks.csv". Characters no file system takes are replaced;
a Chinese name reaches the browser through RFC 5987's ``filename*`` (Django's
``content_disposition_header``, also used by ``FileResponse``).
"""

from __future__ import annotations

import re

from django.utils.translation import pgettext

from ipstrategy.web.plans.models import Plan

#: Characters Windows, macOS or Linux refuse in a file name, and control characters.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
#: Long titles are cut (a name stays under common file-system limits with its suffix).
MAX_TITLE = 120


def plan_download_name(plan: Plan, part: str = "") -> str:
    """The plan's title with its year (unless the title says it already), then ``part``; no extension."""
    title = " ".join(_UNSAFE.sub(" ", plan.title).split())[:MAX_TITLE].strip(" .") or f"plan {plan.pk}"
    year = plan.issue_date.year if plan.issue_date else plan.period_start
    if year and str(year) not in title:
        title = f"{title} ({year})"
    return f"{title} - {part}" if part else title


def tasks_part() -> str:
    """The part of a download name that says it is the task list, in the reader's language."""
    return pgettext("download file name", "tasks")


def sections_part() -> str:
    return pgettext("download file name", "sections")
