from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.fields import AreaListField, TextField
from api.schema import SuggestionListSerializer
from common.errors import Forbidden
from lib.slots import SLOT_CHOICES
from matching.candidates import requests_for_profile
from talent import policies, privacy, renewal, search, selectors, services
from talent.filters import ProfileFilter
from talent.models import (
    CONSENTABLE_FIELDS,
    Area,
    Fee,
    Profile,
    ProfileKind,
    ProfileStatus,
)
from talent.validators import PHONE_MESSAGE, PHONE_PATTERN


class ProfileSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=ProfileKind.choices)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    display_name = TextField(max_length=100)
    furigana = TextField(max_length=200, required=False, allow_blank=True)
    skills = TextField(max_length=4000)
    experience = TextField(max_length=4000, required=False, allow_blank=True)
    bio = TextField(max_length=4000, allow_blank=True)
    areas = AreaListField(required=False)
    availability = serializers.ListField(
        child=serializers.ChoiceField(choices=SLOT_CHOICES), required=False, max_length=21
    )
    fee = serializers.ChoiceField(choices=Fee.choices, required=False)
    email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    phone = serializers.RegexField(
        PHONE_PATTERN,
        required=False,
        allow_blank=True,
        max_length=30,
        error_messages={"invalid": PHONE_MESSAGE},
    )
    public_fields = serializers.ListField(
        child=serializers.ChoiceField(choices=CONSENTABLE_FIELDS), required=False, max_length=3
    )
    status = serializers.ChoiceField(choices=ProfileStatus.choices, required=False)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    note = TextField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="差し戻しの理由（status を draft に戻すとき）",
    )
    external_id = TextField(max_length=50, required=False, allow_blank=True)

    class Meta:
        model = Profile
        fields = [
            "id", "kind", "kind_label", "display_name", "furigana", "skills", "experience",
            "bio", "areas", "availability", "fee", "email", "phone", "public_fields", "status",
            "status_label", "note", "screening_note", "external_id", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["screening_note", "created_at", "updated_at"]
        # Left out of an answer for callers who may not see them (the privacy gate), so the
        # OpenAPI document does not call them required (api/schema.py).
        may_be_absent = (
            "furigana", "experience", "bio", "email", "phone", "screening_note", "external_id",
        )  # fmt: skip

    def to_representation(self, instance):
        # Only what the privacy gate returned for this viewer (show_profiles asks it once per
        # response, for the whole page, and records the disclosure there).
        views = self.context.get("profile_views") or {}
        view = views.get(instance.pk)
        if view is None:
            view = privacy.profile_view(self.context["request"].user, instance, channel="api")
        data = super().to_representation(instance)
        return {k: v for k, v in data.items() if LABEL_OF.get(k, k) in view.fields}


# Read-only labels shown with the field they label.
LABEL_OF = {"kind_label": "kind", "status_label": "status"}


def show_profiles(request, profiles) -> dict[int, privacy.ProfileView]:
    """The privacy gate's answer for the profiles of one API response (channel "api"), for
    the serializer context key ``profile_views``."""
    views = privacy.profile_views(request.user, profiles, channel="api")
    return {view.pk: view for view in views}


class RenewalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    valid_fiscal_year = serializers.IntegerField(help_text="登録が有効な年度（4月1日〜翌3月31日）")
    valid_until = serializers.SerializerMethodField()

    def get_valid_until(self, profile) -> str:
        return renewal.valid_until(profile).isoformat()


class ProfileViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """人材（ボランティア・講師）のプロフィール。連絡先はコーディネーターと、確定したマッチングの依頼者だけが見られます。"""

    serializer_class = ProfileSerializer
    filterset_class = ProfileFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            selectors.profiles_visible_to(self.request.user)
            .prefetch_related(Prefetch("areas", queryset=Area.objects.order_by("sort_order")))
            .order_by(*search.profile_order(self.request.user))
        )

    def _show(self, profiles, *, many=False):
        profiles = list(profiles)
        views = show_profiles(self.request, profiles)
        context = {**self.get_serializer_context(), "profile_views": views}
        data = ProfileSerializer(profiles if many else profiles[0], many=many, context=context)
        return data.data, views

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        data, views = self._show(page, many=True)
        if q := request.query_params.get("q", "").strip():
            snippets = search.profile_snippets(views.values(), q)
            for item in data:
                item["snippet"] = snippets[item["id"]]
        return self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        return Response(self._show([self.get_object()])[0])

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        areas = data.pop("areas", [])
        status = data.pop("status", None)
        data.pop("note", None)
        profile = services.profile_register(
            actor=request.user, data=data, areas=areas, status=status
        )
        profile = self.get_queryset().get(pk=profile.pk)
        return Response(self._show([profile])[0], status=201)

    def partial_update(self, request, *args, **kwargs):
        profile = self.get_object()
        serializer = self.get_serializer(profile, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        profile = services.profile_edit(
            actor=request.user,
            profile=profile,
            areas=data.pop("areas", None),
            status=data.pop("status", None),
            note=data.pop("note", ""),
            data=data,
        )
        profile = self.get_queryset().get(pk=profile.pk)
        return Response(self._show([profile])[0])

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=None, responses=RenewalSerializer)
    @action(detail=True, methods=["post"])
    def renew(self, request, pk=None):
        """登録を更新します（本人かコーディネーター）。今年度（更新の受付期間中は来年度）の3月31日まで有効になり、「更新待ち」の登録は公開に戻ります。"""
        profile = renewal.profile_renew(actor=request.user, profile=self.get_object())
        return Response(RenewalSerializer(profile).data)

    @extend_schema(responses=SuggestionListSerializer)
    @action(detail=True, methods=["get"], url_path="suggested-requests")
    def suggested_requests(self, request, pk=None):
        """この人に合いそうな募集中の依頼を、理由つきで適合度の高い順に返します（本人とコーディネーターのみ）。"""
        from api.requests import CandidatesQuery

        profile = self.get_object()
        if not policies.can_edit_profile(request.user, profile):
            raise Forbidden("本人とコーディネーターだけが見られます。")
        query = CandidatesQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(
            requests_for_profile(profile, limit=query.validated_data["limit"]).as_dict()
        )
