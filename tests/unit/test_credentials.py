"""NCSC password rules and usernames that cannot be mistaken for one another."""

import pytest

from caresystem.auth.credentials import password_problem, username_problem, username_skeleton


@pytest.mark.parametrize("password", ["          ", "1234567890", "password12", "Password123!", "qwertyuiop",
                                      "aaaaaaaaaaaa", "abababababab", "passwordpassword", "letmein2024!",
                                      "short", "x" * 257])
def test_weak_passwords_are_refused(password):
    assert password_problem(password) is not None


@pytest.mark.parametrize("password", ["correct-horse-battery", "purple tortoise umbrella", "kettle-mango-7-river",
                                      "Tr0ub4dor&3xyz"])
def test_long_uncommon_passwords_pass_without_composition_rules(password):
    assert password_problem(password) is None


def test_the_username_may_not_be_in_the_password():
    assert password_problem("jsmith-likes-tea", username="jsmith") == "must not contain the username"


def test_confusable_usernames_share_a_skeleton():
    assert username_skeleton("ADMIN") == username_skeleton("admin")
    assert username_skeleton("\u0430dmin") == username_skeleton("admin")  # Cyrillic a
    assert username_skeleton("adrnin") == username_skeleton("admin")
    assert username_skeleton("j.smith") == username_skeleton("jsmith")
    assert username_skeleton("alice") != username_skeleton("alex")


def test_username_rules():
    assert username_problem("") == "enter a username"
    assert username_problem("a b") is not None
    assert username_problem("\uff41dmin") is not None  # fullwidth: compatibility characters
    assert username_problem("a" * 101) is not None
    assert username_problem("sam.okafor") is None
