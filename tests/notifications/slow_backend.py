"""A locmem mail backend that takes a moment per message, so that concurrent senders overlap
(the test of two senders at once would otherwise let one finish before the other starts)."""

import threading
import time

from django.core.mail.backends.locmem import EmailBackend

_lock = threading.Lock()


class SlowBackend(EmailBackend):
    def send_messages(self, messages):
        time.sleep(0.005)
        with _lock:
            return super().send_messages(messages)
