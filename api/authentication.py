"""`Authorization: Token <token>`: django-rest-knox tokens (expiring, stored as digests) that
also stop working when the password changes or the user logs out everywhere."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import exceptions

from accounts.tokens import token_matches_user


class TokenAuthentication(KnoxTokenAuthentication):
    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        if not token_matches_user(token):
            token.delete()
            raise exceptions.AuthenticationFailed(
                "このトークンは無効になりました（パスワードの変更かログアウトのため）。もう一度ログインしてください。"
            )
        return user, token


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI document describes this authentication."""

    target_class = "api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "POST /api/auth/token/ で得たトークンを `Token <token>` の形で送ります。",
        }
