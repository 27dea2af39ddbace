"""Impact assessments: a proposal rated on the programme's domains and for equality, with mitigations and a signed-off
outcome (PID section 6.2)."""
