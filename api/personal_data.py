"""Data-protection requests over the API: a person's copy (JSON, CSV) and withdrawal (退会).

Thin: each view calls volunteers.personal_data, where the rules are.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.fields import TextField
from common.errors import NotFound
from talent.models import Profile, ProfileStatus
from volunteers import personal_data

CSV_RESPONSE = OpenApiResponse(OpenApiTypes.STR, description="UTF-8（BOM つき）の CSV")
WITHDRAWN = inline_serializer(
    "Withdrawn", {"id": serializers.IntegerField(), "status": serializers.CharField()}
)


def _csv(data: dict) -> HttpResponse:
    response = HttpResponse(
        personal_data.personal_data_csv(data), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="personal-data.csv"'
    return response


def _profile(pk: int) -> Profile:
    return get_object_or_404(Profile.objects.exclude(status=ProfileStatus.WITHDRAWN), pk=pk)


class MyDataView(APIView):
    """本人の情報をすべて取り出します（個人情報保護法にもとづく開示）。"""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        return Response(personal_data.personal_data(actor=request.user, user=request.user))


class MyDataCsvView(APIView):
    """本人の情報をすべて、CSV で取り出します。"""

    @extend_schema(responses={(200, "text/csv"): CSV_RESPONSE})
    def get(self, request):
        return _csv(personal_data.personal_data(actor=request.user, user=request.user))


class ProfileDataView(APIView):
    """ある人の情報をすべて取り出します（紙の申請を受けたコーディネーター、または本人）。"""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk: int):
        return Response(personal_data.personal_data(actor=request.user, profile=_profile(pk)))


class ProfileDataCsvView(APIView):
    """ある人の情報をすべて、CSV で取り出します。"""

    @extend_schema(responses={(200, "text/csv"): CSV_RESPONSE})
    def get(self, request, pk: int):
        return _csv(personal_data.personal_data(actor=request.user, profile=_profile(pk)))


class WithdrawSelfSerializer(serializers.Serializer):
    password = TextField(max_length=200, trim_whitespace=False)


class WithdrawForSerializer(serializers.Serializer):
    reference = TextField(
        max_length=100, required=False, allow_blank=True, help_text="紙の申請の受付番号など"
    )
    password = TextField(max_length=200, required=False, trim_whitespace=False)


class MyWithdrawView(APIView):
    """退会します：氏名・連絡先・自己紹介などを消去し、活動の件数と時間だけを匿名で残します。"""

    @extend_schema(request=WithdrawSelfSerializer, responses={200: WITHDRAWN})
    def post(self, request):
        body = WithdrawSelfSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        profile = Profile.objects.filter(user=request.user).first()
        if profile is None:
            raise NotFound("退会するプロフィールがありません。")
        profile = personal_data.withdraw(
            actor=request.user, profile=profile, password=body.validated_data["password"]
        )
        return Response({"id": profile.pk, "status": profile.status})


class ProfileWithdrawView(APIView):
    """紙の申請による退会の手続き（コーディネーター）。本人が行うときはパスワードを添えます。"""

    @extend_schema(request=WithdrawForSerializer, responses={200: WITHDRAWN})
    def post(self, request, pk: int):
        body = WithdrawForSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        profile = personal_data.withdraw(
            actor=request.user,
            profile=_profile(pk),
            password=body.validated_data.get("password"),
            reference=body.validated_data.get("reference", ""),
        )
        return Response({"id": profile.pk, "status": profile.status})
