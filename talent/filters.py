"""The filters of profile lists, written once: ``GET /api/profiles/`` (DRF's filter backend)
and the coordinators' talent-search page (web/views/search.py) both use ProfileFilter, so a
filter means the same thing and says the same in both places."""

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django_filters import rest_framework as filters

from lib.slots import BANDS, SLOT_CHOICES, WEEKDAYS, slots_of
from lib.text.query import QUERY_HELP
from talent import search
from talent.models import Area, Fee, Profile, ProfileKind, ProfileStatus

# The largest value of a PostgreSQL bigint (every id column).
MAX_ID = 2**63 - 1


class IdFormField(forms.IntegerField):
    """An id in a query string (``?organization=12``): a whole number in bigint range."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class IdFilter(filters.NumberFilter):
    """``?organization=1.5`` is a 400, not organization 1 (NumberFilter reads a decimal)."""

    field_class = IdFormField


class QueryField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Django's own message for a NUL says only "type something" in Japanese; say what is
        # wrong. (PostgreSQL text cannot hold a NUL, so it must never get that far.)
        self.validators = [
            ProhibitNullCharactersValidator(
                message="検索語に使えない文字（NUL 文字）が含まれています。"
            )
            if isinstance(v, ProhibitNullCharactersValidator)
            else v
            for v in self.validators
        ]


class QueryFilter(filters.CharFilter):
    """``?q=`` in the web-search syntax of lib/text/query.py; the FilterSet's ``method`` runs
    the search (talent.search / matching.search), which also ranks the rows."""

    field_class = QueryField

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "検索語")
        kwargs.setdefault("help_text", QUERY_HELP)
        super().__init__(**kwargs)


ALL = "すべて"
ANY = "指定なし"


class ProfileFilter(filters.FilterSet):
    q = QueryFilter(
        method="by_text", label="ことばで探す", widget=forms.TextInput(attrs={"type": "search"})
    )
    kind = filters.ChoiceFilter(label="種類", choices=ProfileKind.choices, empty_label=ALL)
    area = filters.ModelChoiceFilter(
        label="地区", field_name="areas", queryset=Area.objects.all(), empty_label=ALL
    )
    weekday = filters.ChoiceFilter(
        label="曜日", choices=WEEKDAYS, method="by_slots", empty_label=ANY,
        help_text="その曜日のいずれかの時間帯に活動できる人",
    )  # fmt: skip
    time_band = filters.ChoiceFilter(
        label="時間帯", choices=BANDS, method="by_slots", empty_label=ANY,
        help_text="いずれかの曜日のその時間帯に活動できる人",
    )  # fmt: skip
    slot = filters.ChoiceFilter(
        label="曜日と時間帯", choices=SLOT_CHOICES, method="by_slot", empty_label=ANY
    )
    fee = filters.ChoiceFilter(label="謝礼", choices=Fee.choices, empty_label=ALL)
    status = filters.ChoiceFilter(label="状態", choices=ProfileStatus.choices, empty_label=ALL)

    class Meta:
        model = Profile
        fields = ["q", "kind", "area", "weekday", "time_band", "slot", "fee", "status"]

    def by_slot(self, queryset, name, value):
        return queryset.filter(availability__contains=[value])

    def by_slots(self, queryset, name, value):
        return queryset.filter(availability__overlap=slots_of(**{name: value}))

    def by_text(self, queryset, name, value):
        return search.profile_search(queryset, value, viewer=self.request.user)
