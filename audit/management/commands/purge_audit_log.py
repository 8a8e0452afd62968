from django.core.management.base import BaseCommand

from audit import services


class Command(BaseCommand):
    help = "保存期間（AUDIT_LOG_RETENTION_DAYS）を過ぎた監査ログを削除します。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="この日数より古い記録を削除します（既定: 設定の保存期間）",
        )

    def handle(self, *args, days=None, **options):
        if days is not None and days < 1:
            self.stderr.write("--days は 1 以上で指定してください。")
            raise SystemExit(2)
        kept = services.retention_days() if days is None else days
        deleted = services.purge(older_than_days=days)
        self.stdout.write(f"{kept}日より古い監査ログを {deleted} 件削除しました。")
