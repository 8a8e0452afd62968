"""Logging in and out through the API.

`POST /api/auth/token/` is guarded twice: DRF's throttle counts requests per client (scope
"auth"), and django-axes (inside ``authenticate``) locks a username or a client out after
repeated failures — both answer 429 with Retry-After, before any password is hashed.
"""

from django.conf import settings
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts import second_factor
from accounts.tokens import log_out_everywhere, token_issue, token_revoke
from api.fields import TextField
from common.errors import Forbidden, InvalidInput


class TokenSerializer(AuthTokenSerializer):
    username = TextField(max_length=150)
    password = TextField(max_length=200, trim_whitespace=False)
    otp = TextField(max_length=10, required=False, allow_blank=True)


class TokenView(APIView):
    """ユーザー名とパスワードから API トークンを発行します（有効期限つき）。"""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"

    @extend_schema(
        request=TokenSerializer,
        responses=inline_serializer(
            "TokenResponse",
            {"token": serializers.CharField(), "expiry": serializers.DateTimeField()},
        ),
    )
    def post(self, request):
        serializer = TokenSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            if getattr(request, "axes_locked_out", False):
                wait = int(settings.AXES_COOLOFF_TIME.total_seconds())
                raise Throttled(
                    wait=wait,
                    detail="ログインの失敗が続いたため、しばらくログインできません。",
                    code="locked_out",
                )
            if set(serializer.errors) == {"non_field_errors"}:
                raise InvalidInput("ユーザー名かパスワードが違います。", code="invalid_credentials")
            serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        if second_factor.required(user, admin=False) and not second_factor.verify(
            user, serializer.validated_data.get("otp", "")
        ):
            raise Forbidden(
                "このアカウントには二段階認証が必要です。認証アプリの6桁のコードを otp に入れてください。",
                code="second_factor_required",
            )
        token, key = token_issue(user=user)
        return Response({"token": key, "expiry": token.expiry})


class LogoutView(APIView):
    """このトークンを無効にします。"""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        if request.auth is not None:
            token_revoke(token=request.auth)
        return Response(status=204)


class LogoutAllView(APIView):
    """このアカウントのすべてのトークンとログイン中のセッションを無効にします。"""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        log_out_everywhere(user=request.user)
        return Response(status=204)
