"""活動実績証明書: one volunteer's recorded activities in one 年度, as a PDF.

Drawn by WeasyPrint (HTML + CSS to PDF) with Noto Sans/Serif CJK JP from Debian's
``fonts-noto-cjk``; WeasyPrint needs Pango, which Debian's ``libpango-1.0-0`` and
``libpangoft2-1.0-0`` provide (scripts/setup.sh installs both). Why WeasyPrint rather than
Chromium printing a page: it is a library call inside the request, with no browser process
to start and keep alive on the server, and it installs from PyPI plus two Debian libraries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from common.errors import Forbidden
from lib.fiscal import wareki_date, wareki_fiscal_year
from matching.models import MatchStatus
from office import policies
from office.reports.period import Period
from talent.models import Profile
from volunteers.models import ActivityRecord


@dataclass(frozen=True)
class Certificate:
    profile: Profile
    fiscal_year: int
    fiscal_year_wareki: str
    period_text: str
    activities: list
    total_hours: Decimal
    issued_on: date
    issued_on_wareki: str
    city_name: str
    issuer: str

    @property
    def filename(self) -> str:
        return f"certificate_{self.fiscal_year}_{self.profile.pk}.pdf"


def certificate_for(*, actor, profile: Profile, fiscal_year: int, today: date | None = None):
    """The certificate's contents; the volunteer for themself, coordinators for anyone."""
    if not policies.can_get_certificate(actor, profile):
        raise Forbidden("活動実績証明書は本人とコーディネーターだけが発行できます。")
    period = Period(fiscal_year)
    records = list(
        ActivityRecord.objects.filter(
            match__profile=profile,
            match__status=MatchStatus.COMPLETED,
            **period.within_dates("date"),
        )
        .select_related("match__request__organization")
        .order_by("date", "id")
    )
    today = today or timezone.localdate()
    return Certificate(
        profile=profile,
        fiscal_year=fiscal_year,
        fiscal_year_wareki=wareki_fiscal_year(fiscal_year),
        period_text=f"{wareki_date(period.first_day)}から{wareki_date(period.last_day)}まで",
        activities=[
            {
                "date": wareki_date(r.date, weekday=True),
                "organization": r.match.request.organization.name,
                "title": r.match.request.title,
                "hours": r.hours,
            }
            for r in records
        ],
        total_hours=sum((r.hours for r in records), start=Decimal("0")),
        issued_on=today,
        issued_on_wareki=wareki_date(today),
        city_name=settings.TSUNAGU_CITY_NAME,
        issuer=settings.TSUNAGU_CERTIFICATE_ISSUER,
    )


def certificate_html(certificate: Certificate) -> str:
    return render_to_string("office/certificate.html", {"c": certificate})


def certificate_pdf(certificate: Certificate) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=certificate_html(certificate)).write_pdf()
