"""Roles are data: each role is a set of permissions. Services ask for a permission, never a role."""

from enum import StrEnum


class Permission(StrEnum):
    VIEW_INTERNAL = "view_internal"          # records not marked public
    EDIT_SYSTEM = "edit_system"              # organisations, geography, governance, functions (within scope)
    EDIT_PROGRAMME = "edit_programme"        # registers (within scope)
    ADMIN_PROGRAMME = "admin_programme"      # programme configuration: scoring bands, escalation rules
    VIEW_COHORTS = "view_cohorts"            # person-level cohort lists for care coordination
    MANAGE_USERS = "manage_users"
    MANAGE_REFERENCE = "manage_reference"    # import a whole system's reference data
    EDIT_MEETINGS = "edit_meetings"          # the board secretary's: meetings, agendas, papers, minutes, packs
    EDIT_INTERESTS = "edit_interests"        # the register of interests (board secretaries)


class Role(StrEnum):
    VIEWER = "viewer"
    EDITOR = "editor"
    PMO_ADMIN = "pmo_admin"
    SYSTEM_ADMIN = "system_admin"
    CARE_COORDINATOR = "care_coordinator"    # sees person-level cohort lists, nothing to edit
    BOARD_SECRETARY = "board_secretary"      # runs the meeting cycle of governance bodies


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.VIEW_INTERNAL}),
    Role.EDITOR: frozenset({Permission.VIEW_INTERNAL, Permission.EDIT_SYSTEM, Permission.EDIT_PROGRAMME}),
    Role.PMO_ADMIN: frozenset({Permission.VIEW_INTERNAL, Permission.EDIT_SYSTEM, Permission.EDIT_PROGRAMME,
                               Permission.ADMIN_PROGRAMME, Permission.EDIT_MEETINGS, Permission.EDIT_INTERESTS}),
    Role.SYSTEM_ADMIN: frozenset(Permission),
    Role.CARE_COORDINATOR: frozenset({Permission.VIEW_INTERNAL, Permission.VIEW_COHORTS}),
    Role.BOARD_SECRETARY: frozenset({Permission.VIEW_INTERNAL, Permission.EDIT_MEETINGS,
                                     Permission.EDIT_INTERESTS}),
}

# Scopes narrow what an editor may change (organisations, places) and which cohort lists a care coordinator may
# open (primary care networks, practices); administrators are never scoped. A scope never narrows what may be read
# that a viewer may read: only the permissions below are checked against it.
SCOPABLE_ROLES = frozenset({Role.EDITOR, Role.CARE_COORDINATOR})
SCOPED_PERMISSIONS = frozenset({Permission.EDIT_SYSTEM, Permission.EDIT_PROGRAMME})
SCOPE_KINDS = ("organisation", "place", "pcn", "practice")
