from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsCoordinator
from office.reports import fiscal_year_report, parse_fiscal_year


class FiscalYearReportView(APIView):
    """年度報告（4月1日〜翌年3月31日、Asia/Tokyo）。コーディネーターのみ。"""

    permission_classes = [IsCoordinator]

    @extend_schema(operation_id="reports_fiscal_year", responses={200: dict})
    def get(self, request, year: str):
        return Response(fiscal_year_report(parse_fiscal_year(year)))
