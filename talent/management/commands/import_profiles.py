from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from talent.importing import ImportFailed, import_file


class Command(BaseCommand):
    help = (
        "CSV または Excel（.xlsx）ファイルから人材を一括登録します（全件か、0件か）。"
        "CSV は UTF-8・UTF-8(BOM)・CP932 のどれか1つで書かれたもの。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--same-person",
            choices=["fail", "skip", "new"],
            default="fail",
            help="登録済みの人（またはファイルの前の行）と同じ人と判定された行を: "
            "fail = 問題として全体を止める（既定）、skip = 取り込まない、new = 別人として登録する",
        )

    def handle(self, *args, file: Path, same_person: str, **options):
        if not file.is_file():
            raise CommandError(f"ファイルを開けません: {file}")
        try:
            result = import_file(lambda: file.open("rb"), file.name, same_person=same_person)
        except OSError as exc:
            raise CommandError(f"ファイルを開けません: {file}（{exc.strerror}）") from exc
        except ImportFailed as exc:
            lines = "\n".join(f"  - {p}" for p in exc.problems)
            raise CommandError(f"取り込みを中止しました。何も登録していません。\n{lines}") from exc
        for dup in result.duplicates:
            hit = dup.hits[0]
            self.stdout.write(
                f"  {dup.line}行目「{dup.name}」: {hit.label}（{hit.other.name}、"
                f"{'、'.join(hit.reasons)}）"
            )
        if result.skipped:
            self.stdout.write(f"同じ人と判定した{result.skipped}行は取り込みませんでした。")
        if result.flagged_rows:
            self.stdout.write(
                f"{result.flagged_rows}行に数式に見える値（=, +, -, @ などで始まる）があります。"
                "入力のまま保存し、書き出すときは無害化します。"
            )
        self.stdout.write(
            f"{result.imported}件の人材を登録しました（文字コード: {result.encoding}）。"
        )
