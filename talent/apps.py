from django.apps import AppConfig


class TalentConfig(AppConfig):
    name = "talent"
    verbose_name = "人材バンク"
