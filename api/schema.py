"""The OpenAPI document's truthfulness: error answers, fields that may be absent, and the
shapes of the answers that are not model serializers (ranked candidates and suggestions).

schemathesis checks every answer of the API against this document (tests/api/
test_schemathesis.py), so what is written here is what the API does.
"""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import AllowAny


class ErrorSerializer(serializers.Serializer):
    """The one error shape of the API (api/errors.py)."""

    detail = serializers.CharField(help_text="何が起きたか（日本語）")
    code = serializers.CharField(help_text="機械向けの短いコード（invalid, not_found …）")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="項目ごとのメッセージ（項目に結びつかない誤りでは空）",
    )


ERROR_DESCRIPTIONS = {
    "400": "入力の誤り（項目ごとのメッセージつき）",
    "401": "ログインしていない、またはトークンが無効",
    "403": "この操作を行う権限がない",
    "404": "見つからない、または見る権限がない",
    "409": "今の状態ではできない操作（状態の移り方、人数、重複）",
    "429": "試行が多すぎる（Retry-After のあとで）",
}


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's AutoSchema, plus:

    - every operation lists the error answers it can give, each in the one error shape;
    - a serializer may name, in ``Meta.may_be_absent``, the fields that an answer leaves out
      for some callers (the privacy gate): they are not "required" in the answer's schema.
    """

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[code]),
                    code,
                    direction=direction,
                )
        return responses

    def _error_codes(self) -> list[str]:
        codes = ["400", "404", "429"]
        public = all(isinstance(p, AllowAny) for p in self.view.get_permissions())
        if not public:
            codes += ["401", "403"]
        if self.method in ("POST", "PATCH", "PUT", "DELETE"):
            codes.append("409")
        return sorted(codes)

    def _insert_field_validators(self, field, schema):
        super()._insert_field_validators(field, schema)
        # A blank-allowed field with a pattern is documented as oneOf(pattern, ""): when the
        # pattern itself accepts "" (a phone number of 0-30 characters), "" matches both and
        # oneOf says no. Either is fine: anyOf.
        if any(s == {"type": "string", "maxLength": 0} for s in schema.get("oneOf", ())):
            schema["anyOf"] = schema.pop("oneOf")

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        absent = getattr(getattr(serializer, "Meta", None), "may_be_absent", ())
        if direction == "response" and absent and "required" in schema:
            schema["required"] = [name for name in schema["required"] if name not in absent]
            if not schema["required"]:
                del schema["required"]
        return schema


# ------------------------------------------------------------------ ranked answers


class TermContributionSerializer(serializers.Serializer):
    term = serializers.CharField()
    contribution = serializers.FloatField()
    via = serializers.CharField(allow_null=True)
    matched = serializers.ListField(child=serializers.CharField())


class AvailabilityFitSerializer(serializers.Serializer):
    required = serializers.ListField(child=serializers.CharField())
    covered = serializers.ListField(child=serializers.CharField())
    fit = serializers.ChoiceField(choices=["full", "partial", "none", "unknown", "not_required"])


class SharedAreasSerializer(serializers.Serializer):
    shared = serializers.ListField(child=serializers.CharField())


class SoftFactorSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    boost = serializers.FloatField()
    weight = serializers.FloatField(allow_null=True)


class TopicSerializer(serializers.Serializer):
    word = serializers.CharField()
    request_words = serializers.ListField(child=serializers.CharField())
    inferred = serializers.BooleanField()
    label = serializers.CharField()


class ReasonsSerializer(serializers.Serializer):
    score = serializers.FloatField()
    text_score = serializers.FloatField()
    strength = serializers.CharField(help_text="高 / 中 / 低")
    topics = TopicSerializer(many=True)
    boosts = serializers.ListField(child=serializers.CharField())
    matched_terms = serializers.ListField(child=serializers.CharField())
    term_contributions = TermContributionSerializer(many=True)
    availability = AvailabilityFitSerializer()
    areas = SharedAreasSerializer()
    soft_factors = SoftFactorSerializer(many=True)


class CandidateSerializer(ReasonsSerializer):
    profile_id = serializers.IntegerField()
    display_name = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()


class SuggestionSerializer(ReasonsSerializer):
    request_id = serializers.IntegerField()
    title = serializers.CharField()
    organization_name = serializers.CharField()
    dates = serializers.ListField(child=serializers.DateField())
    time_band = serializers.CharField(allow_blank=True)


class _RankedEnvelope(serializers.Serializer):
    filtered = serializers.DictField(
        child=serializers.IntegerField(), help_text="各条件で除かれた数"
    )
    filtered_labels = serializers.DictField(child=serializers.CharField())
    considered = serializers.IntegerField()
    hidden = serializers.IntegerField(help_text="最上位より大きく劣るため省いた数")
    nothing_fits = serializers.BooleanField()
    weak_only = serializers.BooleanField(help_text="どの候補も合う度合いが「低」")
    message = serializers.CharField(allow_blank=True)


class CandidateListSerializer(_RankedEnvelope):
    """マッチング候補（人材）を適合度の高い順に。"""

    results = CandidateSerializer(many=True)


class SuggestionListSerializer(_RankedEnvelope):
    """この人に合いそうな募集中の依頼を適合度の高い順に。"""

    results = SuggestionSerializer(many=True)
