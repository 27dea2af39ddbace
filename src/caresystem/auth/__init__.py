"""Users, roles and permissions, organisation/place scopes, tokens and the audit trail."""

from caresystem.auth.models import ApiToken, User, UserScope
from caresystem.auth.permissions import Permission, Role
from caresystem.auth.service import (ANONYMOUS, SYSTEM, Actor, actor_for, authenticate, create_token, create_user,
                                     get_user, may_add_somewhere, require, require_somewhere, revoke_tokens,
                                     user_for_token)

__all__ = ["ApiToken", "User", "UserScope", "Permission", "Role", "ANONYMOUS", "SYSTEM", "Actor", "actor_for",
           "authenticate", "create_token", "create_user", "get_user", "may_add_somewhere", "require", "require_somewhere", "revoke_tokens", "user_for_token"]
