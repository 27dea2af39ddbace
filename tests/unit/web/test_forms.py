"""The one path a form post takes: saved, redirect; refused, roll back and show the form again with messages."""

from fastapi.responses import Response

from caresystem.errors import Conflict, Invalid
from caresystem.web.forms import save_or_show_again


class Session:
    rolled_back = False

    def rollback(self):
        self.rolled_back = True


def shown(errors: dict, status: int) -> Response:
    response = Response(status_code=status)
    response.errors = errors
    return response


def refuse(exc):
    def save():
        raise exc
    return save


def test_saved_redirects_to_where_the_record_says_and_keeps_the_transaction():
    session = Session()
    response = save_or_show_again(session, lambda: "R7", shown, {}, lambda record: f"/risks/{record}?saved=1")
    assert (response.status_code, response.headers["location"], session.rolled_back) == (303, "/risks/R7?saved=1",
                                                                                       False)


def test_invalid_rolls_back_and_shows_again_with_labelled_messages():
    session = Session()
    response = save_or_show_again(session, refuse(Invalid.one("valid_to", "must be after valid from")), shown,
                                  {"valid_to": "Valid to"}, lambda _: "/")
    assert (response.status_code, response.errors, session.rolled_back) == (
        422, {"valid_to": "Valid to must be after valid from"}, True)


def test_stale_version_is_409_with_the_message_on_the_version():
    response = save_or_show_again(Session(), refuse(Conflict("Risk R7 was changed by someone else")), shown, {},
                                  lambda _: "/")
    assert (response.status_code, response.errors) == (409, {"version": "Risk R7 was changed by someone else"})


def test_a_form_may_turn_errors_into_its_own_messages():
    def flat(exc):
        return {e.field.replace(".", "_"): e.message for e in exc.errors}
    response = save_or_show_again(Session(), refuse(Invalid.one("measure.direction", "is required")), shown, flat,
                                  lambda _: "/")
    assert (response.status_code, response.errors) == (422, {"measure_direction": "is required"})
