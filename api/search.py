"""The ``q`` filter of the list endpoints that have a full-text search (profiles, requests)."""

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django_filters import rest_framework as filters

from lib.text.query import QUERY_HELP


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
    """``?q=`` in the web-search syntax of talent/fulltext.py; the FilterSet's ``method`` runs
    the search (talent.search / matching.search), which also ranks the rows."""

    field_class = QueryField

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "検索語")
        kwargs.setdefault("help_text", QUERY_HELP)
        super().__init__(**kwargs)
