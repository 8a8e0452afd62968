"""Reading the audit log (coordinators' page, a person's data download)."""

from datetime import date, datetime, time

from django.db.models import Q, QuerySet
from django.utils import timezone

from audit.models import AuditEntry

# The words the coordinators' page shows for each action; an action not listed shows as is.
ACTION_LABELS = {
    "login": "ログイン",
    "login_failed": "ログイン失敗",
    "logout": "ログアウト",
    "user.create": "アカウント作成",
    "profile.register": "人材の登録",
    "profile.edit": "人材の編集",
    "profile.status": "人材の状態変更",
    "profile.screening": "審査",
    "organization.create": "団体の登録",
    "organization.edit": "団体の編集",
    "invitation.create": "依頼者の招待",
    "invitation.accept": "招待からのアカウント作成",
    "interest.raise": "「やってみたい」の表明",
    "interest.withdraw": "「やってみたい」の取り消し",
    "request.create": "依頼の登録",
    "request.edit": "依頼の編集",
    "request.status": "依頼の状態変更",
    "match.propose": "提案",
    "match.status": "マッチングの状態変更",
    "activity.record": "活動の記録",
    "activity.confirm": "活動時間の確認（ボランティア）",
    "activity.resolve": "活動時間の食い違いの解決",
    "contact_view": "連絡先の閲覧",
    "export": "書き出し",
    "personal_data.download": "本人データのダウンロード",
    "personal_data.withdraw": "退会（個人情報の消去）",
}


def entries(
    *,
    actor: str = "",
    action: str = "",
    since: date | None = None,
    until: date | None = None,
    target_type: str = "",
    target_id: str = "",
) -> QuerySet[AuditEntry]:
    """Entries, newest first, filtered by who (login name, part of it), what (action),
    the date range (both days included, Asia/Tokyo) and the target."""
    qs = AuditEntry.objects.all()
    if actor:
        qs = qs.filter(actor_name__icontains=actor)
    if action:
        qs = qs.filter(action=action)
    tz = timezone.get_current_timezone()
    if since:
        qs = qs.filter(at__gte=datetime.combine(since, time.min, tzinfo=tz))
    if until:
        qs = qs.filter(at__lte=datetime.combine(until, time.max, tzinfo=tz))
    if target_type:
        qs = qs.filter(target_type=target_type)
    if target_id:
        qs = qs.filter(target_id=target_id)
    return qs.order_by("-at", "-id")


def entries_about(*, user_id: int | None, targets: list[tuple[str, int]]) -> QuerySet[AuditEntry]:
    """What the log holds about one person: what they did, and what was done to their
    records (``targets``: ``[("talent.profile", 12), ("accounts.user", 5)]``)."""
    condition = Q(pk__in=[])
    if user_id is not None:
        condition |= Q(actor_id=user_id)
    for target_type, pk in targets:
        condition |= Q(target_type=target_type, target_id=str(pk))
    return AuditEntry.objects.filter(condition).order_by("at", "id")
