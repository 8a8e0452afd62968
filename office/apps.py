from django.apps import AppConfig


class OfficeConfig(AppConfig):
    """The city office's year: 年度 reports, targets, exports and certificates. Sits above
    volunteers (it reads every domain app and is read only by api/ and web/)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "office"
    verbose_name = "年度報告・出力"
