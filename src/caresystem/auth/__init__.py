"""Users, roles and permissions, organisation/place scopes, tokens, browser sessions and the audit trail."""

from caresystem.auth.models import ApiToken, SignInFailure, User, UserScope, UserSession
from caresystem.auth.permissions import Permission, Role
from caresystem.auth.service import (ANONYMOUS, SYSTEM, Actor, actor_for, authenticate, create_token, create_user,
                                     get_user, may_add_somewhere, require, require_after_change, require_somewhere,
                                     revoke_tokens, set_password, set_scopes, user_for_token)
from caresystem.auth.sessions import end_session, revoke_sessions, start_session, user_for_session

__all__ = ["ApiToken", "SignInFailure", "User", "UserScope", "UserSession", "Permission", "Role", "ANONYMOUS",
           "SYSTEM", "Actor", "actor_for", "authenticate", "create_token", "create_user", "get_user",
           "may_add_somewhere", "require", "require_after_change", "require_somewhere", "revoke_tokens", "set_password", "set_scopes",
           "user_for_token", "end_session", "revoke_sessions", "start_session", "user_for_session"]
