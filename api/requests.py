from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.fields import IdField, TextField
from api.permissions import IsCoordinator
from api.schema import CandidateListSerializer
from matching import search, selectors, services
from matching.candidates import Options, candidates_for_request
from matching.filters import RequestFilter
from matching.models import Audience, Organization, Request, RequestStatus, TimeBand
from talent.models import ProfileKind


class RequestSerializer(serializers.ModelSerializer):
    organization = IdField(queryset=Organization.objects.all())
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    title = TextField(max_length=200)
    description = TextField(max_length=4000)
    kind_wanted = serializers.ChoiceField(
        choices=ProfileKind.choices,
        required=False,
        allow_blank=True,
        help_text="第1版の単一の種別（互換のため）。kinds_wanted がちょうど1つのときその種別。",
    )
    kinds_wanted = serializers.ListField(
        child=serializers.ChoiceField(choices=ProfileKind.choices),
        required=False,
        max_length=3,
        help_text="役に立ちそうな種別（いくつでも、空ならどの種別でも）。候補では優先するだけ。",
    )
    kinds_strict = serializers.BooleanField(
        required=False, help_text="true なら kinds_wanted の種別の方だけを候補にする"
    )
    dates = serializers.ListField(child=serializers.DateField(), required=False, max_length=31)
    time_band = serializers.ChoiceField(choices=TimeBand.choices, required=False, allow_blank=True)
    place = TextField(max_length=200, required=False, allow_blank=True)
    audience = serializers.ListField(
        child=serializers.ChoiceField(choices=Audience.choices), required=False, max_length=6
    )
    headcount = serializers.IntegerField(min_value=1, max_value=50, required=False)
    status = serializers.ChoiceField(choices=RequestStatus.choices, required=False)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Request
        fields = [
            "id", "organization", "organization_name", "title", "description", "kind_wanted",
            "kinds_wanted", "kinds_strict", "dates", "time_band", "place", "audience", "headcount", "status", "status_label",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]

    def validate_organization(self, organization):
        # Existence is checked against every organization, but a requester may only name its
        # own: the service refuses the rest with 403.
        return organization


class CandidatesQuery(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=500, default=10)


class RequestViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """学校・公民館・地域団体からの依頼。"""

    serializer_class = RequestSerializer
    filterset_class = RequestFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.requests_visible_to(self.request.user)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        if q := request.query_params.get("q", "").strip():
            snippets = search.request_snippets(self.paginator.page, q)
            for item in response.data["results"]:
                item["snippet"] = snippets[item["id"]]
        return response

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organization = data.pop("organization")
        status = data.pop("status", RequestStatus.OPEN)
        req = services.request_create(
            actor=request.user, organization=organization, data=data, status=status
        )
        return Response(self.get_serializer(req).data, status=201)

    def partial_update(self, request, *args, **kwargs):
        req = self.get_object()
        serializer = self.get_serializer(req, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "organization" in data and data.pop("organization") != req.organization:
            raise serializers.ValidationError({"organization": ["依頼の団体は変更できません。"]})
        req = services.request_edit(
            actor=request.user, req=req, status=data.pop("status", None), data=data
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=req.pk)).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(responses=CandidateListSerializer)
    # No filter backend: the list's query filters mean nothing here, and building the
    # filterset on every call cost as much as the ranking.
    @action(detail=True, methods=["get"], permission_classes=[IsCoordinator], filter_backends=[])
    def candidates(self, request, pk=None):
        """マッチング候補（公開中の人材）を、理由つきで適合度の高い順に返します。"""
        req = self.get_object()
        query = CandidatesQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        options = Options(limit=query.validated_data["limit"])
        return Response(candidates_for_request(req, options).as_dict())
