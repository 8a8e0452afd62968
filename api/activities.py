from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from talent import privacy
from volunteers.models import ActivityRecord
from volunteers.selectors import activities_visible_to

# What an activity shows of its volunteer (through the privacy gate).
VOLUNTEER_FIELDS = frozenset({"id", "display_name"})


class ActivitySerializer(serializers.ModelSerializer):
    request_title = serializers.CharField(source="match.request.title", read_only=True)
    organization_name = serializers.CharField(
        source="match.request.organization.name", read_only=True
    )
    profile = serializers.SerializerMethodField()
    volunteer_name = serializers.SerializerMethodField()

    class Meta:
        model = ActivityRecord
        fields = [
            "id", "match", "profile", "volunteer_name", "request_title", "organization_name",
            "date", "hours", "requester_feedback", "rating", "volunteer_feedback",
        ]  # fmt: skip

    def _view(self, record) -> privacy.ProfileView:
        return self.context["profile_views"][record.match.profile_id]

    def get_profile(self, record) -> int | None:
        return self._view(record).value("id")

    def get_volunteer_name(self, record) -> str | None:
        return self._view(record).value("display_name")


class ActivityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """活動記録（各ボランティアの活動履歴）。"""

    serializer_class = ActivitySerializer
    filterset_fields = {"match__profile": ["exact"]}

    def get_queryset(self):
        return activities_visible_to(self.request.user)

    def _render(self, records, *, many: bool):
        records = list(records)
        views = privacy.profile_views(
            self.request.user,
            {r.match.profile_id: r.match.profile for r in records}.values(),
            channel="api",
            fields=VOLUNTEER_FIELDS,
        )
        context = {**self.get_serializer_context(), "profile_views": {v.pk: v for v in views}}
        return ActivitySerializer(records if many else records[0], many=many, context=context).data

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self._render(page, many=True))

    def retrieve(self, request, *args, **kwargs):
        return Response(self._render([self.get_object()], many=False))
