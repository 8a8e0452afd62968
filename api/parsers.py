"""The API's request parsers: what a body may hold before any serializer sees it.

PostgreSQL text cannot hold a NUL character, and a lone UTF-16 surrogate (``"\\ud800"`` in
JSON) is not a character at all: it can neither be stored nor encoded in the UTF-8 answer that
would echo it back. Both are refused here, for every field of every endpoint at once (keys
included), with a 400 that names the field. JSON bodies also get a nesting limit (the
standard library's parser would otherwise recurse until Python's recursion limit), a size
limit (``DATA_UPLOAD_MAX_MEMORY_SIZE``, which Django applies to forms but DRF does not apply
to JSON), and no infinite numbers (``1e309``) or NaN.
"""

import json
import math
import re

from django.conf import settings
from django.http import QueryDict
from rest_framework import parsers
from rest_framework.exceptions import ParseError, ValidationError

# Real bodies of this API nest three levels at most (a match's volunteer, a list inside).
MAX_DEPTH = 32

_SURROGATE = re.compile("[\ud800-\udfff]")
NUL_MESSAGE = "使えない文字（NUL 文字）が含まれています。"
SURROGATE_MESSAGE = "文字として読めない値（対になっていないサロゲート）が含まれています。"


class BadBody(ParseError):
    """A body refused here, with a message that says why (in Japanese, unlike DRF's own)."""

    default_code = "parse_error"


class TooLarge(BadBody):
    default_detail = "送られた内容が大きすぎます。"
    default_code = "too_large"


def bad_text(value: str) -> str | None:
    """The message for a string PostgreSQL or the UTF-8 answer cannot carry, else None."""
    if "\x00" in value:
        return NUL_MESSAGE
    if _SURROGATE.search(value):
        return SURROGATE_MESSAGE
    return None


def check_values(data, *, max_depth: int = MAX_DEPTH) -> None:
    """Raise a 400 (ValidationError, field by top-level key) for NUL, lone surrogates, or
    nesting deeper than ``max_depth`` anywhere in ``data``."""
    errors: dict[str, list[str]] = {}

    def walk(value, field: str, depth: int) -> None:
        if depth > max_depth:
            raise BadBody(f"入れ子が深すぎます（{max_depth}段まで）。")
        if isinstance(value, str):
            message = bad_text(value)
            if message:
                errors.setdefault(field, [message])
        elif isinstance(value, dict):
            for key, item in value.items():
                message = bad_text(key)
                if message:
                    errors.setdefault(field or "non_field_errors", [message])
                walk(item, field or key, depth + 1)
        elif isinstance(value, list):
            for item in value:
                walk(item, field, depth + 1)

    walk(data, "", 0)
    if errors:
        raise ValidationError({(k or "non_field_errors"): v for k, v in errors.items()})


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if stream is not None else b""
        if limit is not None and len(raw) > limit:
            raise TooLarge(f"送られた内容が大きすぎます（{limit // 1024 // 1024} MB まで）。")
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise BadBody("送られた内容を UTF-8 の文字として読めません。") from exc
        try:
            data = json.loads(text, parse_float=_finite, parse_constant=_no_constant)
        except RecursionError as exc:
            raise BadBody(f"入れ子が深すぎます（{MAX_DEPTH}段まで）。") from exc
        except ValueError as exc:
            raise BadBody(
                "送られた内容を読み取れません（JSON の形式を確認してください）。"
            ) from exc
        check_values(data)
        return data


def _check_querydict(data: QueryDict) -> None:
    check_values({key: data.getlist(key) for key in data})


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        _check_querydict(data)
        return data


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        _check_querydict(result.data)
        return result
