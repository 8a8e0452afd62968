"""Which charts the 年度 report page shows, each tied to the table that carries its numbers."""

from __future__ import annotations

from dataclasses import dataclass

from office import charts
from office.reports.tables import month_label


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    table: str  # the Table.name beside it
    svg: str


def report_charts(report: dict) -> list[Chart]:
    months = [month_label(m).replace(f"{m[:4]}年", "") for m in report["months"]]
    p, r, m, a = report["profiles"], report["requests"], report["matches"], report["activities"]

    def col(section, name):
        return [row[name] for row in section["by_month"]]

    out = [
        Chart(
            "monthly",
            "月別の推移（件数）",
            "monthly",
            charts.line_chart(
                months,
                {
                    "新規登録": col(p, "registered"),
                    "依頼": col(r, "posted"),
                    "確定": col(m, "confirmed"),
                    "活動": col(a, "completed"),
                },
                ylabel="件数",
            ),
        ),
        Chart(
            "hours",
            "月別の活動時間",
            "monthly",
            charts.bar_chart(months, col(a, "hours"), ylabel="時間", integer=False),
        ),
        Chart(
            "requests_by_organization_kind",
            "依頼の充足状況（団体の種別）",
            "requests_by_organization_kind",
            charts.stacked_barh(
                [row["label"] for row in r["by_organization_kind"]],
                {
                    label: [row[key] for row in r["by_organization_kind"]]
                    for key, label in (
                        ("filled", "充足"),
                        ("partly_filled", "一部充足"),
                        ("unfilled", "未充足"),
                        ("withdrawn", "取り下げ"),
                    )
                },
                xlabel="依頼件数",
            ),
        ),
        Chart(
            "registrations_by_kind",
            "登録者（種別）",
            "registrations_by_kind",
            charts.grouped_bar_chart(
                [row["label"] for row in p["by_kind"]],
                {
                    label: [row[key] for row in p["by_kind"]]
                    for key, label in (
                        ("registered", "新規登録"),
                        ("published", "公開"),
                        ("active", "活動した人"),
                    )
                },
                ylabel="人数",
            ),
        ),
        Chart(
            "ratings",
            "依頼者からの評価",
            "ratings",
            charts.bar_chart(
                [f"★{row['rating']}" for row in a["ratings"]["distribution"]],
                [row["count"] for row in a["ratings"]["distribution"]],
                ylabel="件数",
            ),
        ),
    ]
    needs = report["unmet_needs"][:10]
    if needs:
        out.append(
            Chart(
                "unmet_needs",
                "満たされなかった依頼の分野（上位）",
                "unmet_needs",
                charts.barh_chart(
                    [n["topic"] for n in needs],
                    [n["unfilled_requests"] for n in needs],
                    xlabel="未充足の依頼件数",
                ),
            )
        )
    return out
