"""GET /api/me/calendar.ics: the caller's confirmed (and completed) activities as iCalendar."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from schedule import calendar


class MyCalendarView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="自分の活動予定（iCalendar）",
        responses={
            (200, "text/calendar"): OpenApiResponse(
                response=OpenApiTypes.BINARY,
                description="確定・完了した活動の日ごとに1件の VEVENT（Asia/Tokyo）",
            )
        },
    )
    def get(self, request):
        response = HttpResponse(
            calendar.calendar_for(request.user), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="tsunagu.ics"'
        response["Cache-Control"] = "private, no-store"
        return response
