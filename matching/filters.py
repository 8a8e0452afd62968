"""The filters of request lists (``GET /api/requests/``), beside the profiles' (talent/filters.py)."""

from django_filters import rest_framework as filters

from matching import search
from matching.models import Request, RequestStatus, TimeBand
from talent.filters import IdFilter, QueryFilter
from talent.models import Area, ProfileKind


class RequestFilter(filters.FilterSet):
    q = QueryFilter(method="by_text")
    status = filters.ChoiceFilter(choices=RequestStatus.choices)
    kind_wanted = filters.ChoiceFilter(choices=ProfileKind.choices)
    organization = IdFilter(field_name="organization_id")
    area = filters.ModelChoiceFilter(
        field_name="organization__area", queryset=Area.objects.all(), label="地区（依頼団体の地区）"
    )
    date = filters.DateFromToRangeFilter(
        method="by_dates", label="日程（date_after〜date_before のいずれかの日がある依頼）"
    )
    time_band = filters.ChoiceFilter(choices=TimeBand.choices)

    class Meta:
        model = Request
        fields = ["q", "status", "kind_wanted", "organization", "area", "date", "time_band"]

    def by_dates(self, queryset, name, value):
        return search.requests_on_dates(queryset, start=value.start, end=value.stop)

    def by_text(self, queryset, name, value):
        return search.request_search(queryset, value)
