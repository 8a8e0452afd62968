import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from notifications.delivery import deliver_pending


class Command(BaseCommand):
    help = "保留中のお知らせメールを1回ずつ送って終了します（--loop で送り続けます）。"

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="終了せず、間隔をあけて送り続ける")
        parser.add_argument("--interval", type=float, default=10.0, help="--loop の間隔（秒）")

    def handle(self, *args, loop=False, interval=10.0, **options):
        while True:
            outcome = deliver_pending()
            if outcome.sent or outcome.failed or not loop:
                self.stdout.write(f"sent {outcome.sent}, failed {outcome.failed} (will retry)")
            if not loop:
                return
            close_old_connections()
            time.sleep(interval)
