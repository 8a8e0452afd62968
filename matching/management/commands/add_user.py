"""add_user: a login from the command line. It lives in matching because a requester's login
comes with its organization (matching.Membership)."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Role
from accounts.services import user_create
from common.errors import DomainError
from matching.models import Organization
from matching.services import requester_create


class Command(BaseCommand):
    help = "ログインを作成します（非対話）。依頼者には --organization が必要です。"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--password", required=True)
        parser.add_argument("--organization", type=int, help="依頼者の所属団体の ID")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, role, password, organization, email, **options):
        if role == Role.REQUESTER and organization is None:
            raise CommandError("依頼者には所属団体（--organization）が必要です。")
        if role != Role.REQUESTER and organization is not None:
            raise CommandError("所属団体を指定できるのは依頼者（requester）だけです。")
        common = {"username": username, "password": password, "email": email}
        try:
            if role == Role.REQUESTER:
                org = Organization.objects.filter(pk=organization).first()
                if org is None:
                    raise CommandError(f"団体 ID {organization} は登録されていません。")
                user = requester_create(organization=org, check_password=False, **common)
            else:
                user = user_create(role=role, check_password=False, **common)
        except DomainError as exc:
            details = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.fields.items())
            raise CommandError(f"{exc.message} {details}".strip()) from exc
        self.stdout.write(
            f"ユーザー「{user.username}」（{user.get_role_display()}）を作成しました。"
        )
