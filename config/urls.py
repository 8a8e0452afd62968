from django.contrib import admin
from django.urls import include, path, re_path

from api.errors import json_not_found
from config.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    re_path(r"^api/", json_not_found),
    path("", include("web.urls")),
]

handler500 = "config.errors.server_error"
