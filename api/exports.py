from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.views import APIView

from api.permissions import IsCoordinator
from office.exports.services import export_dataset, export_report
from office.reports import parse_fiscal_year


def file_response(export) -> HttpResponse:
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["X-Export-Rows"] = str(export.rows)
    if export.replaced:
        # CP932 could not hold these characters; they were written as 〓.
        response["X-Export-Replaced-Characters"] = str(export.replaced)
    return response


class IgnoreAccept(BaseContentNegotiation):
    """A file is a file whatever the client accepts (Excel and browsers send odd Accept
    headers); errors still come back as JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


PARAMS = [
    OpenApiParameter("fiscal_year", OpenApiTypes.INT, description="年度（西暦4桁）"),
    OpenApiParameter("encoding", OpenApiTypes.STR, description="CSV の文字コード: utf-8 / cp932"),
]


class DatasetExportView(APIView):
    """名簿・依頼・活動記録の出力（CSV は BOM 付き UTF-8、?encoding=cp932 で Shift_JIS）。"""

    permission_classes = [IsCoordinator]
    content_negotiation_class = IgnoreAccept

    @extend_schema(
        operation_id="exports_dataset",
        parameters=PARAMS,
        responses={(200, "application/octet-stream"): bytes},
    )
    def get(self, request, dataset: str, fmt: str):
        year = request.query_params.get("fiscal_year")
        return file_response(
            export_dataset(
                actor=request.user,
                dataset=dataset,
                fmt=fmt,
                fiscal_year=parse_fiscal_year(year) if year not in (None, "") else None,
                encoding=request.query_params.get("encoding"),
            )
        )


class ReportTableExportView(APIView):
    """年度報告の1つの表の出力（CSV / xlsx）。"""

    permission_classes = [IsCoordinator]
    content_negotiation_class = IgnoreAccept

    @extend_schema(
        operation_id="exports_report_table",
        parameters=PARAMS[1:],
        responses={(200, "application/octet-stream"): bytes},
    )
    def get(self, request, year: str, fmt: str, table: str | None = None):
        return self.export(request, year, fmt, table)

    def export(self, request, year, fmt, table):
        return file_response(
            export_report(
                actor=request.user,
                fiscal_year=parse_fiscal_year(year),
                fmt=fmt,
                table=table,
                encoding=request.query_params.get("encoding"),
            )
        )


class ReportWorkbookExportView(ReportTableExportView):
    """年度報告の全表を1冊にまとめた xlsx。"""

    @extend_schema(
        operation_id="exports_report_workbook",
        parameters=PARAMS[1:],
        responses={(200, "application/octet-stream"): bytes},
    )
    def get(self, request, year: str, fmt: str):
        return self.export(request, year, fmt, None)
