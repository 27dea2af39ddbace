"""The heavy part of a run, on the chosen backend: the person-level table and its aggregates.

Everything that touches person-level rows is an Ibis expression executed where the data is (DuckDB or Spark).
What comes back is small (cells of practice x sex x age band x deprivation decile x segment, and the risk-model
feature matrix), so the indicators, statistics and disclosure control that follow give identical results
whichever engine computed the cells.
"""
