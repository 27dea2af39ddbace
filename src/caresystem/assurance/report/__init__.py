"""The integrated performance report: summary, exceptions, measure pages, charts, PDF and XLSX."""
