"""Financial and workforce figures: plan, actual and forecast by organisation and year, system totals computed from the rows."""
