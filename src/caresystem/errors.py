"""Domain errors, raised by services and mapped once to HTTP problems, form errors and CLI messages."""

from dataclasses import dataclass, field


class DomainError(Exception):
    status = 400
    title = "Bad request"

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class NotFound(DomainError):
    status = 404
    title = "Not found"


class Conflict(DomainError):
    """A stale update: someone else changed the record since it was read."""

    status = 409
    title = "Conflict"


class Unauthorized(DomainError):
    status = 401
    title = "Authentication required"


class Forbidden(DomainError):
    status = 403
    title = "Forbidden"


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


@dataclass
class Invalid(DomainError):
    """Input that breaks a rule; every error names its field."""

    errors: list[FieldError] = field(default_factory=list)
    status = 422
    title = "Invalid input"

    def __post_init__(self):
        DomainError.__init__(self, "; ".join(f"{e.field}: {e.message}" for e in self.errors))

    @classmethod
    def one(cls, field_name: str, message: str) -> "Invalid":
        return cls([FieldError(field_name, message)])


class TooManyAttempts(DomainError):
    """Too many tries in a short time; `retry_after` says in how many seconds to try again."""

    status = 429
    title = "Too many attempts"

    def __init__(self, detail: str, retry_after: int):
        super().__init__(detail)
        self.retry_after = retry_after


class Busy(DomainError):
    """The database kept the request waiting past its limit (SQLite: another long write held the lock)."""

    status = 503
    title = "Busy"

    def __init__(self, detail: str, retry_after: int):
        super().__init__(detail)
        self.retry_after = retry_after
