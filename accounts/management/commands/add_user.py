from django.core.management.base import BaseCommand, CommandError

from accounts.models import Role
from accounts.services import user_create
from common.errors import DomainError
from matching.models import Organization


class Command(BaseCommand):
    help = "ログインを作成します（非対話）。依頼者には --organization が必要です。"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--password", required=True)
        parser.add_argument("--organization", type=int, help="依頼者の所属団体の ID")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, role, password, organization, email, **options):
        org = None
        if organization is not None:
            org = Organization.objects.filter(pk=organization).first()
            if org is None:
                raise CommandError(f"団体 ID {organization} は登録されていません。")
        try:
            user = user_create(
                username=username,
                password=password,
                role=role,
                organization=org,
                email=email,
                check_password=False,
            )
        except DomainError as exc:
            details = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.fields.items())
            raise CommandError(f"{exc.message} {details}".strip()) from exc
        self.stdout.write(
            f"ユーザー「{user.username}」（{user.get_role_display()}）を作成しました。"
        )
