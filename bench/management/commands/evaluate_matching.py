import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bench.baselines import BASELINES
from bench.evaluation import (
    ALL,
    Service,
    baseline_ranker,
    city_items,
    cut_off_sweep,
    general_items,
    run_all,
)
from lib.engine.index import SERVICE_CUT_OFF, CutOff
from lib.engine.semantic import SemanticOptions
from lib.text.analysis import Analyzer
from lib.text.vectors import default_vectors

CITY_MEASURES = ("mrr@10", "recall@1", "recall@5", "success@1", "lost")
GENERAL_MEASURES = ("recall@5", "mrr@10", "recall@1")
SWEEP = (0.15, 0.18, 0.2, 0.22, 0.25, 0.28, 0.3, 0.35)


class Command(BaseCommand):
    help = (
        "マッチングの質を評価セットで測ります。本サービスと各基準線（文字 2-gram / 1–3-gram "
        "TF-IDF、Sudachi 単語 TF-IDF、BM25、TF-IDF＋単語ベクトル 50/50）を、dev と test の"
        "分割ごと・罠ごとに並べ、一般文セットの R@5 / MRR@10 も出します。"
    )

    def add_arguments(self, parser):
        fixtures = Path(settings.BASE_DIR) / "fixtures"
        parser.add_argument("--city", type=Path, default=fixtures / "eval" / "city_eval.json")
        parser.add_argument("--general", type=Path, default=fixtures / "eval" / "general_eval.json")
        parser.add_argument("--synonyms", type=Path, default=fixtures / "synonyms.json")
        parser.add_argument(
            "--ablation", action="store_true", help="also run the service without each piece"
        )
        parser.add_argument("--skip-general", action="store_true")
        parser.add_argument(
            "--stale",
            type=float,
            nargs="*",
            metavar="SHARE",
            help="also run the service built from only this share of the data, the rest added "
            "without a rebuild (e.g. 0.1 0.5)",
        )
        parser.add_argument(
            "--sweep",
            action="store_true",
            help="also print what each 'nothing fits below' threshold would answer",
        )

    def handle(
        self, *args, city, general, synonyms, ablation, skip_general, sweep, stale, **options
    ):
        self.stale = [s for s in stale or () if 0 < s < 1]
        try:
            groups = [g["terms"] for g in json.loads(synonyms.read_text(encoding="utf-8"))]
            city_data = json.loads(city.read_text(encoding="utf-8"))
            general_data = None if skip_general else json.loads(general.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"評価データを読めません: {exc}") from exc
        vectors = default_vectors()
        if vectors is None:
            self.stdout.write("ja-ginza is not installed: the service runs without word vectors")

        docs, queries = city_items(city_data)
        matchers = self.matchers(docs, queries, groups, vectors, ablation)
        report = run_all(docs, queries, matchers)
        self.stdout.write(
            f"city set: {report.queries} requests over {report.documents} profiles; the "
            "service uses each request's kind as a preference, the baselines see text only.\n"
        )
        for split in ("dev", "test"):
            if split not in report.scores:
                continue
            for trap, by_matcher in report.scores[split].items():
                self.write_table(f"[{split}] trap={trap}", by_matcher, CITY_MEASURES)

        if sweep:
            self.write_sweep(docs, queries, groups, vectors)

        if general_data is not None:
            docs, queries = general_items(general_data)
            matchers = self.matchers(docs, queries, groups, vectors, ablation)
            report = run_all(docs, queries, matchers)
            self.stdout.write(
                f"\ngeneral set: {report.queries} queries over {report.documents} documents\n"
            )
            for split in ("dev", "test", ALL):
                if split in report.scores:
                    self.write_table(f"[{split}]", report.scores[split][ALL], GENERAL_MEASURES)

    def matchers(self, docs, queries, groups, vectors, ablation) -> dict:
        out = {"service": Service(docs, groups, queries, vectors=vectors).rank}
        if ablation:
            # Each row takes one piece away from the service (or changes one setting).
            def without(**options):
                return Service(docs, groups, queries, vectors=vectors, **options).rank

            out["- word vectors"] = Service(docs, groups, queries).rank
            out["- both-sides IDF"] = Service(docs, groups, (), vectors=vectors).rank
            out["- domain synonyms"] = Service(docs, (), queries, vectors=vectors).rank
            out["- hiragana words"] = Service(
                docs, groups, queries, vectors=vectors, text_analyzer=Analyzer(kana_words=False)
            ).rank
            out["- 地区/曜日 in text"] = without(weights={"area_named": 0.0, "time_named": 0.0})
            out["- kind preference"] = without(weights={"kind_wanted": 0.0})
            out["- cut-off"] = without(cut_off=CutOff())
            out["vectors share 0.35"] = without(semantic=SemanticOptions(share=0.35))
        for share in self.stale:
            out[f"built on {share:.0%}, no rebuild"] = Service(
                docs, groups, queries, vectors=vectors, built_with=share
            ).rank
        for name in BASELINES:
            if name == "fusion" and vectors is None:
                continue
            out[name] = baseline_ranker(name, docs)
        return out

    def write_sweep(self, docs, queries, groups, vectors) -> None:
        # The service as served, but with no "nothing fits" threshold (the relative cut-off
        # stays), so every threshold can be read off the same lists.
        service = Service(
            docs, groups, queries, vectors=vectors,
            cut_off=CutOff(min_text=0.0, relative=SERVICE_CUT_OFF.relative),
        )  # fmt: skip
        lists = {q.key: service.scored(q) for q in queries}
        self.stdout.write(
            "\n'nothing fits' threshold on the best text score (service: "
            f"{SERVICE_CUT_OFF.min_text}): none caught / real requests answered nothing "
            "(of which the right person was in the list)"
        )
        for split in ("dev", "test"):
            chosen = [q for q in queries if q.split == split]
            if not chosen:
                continue
            self.stdout.write(f"[{split}]")
            for row in cut_off_sweep(lists, chosen, SWEEP):
                self.stdout.write(
                    f"  below {row.threshold:.2f}: none caught {row.caught}/{row.unanswerable}"
                    f" ({row.caught / max(row.unanswerable, 1):.0%}), real answered nothing "
                    f"{row.silenced}/{row.answerable} (right person was listed: {row.lost_gold})"
                )

    def write_table(self, title: str, by_matcher: dict, measures) -> None:
        any_scores = next(iter(by_matcher.values()))
        n = int(any_scores.get("queries", 0))
        unanswerable = "nothing_fits" in any_scores
        columns = ("nothing_fits",) if unanswerable and "mrr@10" not in any_scores else measures
        self.stdout.write(f"\n{title} (n={n})")
        self.stdout.write(f"  {'matcher':<26}" + "".join(f"{m:>13}" for m in columns))
        for name, scores in by_matcher.items():
            label = BASELINES[name][0] if name in BASELINES else name
            cells = "".join(f"{scores[m]:>13.3f}" if m in scores else f"{'-':>13}" for m in columns)
            self.stdout.write(f"  {label:<26}{cells}")
