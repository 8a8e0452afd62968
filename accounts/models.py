from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from knox.models import AbstractAuthToken


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "コーディネーター"
    REQUESTER = "requester", "依頼者（学校・公民館・団体）"
    VOLUNTEER = "volunteer", "ボランティア・講師"


class User(AbstractUser):
    """A login. The role decides what the person may see and do (see accounts/roles.py).

    A requester's organization is not here but in matching.Membership: accounts sits below
    matching and knows nothing of organizations."""

    role = models.CharField("役割", max_length=20, choices=Role.choices, default=Role.VOLUNTEER)
    # When the person agreed to the terms of use (sign-up page); empty for staff-made logins.
    terms_accepted_at = models.DateTimeField("利用規約に同意した日時", null=True, blank=True)
    # Sign-up page logins start unverified and read only their own profile until the link in
    # the confirmation mail is opened (accounts.policies.may_browse). Staff-made logins are
    # trusted from the start.
    self_registered = models.BooleanField("本人が登録", default=False)
    email_verified_at = models.DateTimeField("メールアドレスを確認した日時", null=True, blank=True)
    # Raised by "log out everywhere": part of the session hash and of every API token's
    # fingerprint, so all of them stop working at once (as a password change does).
    login_generation = models.PositiveIntegerField("ログイン世代", default=0)

    class Meta:
        verbose_name = "ユーザー"
        verbose_name_plural = "ユーザー"

    def _get_session_auth_hash(self, secret=None):
        # Django's own hash covers the password only; the generation makes "log out everywhere"
        # end every session too. Both the current and the fallback-secret hash go through here.
        return salted_hmac(
            "accounts.User.session",
            f"{self.password}|{self.login_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class ApiToken(AbstractAuthToken):
    """An API token (django-rest-knox: stored as a digest, with an expiry). ``fingerprint``
    stands for the user's credentials when it was issued (accounts.tokens): a password change,
    a reset or "log out everywhere" changes them, and the token then fails with 401."""

    fingerprint = models.CharField(max_length=64)

    class Meta:
        verbose_name = "API トークン"
        verbose_name_plural = "API トークン"
