from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications.reminders import queue_reminders


class Command(BaseCommand):
    help = "明日の確定済みの活動について、前日のお知らせを作ります（2回実行しても増えません）。"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="今日の日付 YYYY-MM-DD（既定: 今日、日本時間）")

    def handle(self, *args, today=None, **options):
        if today:
            try:
                day = date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError(
                    "--today は 2027-01-20 のように YYYY-MM-DD で指定します。"
                ) from exc
        else:
            day = timezone.localdate()
        written = queue_reminders(today=day)
        self.stdout.write(f"queued {written} reminder(s) for {day.isoformat()} + 1 day")
