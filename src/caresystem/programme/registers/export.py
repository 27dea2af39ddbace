"""Registers as downloads: the most rows one export holds; the media types and the attachment response are shared
by every download (`caresystem.spreadsheets`)."""

from caresystem.spreadsheets import CSV, MEDIA_TYPES, XLSX, attachment

EXPORT_LIMIT = 100_000

__all__ = ["CSV", "EXPORT_LIMIT", "MEDIA_TYPES", "XLSX", "attachment"]
