import pytest
from django.core import mail

from notifications.delivery import deliver_pending


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://tsunagu.example.jp"


@pytest.fixture
def sent():
    """Deliver what is pending and return {address: [messages]} of this delivery only."""

    def deliver():
        mail.outbox.clear()
        deliver_pending()
        by_to: dict[str, list] = {}
        for m in mail.outbox:
            for to in m.to:
                by_to.setdefault(to, []).append(m)
        return by_to

    return deliver
