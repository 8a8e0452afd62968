"""GET /healthz: is the database answering? (INTERFACE: health)"""

from django.db import DatabaseError, connection
from django.http import JsonResponse

from config.errors import DB_RETRY_AFTER


def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        connection.close_if_unusable_or_obsolete()
        response = JsonResponse(
            {
                "status": "unavailable",
                "database": "unavailable",
                "detail": "データベースに接続できません。",
                "code": "database_unavailable",
                "errors": {},
            },
            status=503,
        )
        response["Retry-After"] = str(DB_RETRY_AFTER)
        return response
    return JsonResponse({"status": "ok", "database": "ok"})
