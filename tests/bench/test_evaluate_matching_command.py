"""evaluate_matching prints the service and every baseline, per split and trap."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

CITY = {
    "profiles": [
        {"key": "p1", "kind": "instructor", "skills": "書道の講座", "areas": ["南地区"]},
        {"key": "p2", "kind": "it_volunteer", "skills": "スマホの使い方", "areas": []},
        {"key": "p3", "kind": "instructor", "skills": "陶芸の体験", "areas": []},
    ],
    "requests": [
        {"key": "r1", "title": "書道講座", "description": "講師を探しています",
         "kind_wanted": "instructor", "relevant": ["p1"], "trap": "direct", "split": "dev"},
        {"key": "r2", "title": "スマートフォン教室", "description": "使い方",
         "kind_wanted": None, "relevant": ["p2"], "trap": "hyoki", "split": "test"},
        {"key": "r3", "title": "チェス大会の審判", "description": "公式ルールで",
         "kind_wanted": None, "relevant": [], "trap": "none", "split": "test"},
    ],
}  # fmt: skip
GENERAL = {
    "documents": [{"key": "d1", "text": "明日は雨が降りそうだ"}, {"key": "d2", "text": "猫が好き"}],
    "queries": [{"key": "g1", "text": "雨の予報", "relevant": ["d1"], "split": "test"}],
}


@pytest.fixture
def files(tmp_path):
    city, general = tmp_path / "city.json", tmp_path / "general.json"
    city.write_text(json.dumps(CITY, ensure_ascii=False), encoding="utf-8")
    general.write_text(json.dumps(GENERAL, ensure_ascii=False), encoding="utf-8")
    return city, general


def test_it_prints_each_split_and_trap_with_every_baseline(files):
    city, general = files
    out = StringIO()
    call_command("evaluate_matching", "--city", city, "--general", general, stdout=out)
    text = out.getvalue()
    for heading in ("[dev] trap=direct", "[test] trap=hyoki", "[test] trap=none", "general set"):
        assert heading in text
    for matcher in (
        "service", "char 2-gram TF-IDF", "char 1-3-gram TF-IDF", "Sudachi word TF-IDF",
        "BM25 (Sudachi words)", "TF-IDF + vectors 50/50",
    ):  # fmt: skip
        assert matcher in text
    none_table = text[text.index("[test] trap=none") :].split("\n\n")[0]
    assert "nothing_fits" in none_table
    service_row = next(line for line in none_table.splitlines() if "service" in line)
    assert service_row.split()[-1] == "1.000"  # nobody offers チェス: nothing fits


def test_the_sweep_prints_each_threshold_per_split(files):
    city, _ = files
    out = StringIO()
    call_command("evaluate_matching", "--city", city, "--skip-general", "--sweep", stdout=out)
    sweep = out.getvalue().split("'nothing fits' threshold")[1]
    dev, test = sweep.split("[test]")
    # dev: r1 (書道講座) has its right person, no none request; test: r2 and r3 (チェス).
    assert "below 0.20: none caught 0/0 (0%), real answered nothing 0/1" in dev
    assert "below 0.20: none caught 1/1 (100%), real answered nothing 0/1" in test


def test_a_stale_index_is_measured_beside_the_service(files):
    city, _ = files
    out = StringIO()
    call_command(
        "evaluate_matching", "--city", city, "--skip-general", "--stale", "0.5", stdout=out
    )
    assert "built on 50%, no rebuild" in out.getvalue()


def test_an_unreadable_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="評価データを読めません"):
        call_command("evaluate_matching", "--city", tmp_path / "missing.json")
