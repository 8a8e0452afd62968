"""Settings for the two-process test: the real settings plus a header naming the worker."""

from config.settings import *  # noqa: F403
from config.settings import MIDDLEWARE

MIDDLEWARE = ["tests.support.served_by_settings.served_by", *MIDDLEWARE]


def served_by(get_response):
    import os

    def middleware(request):
        response = get_response(request)
        response["X-Served-By"] = str(os.getpid())
        return response

    return middleware
