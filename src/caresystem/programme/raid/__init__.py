"""RAID: the risk register (scored on the NHS 5x5 matrix), escalation rules and score history."""
