from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from api.fields import TextField
from api.permissions import IsCoordinator
from matching import policies, selectors, services
from matching.models import Organization, OrganizationKind
from talent.models import Area


class OrganizationSerializer(serializers.ModelSerializer):
    name = TextField(max_length=200)
    kind = serializers.ChoiceField(choices=OrganizationKind.choices)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    area = serializers.SlugRelatedField(
        slug_field="name", queryset=Area.objects.all(), required=False, allow_null=True
    )
    address = TextField(max_length=300, required=False, allow_blank=True)
    phone = TextField(max_length=30, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)

    class Meta:
        model = Organization
        fields = ["id", "name", "kind", "kind_label", "area", "address", "phone", "email"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        contact_ids = self.context.get("contact_organization_ids", frozenset())
        if request is not None and not policies.organization_contact_visible(
            request.user, instance, contact_ids
        ):
            for name in policies.ORGANIZATION_CONTACT_FIELDS:
                data.pop(name, None)
        return data


class AreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ["id", "name", "furigana"]


class OrganizationViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """学校・公民館・地域団体。登録はコーディネーターが行います。"""

    serializer_class = OrganizationSerializer
    filterset_fields = ["kind"]

    def get_permissions(self):
        if self.action == "create":
            return [IsCoordinator()]
        return super().get_permissions()

    def get_queryset(self):
        return selectors.organizations_visible_to(self.request.user).order_by("name", "id")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["contact_organization_ids"] = selectors.contact_organization_ids_for(
            self.request.user
        )
        return context

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        org = services.organization_create(actor=request.user, data=serializer.validated_data)
        return Response(self.get_serializer(org).data, status=201)


class AreaViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """市内の地区の一覧。"""

    serializer_class = AreaSerializer
    pagination_class = None
    queryset = Area.objects.all()
