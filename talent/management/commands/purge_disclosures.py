"""Delete the contact-disclosure records older than the retention period."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from talent.services import purge_disclosures


class Command(BaseCommand):
    help = (
        "連絡先の閲覧記録のうち、保存期間（TSUNAGU_CONTACT_LOG_DAYS 日、"
        "既定 365 日）を過ぎたものを削除します。毎日 cron などで実行してください。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="保存期間（日）。省略すると設定 TSUNAGU_CONTACT_LOG_DAYS。",
        )

    def handle(self, *args, days=None, **options):
        days = settings.TSUNAGU_CONTACT_LOG_DAYS if days is None else days
        if days < 1:
            raise CommandError("--days は 1 以上で指定してください。")
        deleted = purge_disclosures(older_than_days=days)
        self.stdout.write(f"{days}日より前の閲覧記録を {deleted} 件削除しました。")
