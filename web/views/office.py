"""Pages of the city office's year: the 年度 report with charts, the printable 名簿, and the
活動実績証明書 PDF. Thin: office.reports / office.exports / office.certificates decide."""

import base64

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.models import Role
from common.errors import DomainError, InvalidInput
from lib.fiscal import fiscal_year_of, wareki_fiscal_year
from office import charts as chart_lib
from office.certificates import certificate_for, certificate_pdf
from office.exports.datasets import profiles as roster_rows
from office.reports import fiscal_year_report, parse_fiscal_year
from office.reports.charts import report_charts
from office.reports.period import FIRST_YEAR, Period
from office.reports.tables import report_tables
from talent.selectors import profiles_visible_to
from web.access import login_required, raise_http, role_required

coordinator_only = role_required(Role.COORDINATOR)


def _bad_year(request, exc: InvalidInput):
    return render(request, "web/coordinator/report_bad_year.html", {"error": exc}, status=400)


@coordinator_only
def reports(request):
    """The report of this 年度, or of the year picked in the form."""
    year = request.GET.get("year") or fiscal_year_of(timezone.localdate())
    return redirect("coordinator_report", year=year)


@coordinator_only
def report(request, year: str):
    try:
        year = parse_fiscal_year(year)
    except InvalidInput as exc:
        return _bad_year(request, exc)
    data = fiscal_year_report(year)
    tables = report_tables(data)
    charts_by_table = {}
    for chart in report_charts(data):
        encoded = base64.b64encode(chart.svg.encode()).decode()
        charts_by_table.setdefault(chart.table, []).append(
            {
                "title": chart.title,
                "name": chart.name,
                "src": f"data:image/svg+xml;base64,{encoded}",
            }
        )
    current = fiscal_year_of(timezone.localdate())
    return render(
        request,
        "web/coordinator/report.html",
        {
            "report": data,
            "year": year,
            "period": Period(year),
            "sections": [{"table": t, "charts": charts_by_table.get(t.name, [])} for t in tables],
            "font_missing": not chart_lib.japanese_font_available(),
            "previous": year - 1 if year > FIRST_YEAR else None,
            "next": year + 1 if year <= current else None,
            "years": [(y, wareki_fiscal_year(y)) for y in range(current + 1, current - 6, -1)],
        },
    )


@coordinator_only
def roster(request):
    """The 名簿 to print (print stylesheet) or to take out as CSV / xlsx."""
    year = request.GET.get("fiscal_year") or None
    try:
        year = parse_fiscal_year(year) if year else None
    except InvalidInput as exc:
        return _bad_year(request, exc)
    data = roster_rows(request.user, year)
    keep = ["氏名", "ふりがな", "種別", "状態", "活動できる地区", "電話番号", "メールアドレス",
            "できること・教えられること"]  # fmt: skip
    index = [data.columns.index(c) for c in keep]
    rows = [[row[i] for i in index] for row in data.rows]
    return render(
        request,
        "web/coordinator/roster.html",
        {"columns": keep, "rows": rows, "year": year,
         "year_wareki": wareki_fiscal_year(year) if year else None},
    )  # fmt: skip


@login_required
def certificate(request, pk: int, year: str):
    """活動実績証明書 (PDF): the volunteer's own, or anyone's for coordinators."""
    try:
        year = parse_fiscal_year(year)
    except InvalidInput as exc:
        return _bad_year(request, exc)
    profile = get_object_or_404(profiles_visible_to(request.user), pk=pk)
    try:
        cert = certificate_for(actor=request.user, profile=profile, fiscal_year=year)
    except DomainError as exc:
        raise_http(exc)
        raise
    response = HttpResponse(certificate_pdf(cert), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{cert.filename}"'
    return response
