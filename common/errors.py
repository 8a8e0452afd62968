"""Domain errors: raised by services and policies, turned into HTTP by api/errors.py and web/.

Each carries a message written for the person in front of the screen (Japanese), a stable
machine code, and optionally per-field messages.
"""


class DomainError(Exception):
    status_code = 400
    code = "invalid"

    def __init__(self, message: str, *, fields: dict[str, list[str]] | None = None, code=None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
        if code:
            self.code = code


class InvalidInput(DomainError):
    status_code = 400
    code = "invalid"


class Forbidden(DomainError):
    status_code = 403
    code = "forbidden"


class NotFound(DomainError):
    status_code = 404
    code = "not_found"


class Conflict(DomainError):
    """The request is well-formed but the current state does not allow it."""

    status_code = 409
    code = "conflict"
