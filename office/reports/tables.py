"""The report as tables: what the page shows beside each chart and what every report export
writes. One list, so the page, the CSV and the xlsx always carry the same numbers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    name: str  # the export's file name (reports/<year>/<name>.csv)
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]

    @property
    def wide(self) -> bool:
        """Too many columns to sit beside its chart: the page puts it below."""
        return len(self.columns) > 5


FILL_KEYS = ("posted", "filled", "partly_filled", "unfilled", "withdrawn")


def month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{int(year)}年{int(month)}月"


def _percent(value) -> str:
    return "" if value is None else f"{value}%"


def report_tables(report: dict) -> list[Table]:
    p, r, m, a = report["profiles"], report["requests"], report["matches"], report["activities"]
    monthly_rows = []
    for i, key in enumerate(report["months"]):
        monthly_rows.append(
            (
                month_label(key),
                p["by_month"][i]["registered"],
                p["by_month"][i]["published"],
                r["by_month"][i]["posted"],
                r["by_month"][i]["filled"],
                m["by_month"][i]["proposed"],
                m["by_month"][i]["confirmed"],
                m["by_month"][i]["declined"],
                a["by_month"][i]["completed"],
                a["by_month"][i]["hours"],
                p["by_month"][i]["active"],
            )
        )
    monthly_rows.append(
        (
            "合計",
            p["registered"],
            p["published"],
            r["posted"],
            r["filled"],
            m["proposed"],
            m["confirmed"],
            m["declined"],
            a["completed"],
            a["hours"],
            p["active"],
        )
    )
    wait = m["days_to_confirmation"]
    return [
        Table(
            "targets",
            "成果目標と実績",
            ("指標", "目標", "実績", "達成率"),
            tuple(
                (
                    t["label"],
                    "" if t["target"] is None else t["target"],
                    t["actual"],
                    _percent(t["achieved_percent"]),
                )
                for t in report["targets"]
            ),
        ),
        Table(
            "monthly",
            "月別の推移",
            (
                "月",
                "新規登録",
                "公開",
                "依頼",
                "充足した依頼",
                "提案",
                "確定",
                "辞退",
                "活動件数",
                "活動時間",
                "活動した人",
            ),
            tuple(monthly_rows),
        ),
        Table(
            "registrations_by_kind",
            "登録者（種別）",
            ("種別", "新規登録", "公開", "活動した人"),
            tuple(
                (row["label"], row["registered"], row["published"], row["active"])
                for row in p["by_kind"]
            ),
        ),
        Table(
            "registrations_by_area",
            "登録者（地区）",
            ("地区", "新規登録", "公開", "活動した人"),
            tuple(
                (row["area"], row["registered"], row["published"], row["active"])
                for row in p["by_area"]
            ),
        ),
        Table(
            "requests_by_organization_kind",
            "依頼（団体の種別）",
            ("団体の種別", "依頼", "充足", "一部充足", "未充足", "取り下げ"),
            (
                *(
                    (row["label"], *(row[k] for k in FILL_KEYS))
                    for row in r["by_organization_kind"]
                ),
                ("合計", *(r[k] for k in FILL_KEYS)),
            ),
        ),
        Table(
            "matches",
            "マッチング",
            ("項目", "値"),
            (
                ("提案", m["proposed"]),
                ("確定（のちに取り消したものを除く）", m["confirmed"]),
                ("辞退", m["declined"]),
                ("取り消し", m["cancelled"]),
                (
                    "依頼から確定までの日数（中央値）",
                    "" if wait["median"] is None else wait["median"],
                ),
                ("依頼から確定までの日数（平均）", "" if wait["mean"] is None else wait["mean"]),
            ),
        ),
        Table(
            "activities",
            "活動",
            ("項目", "値"),
            (
                ("活動件数", a["completed"]),
                ("活動時間（時間）", a["hours"]),
                ("活動した人", a["participants"]),
                ("2回以上活動した人", p["active_more_than_once"]),
                ("評価の件数", a["ratings"]["count"]),
                (
                    "評価の平均（5段階）",
                    "" if a["ratings"]["average"] is None else a["ratings"]["average"],
                ),
            ),
        ),
        Table(
            "ratings",
            "依頼者からの評価",
            ("評価", "件数"),
            tuple((f"★{row['rating']}", row["count"]) for row in a["ratings"]["distribution"]),
        ),
        Table(
            "unmet_needs",
            "満たされなかった依頼の分野（人材の発掘）",
            ("分野", "含まれる語", "未充足の依頼", "該当する公開中の登録者"),
            tuple(
                (n["topic"], "・".join(n["words"]), n["unfilled_requests"], n["people_offering"])
                for n in report["unmet_needs"]
            ),
        ),
    ]


def table_by_name(report: dict, name: str) -> Table | None:
    return next((t for t in report_tables(report) if t.name == name), None)


TABLE_NAMES = (
    "targets", "monthly", "registrations_by_kind", "registrations_by_area",
    "requests_by_organization_kind", "matches", "activities", "ratings", "unmet_needs",
)  # fmt: skip
