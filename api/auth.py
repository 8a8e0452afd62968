from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from api.fields import TextField
from common.errors import InvalidInput


class TokenSerializer(AuthTokenSerializer):
    username = TextField(max_length=150)
    password = TextField(max_length=200, trim_whitespace=False)


class TokenView(APIView):
    """ユーザー名とパスワードから API トークンを発行します。"""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        request=TokenSerializer,
        responses=inline_serializer("TokenResponse", {"token": serializers.CharField()}),
    )
    def post(self, request):
        serializer = TokenSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            if set(serializer.errors) == {"non_field_errors"}:
                raise InvalidInput("ユーザー名かパスワードが違います。", code="invalid_credentials")
            serializer.is_valid(raise_exception=True)
        token, _ = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})
