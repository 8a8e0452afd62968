from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from talent.importing import ImportFailed, import_profiles


class Command(BaseCommand):
    help = (
        "CSV ファイルから人材を一括登録します（全件か、0件か）。UTF-8・UTF-8(BOM)・CP932 に対応。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            raw = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"ファイルを開けません: {file}（{exc.strerror}）") from exc
        try:
            result = import_profiles(raw)
        except ImportFailed as exc:
            lines = "\n".join(f"  - {p}" for p in exc.problems)
            raise CommandError(f"取り込みを中止しました。何も登録していません。\n{lines}") from exc
        self.stdout.write(
            f"{result.imported}件の人材を登録しました（文字コード: {result.encoding}）。"
        )
