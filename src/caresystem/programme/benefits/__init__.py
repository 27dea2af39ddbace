"""The benefits register: benefits with a measure, baseline, target, trajectory and actuals; status computed against
the trajectory and off-track benefits escalated (PID section 6.1, document 001 section 5.3)."""
