"""What every programme register shares: exports and downloads, the spreadsheet layout and, for the logs
described as data, the whole frame (service, API router and pages). Registers keep only their own rules and fields."""

from caresystem.programme.registers.export import CSV, EXPORT_LIMIT, XLSX, attachment

__all__ = ["CSV", "EXPORT_LIMIT", "XLSX", "attachment"]
