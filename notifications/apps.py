from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "お知らせ"

    def ready(self):
        # Subscribe to the domain events (common/events.py): the domain apps never import us.
        from notifications import handlers

        handlers.register()
