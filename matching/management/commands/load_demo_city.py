import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User
from accounts.services import user_create
from accounts.system import SYSTEM
from lib.text import width
from matching import services as matching_services
from matching.models import Match, MatchEvent, Organization, Request, SynonymGroup
from matching.selectors import organization_of
from talent import services as talent_services
from talent.models import Area, Profile

DEMO_PASSWORD = "tsunagu-demo-2026"
# Keys that date a demo row in the past (so the 年度 report has a year behind it), not data.
PAST_DATES = ("registered_on", "posted_on", "proposed_on", "answered_on")


def _morning(day: str) -> datetime:
    """10:00 in the city on that day: when the demo's past events happened."""
    return datetime.combine(
        date.fromisoformat(day), datetime.min.time(), ZoneInfo("Asia/Tokyo")
    ).replace(hour=10)


class Command(BaseCommand):
    help = "デモ用の市（地区・団体・人材・依頼・ログイン）を fixtures/ から読み込みます。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", type=Path, default=Path(settings.BASE_DIR) / "fixtures" / "demo_city.json"
        )
        parser.add_argument(
            "--synonyms", type=Path, default=Path(settings.BASE_DIR) / "fixtures" / "synonyms.json"
        )

    def handle(self, *args, file: Path, synonyms: Path, **options):
        city = json.loads(file.read_text(encoding="utf-8"))
        if Organization.objects.exists():
            self.stdout.write("デモの市はすでに読み込まれています（読み込みは省略します）。")
        else:
            with transaction.atomic():
                counts = load_city(city)
                if not SynonymGroup.objects.exists():
                    load_synonyms(json.loads(synonyms.read_text(encoding="utf-8")))
            self.stdout.write(
                f"「{city['city']['name']}」を読み込みました: 地区 {counts['areas']}、"
                f"団体 {counts['organizations']}、人材 {counts['profiles']}、依頼 {counts['requests']}。"
            )
        self.print_logins(city)

    def print_logins(self, city: dict) -> None:
        labels = {
            "coordinator": "コーディネーター",
            "requester": "依頼者",
            "volunteer": "ボランティア",
        }
        self.stdout.write(f"\nデモ用ログイン（パスワードはすべて {DEMO_PASSWORD}）:")
        rows = [["役割", "ユーザー名", "所属"]]
        for entry in city["users"]:
            user = User.objects.filter(username=entry["username"]).first()
            if user is None:
                continue
            org = organization_of(user)
            rows.append([labels[entry["role"]], entry["username"], org.name if org else "―"])
        # Padded by display width: a wide (Japanese) character takes two terminal columns.
        for line in width.table(rows):
            self.stdout.write(line.rstrip())
        self.stdout.write("画面: http://127.0.0.1:8000/   API: http://127.0.0.1:8000/api/docs/\n")


def _demo_match(entry: dict, *, requests: dict, profiles: dict) -> None:
    """A match brought to its demo status through the same legal moves as in real use."""
    from volunteers.services import match_complete

    match = matching_services.match_propose(
        actor=SYSTEM, req=requests[entry["request"]], profile=profiles[entry["profile"]]
    )
    if entry.get("proposed_on"):
        Match.objects.filter(pk=match.pk).update(created_at=_morning(entry["proposed_on"]))
    steps = {
        "proposed": [],
        "accepted": ["accepted"],
        "declined": ["declined"],
        "confirmed": ["accepted", "confirmed"],
        "completed": ["accepted", "confirmed"],
    }[entry["status"]]
    for step in steps:
        match = matching_services.match_set_status(actor=SYSTEM, match=match, status=step)
    if entry.get("proposed_on"):
        events = MatchEvent.objects.filter(match=match)
        events.filter(to_status="proposed").update(at=_morning(entry["proposed_on"]))
        if entry.get("answered_on"):
            events.exclude(to_status="proposed").update(at=_morning(entry["answered_on"]))
    if entry["status"] == "completed":
        record = entry.get("record", {})
        match_complete(
            actor=SYSTEM,
            match=match,
            date=date.fromisoformat(record.get("date", "2026-11-10")),
            hours=record.get("hours", "2.0"),
            requester_feedback=record.get("requester_feedback", ""),
            rating=record.get("rating"),
        )


def load_synonyms(groups: list[dict]) -> None:
    SynonymGroup.objects.bulk_create(
        SynonymGroup(terms="、".join(group["terms"]), note=group.get("note", ""))
        for group in groups
    )


@transaction.atomic
def load_city(city: dict) -> dict[str, int]:
    """Create the demo city through the same services as every other write."""
    areas = {}
    for i, a in enumerate(city["areas"]):
        areas[a["name"]] = Area.objects.create(
            name=a["name"], furigana=a.get("furigana", ""), sort_order=i
        )
    orgs = {}
    for o in city["organizations"]:
        data = {k: o.get(k, "") for k in ("name", "kind", "address", "phone", "email")}
        orgs[o["key"]] = matching_services.organization_create(
            actor=SYSTEM, data={**data, "area": areas.get(o.get("area"))}
        )
    profiles = {}
    for p in city["profiles"]:
        data = {k: v for k, v in p.items() if k not in ("key", "areas", "status", *PAST_DATES)}
        profiles[p["key"]] = talent_services.profile_register(
            actor=SYSTEM,
            data=data,
            areas=[areas[name] for name in p.get("areas", [])],
            status=p.get("status", "published"),
        )
        if p.get("registered_on"):
            at = _morning(p["registered_on"])
            Profile.objects.filter(pk=profiles[p["key"]].pk).update(
                created_at=at,
                published_at=at if p.get("status", "published") == "published" else None,
            )
    requests = {}
    for r in city["requests"]:
        data = {
            k: v for k, v in r.items() if k not in ("key", "organization", "status", *PAST_DATES)
        }
        data["dates"] = [date.fromisoformat(d) for d in r.get("dates", [])]
        data["kind_wanted"] = r.get("kind_wanted") or ""
        requests[r["key"]] = matching_services.request_create(
            actor=SYSTEM,
            organization=orgs[r["organization"]],
            data=data,
            status=r.get("status", "open"),
            history=True,  # the demo city's requests exist already, some with past dates
        )
        if r.get("posted_on"):
            Request.objects.filter(pk=requests[r["key"]].pk).update(
                created_at=_morning(r["posted_on"])
            )
    for u in city["users"]:
        login = {
            "username": u["username"],
            "password": DEMO_PASSWORD,
            "first_name": u.get("display_name", ""),
            "email": u.get("email", ""),
            "check_password": False,
        }
        if u["role"] == "requester":
            user = matching_services.requester_create(organization=orgs[u["organization"]], **login)
        else:
            user = user_create(role=u["role"], **login)
        if u.get("profile"):
            profile = profiles[u["profile"]]
            profile.user = user
            profile.save(update_fields=["user"])
    for m in city.get("matches", []):
        _demo_match(m, requests=requests, profiles=profiles)
    return {
        "areas": len(areas),
        "organizations": len(orgs),
        "profiles": len(profiles),
        "requests": len(requests),
    }
