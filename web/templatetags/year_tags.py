"""The city's year on the pages: a registration's 年度 and renewal, and ボランティア保険.

Inclusion tags so that the volunteer's page, the coordinator's profile page and the
candidates list show the same thing from the same rules (talent/renewal.py,
talent/insurance.py), without each view assembling it.
"""

from django import template

from accounts.roles import is_coordinator
from lib.fiscal import fiscal_year_of, today_in_tokyo, wareki_fiscal_year
from talent import insurance, renewal

register = template.Library()


@register.inclusion_tag("web/includes/renewal.html", takes_context=True)
def renewal_panel(context, profile):
    """Until when the registration is valid, a renew button when renewal is due (or the
    registration is 更新待ち), and this 年度's insurance (a form for coordinators)."""
    today = today_in_tokyo()
    year = fiscal_year_of(today)
    user = context["request"].user
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "profile": profile,
        "valid_until": renewal.valid_until(profile),
        "needs_renewal": renewal.needs_renewal(profile, today),
        "renewal_year": wareki_fiscal_year(renewal.renewal_year(today)),
        "insurance": insurance.insurance_of(profile, year),
        "insurance_year": year,
        "coordinator": is_coordinator(user),
    }


@register.inclusion_tag("web/includes/insurance_badge.html")
def insurance_badge(profile, dates=()):
    """ボランティア保険 for the 年度 of an activity, on the candidates list; how loud it is
    follows the city's rule (off: nothing, warn: a note, block: a warning)."""
    mode = insurance.mode()
    if mode == "off":
        return {"show": False}
    state = insurance.insurance_of(profile, insurance.activity_year(dates))
    return {"show": True, "insurance": state, "block": mode == "block"}
