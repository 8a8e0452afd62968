from rest_framework import mixins, serializers, viewsets

from volunteers.models import ActivityRecord
from volunteers.selectors import activities_visible_to


class ActivitySerializer(serializers.ModelSerializer):
    request_title = serializers.CharField(source="match.request.title", read_only=True)
    organization_name = serializers.CharField(
        source="match.request.organization.name", read_only=True
    )
    profile = serializers.IntegerField(source="match.profile_id", read_only=True)
    volunteer_name = serializers.CharField(source="match.profile.display_name", read_only=True)

    class Meta:
        model = ActivityRecord
        fields = [
            "id", "match", "profile", "volunteer_name", "request_title", "organization_name",
            "date", "hours", "requester_feedback", "rating", "volunteer_feedback",
        ]  # fmt: skip


class ActivityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """活動記録（各ボランティアの活動履歴）。"""

    serializer_class = ActivitySerializer
    filterset_fields = {"match__profile": ["exact"]}

    def get_queryset(self):
        return activities_visible_to(self.request.user)
