"""The programme plan: objectives, core projects, workstreams, deliverables and milestones with slippage RAG and
their dependency network, roles, the resource plan and the sign-off of the programme document (PID 2.5, 3-5, 9)."""
