"""Small rules: organisation codes, as-at dates, settings, role permissions, password policy."""

from datetime import date

import pytest
from hypothesis import given, strategies as st

from caresystem.auth import ANONYMOUS, Actor, Permission, Role, require
from caresystem.auth.service import hash_password
from caresystem.errors import Forbidden, Invalid, Unauthorized
from caresystem.settings import Settings
from caresystem.system.organisations.types import code_problem
from caresystem.web.dates import parse_as_at


@pytest.mark.parametrize("code", ["RVV", "09C", "QKS", "G82002", "E10000016", "XKP01"])
def test_good_codes(code):
    assert code_problem(code) is None


@pytest.mark.parametrize("code,reason", [("", "enter"), ("rvv", "capital"), (" RVV", "capital"), ("AB", "ODS"),
                                         ("ABCDEFG", "ODS"), ("E1000001", "ODS"), ("R-V", "ODS")])
def test_bad_codes(code, reason):
    assert reason in code_problem(code)


@given(st.text(max_size=12))
def test_code_validation_never_crashes_and_accepts_only_the_two_patterns(code):
    problem = code_problem(code)
    if problem is None:
        assert code.isalnum() and code.upper() == code and 3 <= len(code) <= 9


def test_as_at_defaults_to_today_and_names_the_field_when_wrong():
    assert parse_as_at(None) == date.today() and parse_as_at("2019-06-01") == date(2019, 6, 1)
    with pytest.raises(Invalid) as caught:
        parse_as_at("2019-02-30")
    assert caught.value.errors[0].field == "as_at"


def test_settings_refuse_placeholder_secrets(tmp_path):
    with pytest.raises(ValueError, match="placeholder"):
        Settings(secret_key="changeme").with_secret(tmp_path)
    generated = Settings().with_secret(tmp_path)
    assert len(generated.secret_key) > 40 and generated.secret_key == Settings().with_secret(tmp_path).secret_key
    with pytest.raises(ValueError, match="database_url"):
        Settings(database_url="mysql://x")


def test_roles_and_scopes():
    editor = Actor("e", Role.EDITOR, places=frozenset({"east-kent"}))
    require(editor, Permission.EDIT_SYSTEM, places={"east-kent"})
    with pytest.raises(Forbidden):
        require(editor, Permission.EDIT_SYSTEM, places={"west-kent"})
    with pytest.raises(Forbidden):
        require(Actor("v", Role.VIEWER), Permission.EDIT_SYSTEM)
    with pytest.raises(Unauthorized):
        require(ANONYMOUS, Permission.VIEW_INTERNAL)
    require(Actor("a", Role.SYSTEM_ADMIN), Permission.MANAGE_USERS, places={"anywhere"})


def test_short_passwords_are_refused():
    with pytest.raises(Invalid) as caught:
        hash_password("short")
    assert caught.value.errors[0].field == "password"
