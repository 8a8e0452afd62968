from datetime import date

from django.core.management.base import BaseCommand, CommandError

from lib.fiscal import fiscal_year_of, today_in_tokyo, wareki_fiscal_year
from talent.renewal import fiscal_year_rollover


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(
            f"--today は YYYY-MM-DD で指定してください（「{text}」は日付ではありません）。"
        ) from exc


class Command(BaseCommand):
    help = (
        "年度更新: 4月1日からは、新しい年度に更新していない公開中の登録を「更新待ち」にして"
        "マッチングと依頼者の検索から外します（データは残り、更新すれば戻ります）。"
        "更新の受付期間（既定 2月1日〜3月31日）には、未更新の人に更新を案内します。"
        "何度実行しても同じ結果です。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="この日として実行する（YYYY-MM-DD、既定は今日・日本時間）"
        )

    def handle(self, *args, today: str | None = None, **options):
        day = _date(today) if today else today_in_tokyo()
        result = fiscal_year_rollover(today=day)
        year = fiscal_year_of(day)
        self.stdout.write(f"{day.isoformat()}（{wareki_fiscal_year(year)}）として実行しました。")
        self.stdout.write(
            f"更新待ちにした登録: {len(result.lapsed)}件"
            + (
                f"（ID: {', '.join(map(str, result.lapsed[:50]))}{' …' if len(result.lapsed) > 50 else ''}）"
                if result.lapsed
                else ""
            )
        )
        self.stdout.write(f"更新を案内した人: {len(result.asked)}人")
