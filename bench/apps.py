from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmarks and the matching evaluation, kept out of the domain apps: they read the apps
    and the Django-free packages, and nothing imports them back."""

    name = "bench"
    verbose_name = "ベンチマークと評価"
