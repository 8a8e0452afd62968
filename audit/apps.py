from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "監査ログ"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Logins and failed logins come from Django's auth signals, whatever path logged in
        # (the login page, the admin, the API token endpoint through authenticate()).
        from audit import receivers  # noqa: F401
