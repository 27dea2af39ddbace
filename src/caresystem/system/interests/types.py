"""The kinds of interest and which governance bodies take decisions: rules as data.

Interest types are the four categories of NHS England, "Managing conflicts of interest in the NHS" (2017):
financial, non-financial professional, non-financial personal and indirect interests.
"""

INTEREST_TYPES = {
    "financial": "Financial",
    "non_financial_professional": "Non-financial professional",
    "non_financial_personal": "Non-financial personal",
    "indirect": "Indirect",
}

INTEREST_TYPE_HINTS = {
    "financial": "Could gain financially from a decision: directorships, shareholdings, paid employment, "
                 "consultancy, a private practice",
    "non_financial_professional": "Could gain professionally, such as advocacy for a clinical specialty, an "
                                  "unpaid advisory role, a research interest",
    "non_financial_personal": "Could benefit personally but not professionally or financially, such as a "
                              "voluntary role or membership of a lobby group",
    "indirect": "A close association (family member, business partner, close friend) holds the interest",
}

# A body takes decisions when it is of one of these kinds or holds delegated authority. Advisory groups, forums,
# working groups and steering groups advise or deliver; boards and committees decide (PID section 3.2; document 002
# sections 6.2-6.3 give the ICB board, its committees and the joint committees their delegations).
DECISION_MAKING_KINDS = frozenset({"board", "committee", "joint_committee"})

# Those who attend without a seat do not take the decision, so they are not on the published register.
SEATED_ROLES = frozenset({"chair", "vice_chair", "member"})
