"""The city's targets (成果目標) for a 年度 against the report's actual figures."""

from office.models import Indicator, Target


def actual(report: dict, indicator: str):
    group, name = indicator.split(".")
    return report[group][name]


def targets_against_actuals(year: int, report: dict) -> list[dict]:
    """Every indicator, with its target when the city set one and the share reached (%)."""
    targets = {t.indicator: t for t in Target.objects.filter(fiscal_year=year)}
    rows = []
    for indicator in Indicator:
        value = actual(report, indicator.value)
        target = targets.get(indicator.value)
        goal = float(target.value) if target else None
        rows.append(
            {
                "indicator": indicator.value,
                "label": indicator.label,
                "target": goal,
                "actual": value,
                "achieved_percent": round(100 * value / goal, 1) if goal else None,
            }
        )
    return rows
