from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api import personal_data
from api.activities import ActivityViewSet
from api.auth import LogoutAllView, LogoutView, TokenView
from api.calendar import MyCalendarView
from api.exports import DatasetExportView, ReportTableExportView, ReportWorkbookExportView
from api.matches import MatchViewSet
from api.organizations import AreaViewSet, OrganizationViewSet
from api.profiles import ProfileViewSet
from api.reports import FiscalYearReportView
from api.requests import RequestViewSet

router = DefaultRouter()
router.register("areas", AreaViewSet, basename="area")
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("profiles", ProfileViewSet, basename="profile")
router.register("requests", RequestViewSet, basename="request")
router.register("matches", MatchViewSet, basename="match")
router.register("activities", ActivityViewSet, basename="activity")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("auth/logout/", LogoutView.as_view(), name="api-logout"),
    path("auth/logout-all/", LogoutAllView.as_view(), name="api-logout-all"),
    path("me/calendar.ics", MyCalendarView.as_view(), name="api-my-calendar"),
    path("schema/", SpectacularAPIView.as_view(permission_classes=[]), name="api-schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", permission_classes=[]),
        name="api-docs",
    ),
    # Data-protection requests (個人情報保護法): a person's copy, and withdrawal (退会).
    path("me/personal-data/", personal_data.MyDataView.as_view(), name="api-my-data"),
    path("me/personal-data.csv", personal_data.MyDataCsvView.as_view(), name="api-my-data-csv"),
    path("me/withdraw/", personal_data.MyWithdrawView.as_view(), name="api-my-withdraw"),
    path(
        "profiles/<int:pk>/personal-data/",
        personal_data.ProfileDataView.as_view(),
        name="api-profile-data",
    ),
    path(
        "profiles/<int:pk>/personal-data.csv",
        personal_data.ProfileDataCsvView.as_view(),
        name="api-profile-data-csv",
    ),
    path(
        "profiles/<int:pk>/withdraw/",
        personal_data.ProfileWithdrawView.as_view(),
        name="api-profile-withdraw",
    ),
    path(
        "reports/fiscal-year/<str:year>/",
        FiscalYearReportView.as_view(),
        name="api-report-fiscal-year",
    ),
    path(
        "exports/reports/<str:year>.<str:fmt>",
        ReportWorkbookExportView.as_view(),
        name="api-export-report",
    ),
    path(
        "exports/reports/<str:year>/<slug:table>.<str:fmt>",
        ReportTableExportView.as_view(),
        name="api-export-report-table",
    ),
    path(
        "exports/<slug:dataset>.<str:fmt>",
        DatasetExportView.as_view(),
        name="api-export",
    ),
    path("", include(router.urls)),
]
