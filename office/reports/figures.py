"""The figures of a 年度 report, each counted by the date of its event in Asia/Tokyo.

What counts (the README's *Reports* section says the same in words):

- profiles.registered: profiles created in the 年度; ``published``: first published in it;
  ``active``: people with at least one recorded activity in it, ``active_more_than_once``: two
  or more.
- requests.posted: requests created in the 年度, drafts left out; each is 充足 (confirmed or
  completed people ≥ headcount), 一部充足, 未充足 (nobody, still open or closed) or 取り下げ.
- matches.proposed: created in the 年度; ``confirmed``: confirmed in it and still confirmed or
  completed (a confirmation later cancelled does not count); ``declined`` / ``cancelled``: the
  move was made in it.
- activities: activity records dated in the 年度 whose match is completed.
"""

from __future__ import annotations

from decimal import Decimal
from statistics import mean, median

from django.db.models import Count, F, Sum

from matching.models import PLACE_HOLDING, Match, MatchEvent, MatchStatus, OrganizationKind, Request
from matching.models import RequestStatus as RS
from matching.selectors import places_taken_annotation
from office.reports.period import Period
from talent.models import Area, Profile, ProfileKind
from volunteers.models import ActivityRecord

FILL_LABELS = {
    "filled": "充足",
    "partly_filled": "一部充足",
    "unfilled": "未充足",
    "withdrawn": "取り下げ",
}
NO_AREA = "地区未設定"


def _by_month(period: Period, **series: list) -> list[dict]:
    return [
        {"month": label, **{name: values[i] for name, values in series.items()}}
        for i, label in enumerate(period.month_labels)
    ]


def _hours(value) -> float:
    return float(value or Decimal("0"))


def profile_figures(period: Period) -> dict:
    registered = Profile.objects.filter(**period.within("created_at"))
    published = Profile.objects.filter(**period.within("published_at"))
    records = completed_activities(period)
    activity_counts = dict(records.order_by().values_list("match__profile").annotate(n=Count("id")))
    groups = {
        "registered": set(registered.values_list("id", flat=True)),
        "published": set(published.values_list("id", flat=True)),
        "active": set(activity_counts),
    }
    by_kind, by_area = _breakdowns(groups)
    return {
        "registered": len(groups["registered"]),
        "published": len(groups["published"]),
        "active": len(groups["active"]),
        "active_more_than_once": sum(1 for n in activity_counts.values() if n >= 2),
        "by_month": _by_month(
            period,
            registered=period.monthly(registered, "created_at"),
            published=period.monthly(published, "published_at"),
            active=period.monthly(
                records, "date", Count("match__profile", distinct=True), dates=True
            ),
        ),
        "by_kind": by_kind,
        "by_area": by_area,
    }


def _breakdowns(groups: dict[str, set[int]]) -> tuple[list[dict], list[dict]]:
    """New, published and active people by kind and by 地区 (a person with two 地区 counts in
    both; one with none under 地区未設定)."""
    everyone = set().union(*groups.values())
    kind_of = dict(Profile.objects.filter(id__in=everyone).values_list("id", "kind"))
    areas_of: dict[int, list[str]] = {}
    for pid, name in Profile.areas.through.objects.filter(profile_id__in=everyone).values_list(
        "profile_id", "area__name"
    ):
        areas_of.setdefault(pid, []).append(name)
    by_kind = [
        {
            "kind": value,
            "label": label,
            **{g: sum(1 for i in ids if kind_of[i] == value) for g, ids in groups.items()},
        }
        for value, label in ProfileKind.choices
    ]
    names = [a.name for a in Area.objects.all()] + [NO_AREA]
    counts = {name: dict.fromkeys(groups, 0) for name in names}
    for g, ids in groups.items():
        for i in ids:
            for name in areas_of.get(i, [NO_AREA]):
                counts[name][g] += 1
    by_area = [{"area": n, **counts[n]} for n in names if any(counts[n].values())]
    return by_kind, by_area


def posted_requests(period: Period):
    return (
        Request.objects.filter(**period.within("created_at"))
        .exclude(status=RS.DRAFT)
        .annotate(taken=places_taken_annotation())
    )


def fill_state(request) -> str:
    """How far one posted request was filled (needs the ``taken`` annotation)."""
    if request.taken >= request.headcount:
        return "filled"
    if request.taken > 0:
        return "partly_filled"
    if request.status == RS.CANCELLED:
        return "withdrawn"
    return "unfilled"


def request_figures(period: Period) -> dict:
    posted = posted_requests(period)
    rows = list(posted.values("id", "taken", "headcount", "status", "organization__kind"))
    states = {key: 0 for key in FILL_LABELS}
    by_org = {kind: {key: 0 for key in ("posted", *FILL_LABELS)} for kind in OrganizationKind}
    for row in rows:
        state = fill_state(_Row(row))
        states[state] += 1
        by_org[row["organization__kind"]]["posted"] += 1
        by_org[row["organization__kind"]][state] += 1
    filled_ids = [r["id"] for r in rows if fill_state(_Row(r)) == "filled"]
    return {
        "posted": len(rows),
        **states,
        "by_month": _by_month(
            period,
            posted=period.monthly(posted, "created_at"),
            filled=period.monthly(posted.filter(id__in=filled_ids), "created_at"),
        ),
        "by_organization_kind": [
            {"kind": kind.value, "label": kind.label, **by_org[kind]} for kind in OrganizationKind
        ],
    }


class _Row:
    def __init__(self, row: dict):
        self.taken, self.headcount, self.status = row["taken"], row["headcount"], row["status"]


def _events(period: Period, to: str):
    return MatchEvent.objects.filter(to_status=to, **period.within("at"))


def match_figures(period: Period) -> dict:
    proposed = Match.objects.filter(**period.within("created_at"))
    confirmations = _events(period, MatchStatus.CONFIRMED).filter(match__status__in=PLACE_HOLDING)
    declined = _events(period, MatchStatus.DECLINED)
    cancelled = _events(period, MatchStatus.CANCELLED)
    waits = [
        (at - posted).total_seconds() / 86400
        for at, posted in confirmations.values_list("at", "match__request__created_at")
    ]
    return {
        "proposed": proposed.count(),
        "confirmed": confirmations.values("match").distinct().count(),
        "declined": declined.values("match").distinct().count(),
        "cancelled": cancelled.values("match").distinct().count(),
        "days_to_confirmation": {
            "median": round(median(waits), 1) if waits else None,
            "mean": round(mean(waits), 1) if waits else None,
        },
        "by_month": _by_month(
            period,
            proposed=period.monthly(proposed, "created_at"),
            confirmed=period.monthly(confirmations, "at", Count("match", distinct=True)),
            declined=period.monthly(declined, "at", Count("match", distinct=True)),
        ),
    }


def completed_activities(period: Period):
    return ActivityRecord.objects.filter(
        match__status=MatchStatus.COMPLETED, **period.within_dates("date")
    )


def activity_figures(period: Period) -> dict:
    records = completed_activities(period)
    totals = records.aggregate(
        n=Count("id"),
        hours=Sum("hours"),
        people=Count("match__profile", distinct=True),
        rated=Count("rating"),
    )
    ratings = dict(
        records.filter(rating__isnull=False)
        .order_by()
        .values_list("rating")
        .annotate(n=Count("id"))
    )
    rated_sum = sum(score * n for score, n in ratings.items())
    return {
        "completed": totals["n"],
        "hours": _hours(totals["hours"]),
        "participants": totals["people"],
        "ratings": {
            "count": totals["rated"],
            "average": round(rated_sum / totals["rated"], 2) if totals["rated"] else None,
            "distribution": [{"rating": s, "count": ratings.get(s, 0)} for s in range(1, 6)],
        },
        "by_month": _by_month(
            period,
            completed=period.monthly(records, "date", dates=True),
            hours=[_hours(h) for h in period.monthly(records, "date", Sum(F("hours")), dates=True)],
        ),
    }
