import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bench.evaluation import evaluate_matchers
from matching.models import SynonymGroup

MEASURES = ("recall@1", "recall@5", "recall@10", "mrr@10", "success@1")


class Command(BaseCommand):
    help = (
        "マッチングの質を評価セットで測ります（recall@1/5/10、MRR@10）。"
        "本サービスの照合と、文字バイグラム TF-IDF の基準線を同じデータで比べます。"
    )

    def add_arguments(self, parser):
        fixtures = Path(settings.BASE_DIR) / "fixtures"
        parser.add_argument("--file", type=Path, default=fixtures / "eval" / "matching_eval.json")
        parser.add_argument("--synonyms", type=Path, default=fixtures / "synonyms.json")
        parser.add_argument(
            "--synonyms-from-db",
            action="store_true",
            help="use the synonym list coordinators keep in the database instead of the file",
        )

    def handle(self, *args, file: Path, synonyms: Path, synonyms_from_db: bool, **options):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            if synonyms_from_db:
                groups = [g.term_list() for g in SynonymGroup.objects.all()]
            else:
                groups = [g["terms"] for g in json.loads(synonyms.read_text(encoding="utf-8"))]
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"評価データを読めません: {exc}") from exc
        report = evaluate_matchers(data, groups)
        self.stdout.write(
            f"{report.requests} requests over {report.profiles} profiles "
            f"(kind filter applied to both; {len(groups)} domain synonym groups)\n"
        )
        self.stdout.write(self.table(report.overall))
        self.stdout.write("\nby trap (mrr@10 / recall@1):")
        for trap, scores in report.by_trap.items():
            parts = "  ".join(
                f"{name} {s['mrr@10']:.3f} / {s['recall@1']:.3f}" for name, s in scores.items()
            )
            self.stdout.write(f"  {trap:<11} n={int(scores['service']['queries']):<3} {parts}")
        service, baseline = report.overall["service"], report.overall["baseline"]
        beats = all(service[m] > baseline[m] for m in ("mrr@10", "recall@1"))
        self.stdout.write(
            "\nthe service's matcher "
            + ("beats" if beats else "does NOT beat")
            + " the baseline on MRR@10 and recall@1"
        )

    def table(self, overall: dict) -> str:
        header = f"{'matcher':<34}" + "".join(f"{m:>11}" for m in MEASURES)
        labels = {
            "service": "service (Sudachi + TF-IDF)",
            "baseline": "baseline (char bigram TF-IDF)",
        }
        rows = [
            f"{labels[name]:<34}" + "".join(f"{scores[m]:>11.3f}" for m in MEASURES)
            for name, scores in overall.items()
        ]
        return "\n".join([header, *rows])
