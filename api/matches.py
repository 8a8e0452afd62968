from decimal import Decimal

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.fields import IdField, TextField
from api.permissions import IsCoordinator
from api.profiles import ProfileSerializer, show_profiles
from matching import selectors, services
from matching.models import Match, MatchStatus, Request
from matching.pipeline import match_moves
from talent.filters import IdFilter
from talent.models import Profile
from volunteers import services as volunteer_services


class MatchSerializer(serializers.ModelSerializer):
    request = IdField(queryset=Request.objects.all())
    profile = IdField(queryset=Profile.objects.all())
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    note = TextField(max_length=2000, required=False, allow_blank=True)
    request_title = serializers.CharField(source="request.title", read_only=True)
    volunteer = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Match
        fields = [
            "id", "request", "request_title", "profile", "volunteer", "status", "status_label",
            "note", "allowed_actions", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["status", "created_at", "updated_at"]
        # No unique-together check here: a duplicate proposal is the service's Conflict (409
        # "duplicate"), the same answer as on the pages.
        validators = []

    @extend_schema_field(ProfileSerializer)
    def get_volunteer(self, match) -> dict:
        # The same privacy gate as /api/profiles/ (MatchViewSet asks it for the whole page).
        return ProfileSerializer(match.profile, context=self.context).data

    def get_allowed_actions(self, match) -> list[str]:
        names = {v: k for k, v in ACTIONS.items()}
        return [names[to] for to in match_moves(self.context["request"].user, match)]


ACTIONS = {
    "accept": MatchStatus.ACCEPTED,
    "decline": MatchStatus.DECLINED,
    "confirm": MatchStatus.CONFIRMED,
    "complete": MatchStatus.COMPLETED,
    "cancel": MatchStatus.CANCELLED,
}


class NoteSerializer(serializers.Serializer):
    note = TextField(max_length=2000, required=False, allow_blank=True, default="")


class CompleteSerializer(serializers.Serializer):
    date = serializers.DateField()
    hours = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=Decimal("0.5"), max_value=Decimal("24")
    )
    requester_feedback = TextField(max_length=2000, required=False, allow_blank=True)
    rating = serializers.IntegerField(min_value=1, max_value=5, required=False, allow_null=True)
    volunteer_feedback = TextField(max_length=2000, required=False, allow_blank=True)


class MatchFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=MatchStatus.choices)
    request = IdFilter(field_name="request_id")
    profile = IdFilter(field_name="profile_id")

    class Meta:
        model = Match
        fields = ["status", "request", "profile"]


class MatchViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """マッチング（提案 → 承諾 → 確定 → 完了）。"""

    serializer_class = MatchSerializer
    filterset_class = MatchFilter

    def get_permissions(self):
        if self.action in ("create", "confirm"):
            return [IsCoordinator()]
        return super().get_permissions()

    def get_queryset(self):
        return selectors.matches_visible_to(self.request.user).prefetch_related("profile__areas")

    def get_serializer_class(self):
        if self.action == "complete":
            return CompleteSerializer
        if self.action in ACTIONS:
            return NoteSerializer
        return MatchSerializer

    def _render(self, matches, *, many: bool):
        """Matches with their volunteers as the privacy gate shows them to the caller: one
        call of the gate (and at most one disclosure row) per response."""
        matches = list(matches)
        views = show_profiles(self.request, [m.profile for m in matches])
        context = {**self.get_serializer_context(), "profile_views": views}
        return MatchSerializer(matches if many else matches[0], many=many, context=context).data

    def _show(self, match, status=200):
        match = self.get_queryset().get(pk=match.pk)
        return Response(self._render([match], many=False), status=status)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self._render(page, many=True))

    def retrieve(self, request, *args, **kwargs):
        return self._show(self.get_object())

    def create(self, request, *args, **kwargs):
        serializer = MatchSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        match = services.match_propose(
            actor=request.user,
            req=serializer.validated_data["request"],
            profile=serializer.validated_data["profile"],
            note=serializer.validated_data.get("note", ""),
        )
        return self._show(match, status=201)

    def _move(self, request, to: str):
        match = self.get_object()
        serializer = NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        match = services.match_set_status(
            actor=request.user, match=match, status=to, note=serializer.validated_data["note"]
        )
        return self._show(match)

    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """提案を承諾します（ボランティア本人、または代理のコーディネーター）。"""
        return self._move(request, MatchStatus.ACCEPTED)

    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """提案を辞退します。"""
        return self._move(request, MatchStatus.DECLINED)

    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """マッチングを確定します（コーディネーターのみ）。必要人数を超えては確定できません。"""
        return self._move(request, MatchStatus.CONFIRMED)

    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """マッチングを取り消します。"""
        return self._move(request, MatchStatus.CANCELLED)

    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        """活動の完了を記録します（日付・時間・感想）。"""
        match = self.get_object()
        serializer = CompleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        volunteer_services.match_complete(
            actor=request.user, match=match, **serializer.validated_data
        )
        return self._show(match)
