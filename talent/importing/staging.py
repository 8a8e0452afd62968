"""An upload kept on the server between its preview and the coordinator's confirmation.

The file's bytes sit in a ``StagedImport`` row (so any web process can confirm it) until it
is imported or it expires (``TSUNAGU_STAGED_IMPORT_HOURS``); expired rows are deleted when
the next file is staged. Only the coordinator who uploaded a file may see or confirm it.
"""

from __future__ import annotations

import io
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.roles import is_coordinator
from common.errors import Conflict, Forbidden, InvalidInput, NotFound
from talent.importing import ImportResult, Preview, check_file, import_file
from talent.models import StagedImport

# The pages' upload limit (the command has none: it streams from disk).
MAX_UPLOAD_BYTES = 100 * 1024 * 1024


@transaction.atomic
def stage_upload(*, actor, filename: str, content: bytes) -> StagedImport:
    if not is_coordinator(actor):
        raise Forbidden("一括登録はコーディネーターが行います。")
    if len(content) > MAX_UPLOAD_BYTES:
        raise InvalidInput(
            "ファイルが大きすぎます（画面からは100MBまで）。分けるか、管理者にコマンドでの取り込みを依頼してください。",
            fields={"file": ["100MBまでのファイルを選んでください。"]},
        )
    now = timezone.now()
    StagedImport.objects.filter(expires_at__lt=now).delete()
    return StagedImport.objects.create(
        id=uuid.uuid4(),
        created_by=actor,
        filename=filename[:255],
        content=content,
        expires_at=now + timedelta(hours=settings.TSUNAGU_STAGED_IMPORT_HOURS),
    )


def staged_for(*, actor, staged_id) -> StagedImport:
    """The actor's own staged file; someone else's, or an unknown one, is not found."""
    staged = StagedImport.objects.filter(pk=staged_id, created_by_id=actor.pk).first()
    if staged is None or not is_coordinator(actor):
        raise NotFound("取り込み待ちのファイルが見つかりません。")
    return staged


def _check_usable(staged: StagedImport) -> None:
    if staged.imported_at is not None:
        raise Conflict(
            f"このファイルはすでに取り込みました（{staged.imported_count}件）。",
            code="already_imported",
        )
    if staged.expires_at < timezone.now():
        raise Conflict(
            "アップロードから時間がたったため、このファイルは破棄されました。もう一度アップロードしてください。",
            code="expired",
        )


def preview_staged(staged: StagedImport) -> Preview:
    _check_usable(staged)
    content = bytes(staged.content)
    return check_file(lambda: io.BytesIO(content), staged.filename)


@transaction.atomic
def confirm_staged(*, actor, staged: StagedImport, decisions: dict[int, str]) -> ImportResult:
    """Import the staged file, all rows or none; a second confirmation is refused."""
    staged = StagedImport.objects.select_for_update().get(
        pk=staged_for(actor=actor, staged_id=staged.pk).pk
    )
    _check_usable(staged)
    content = bytes(staged.content)
    result = import_file(lambda: io.BytesIO(content), staged.filename, decisions=decisions)
    staged.imported_at = timezone.now()
    staged.imported_count = result.imported
    staged.imported_ids = result.ids[:200]
    staged.content = b""
    staged.save(update_fields=["imported_at", "imported_count", "imported_ids", "content"])
    return result
