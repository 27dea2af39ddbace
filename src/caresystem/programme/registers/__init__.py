"""The frame every programme register is built on: a register described as data (`Register`, `FieldSpec`), the
rules registers share (permissions, version check, soft delete, references, list/get/create/update/import of the
logs), exports and downloads, and the spreadsheet layout. Registers keep only their own rules and fields.

The API router and page frame of the logs are `registers.api.register_router` and `registers.views.register_pages`,
imported by the registers' own routes and pages (the web edge, ADR 0002).
"""

from caresystem.programme.registers.description import FieldSpec, Register, build_schemas, text_field
from caresystem.programme.registers.export import CSV, EXPORT_LIMIT, XLSX, attachment
from caresystem.programme.registers.service import (add_entry, changes_of, claim_reference, create_entry, delete_entry,
                                                    find_in_programmes, find_live, found_entry, get_entry,
                                                    import_entries, import_file, is_overdue, is_taken, list_entries,
                                                    live_entry, may_edit, next_reference, read, remove, require_edit,
                                                    require_view, rows_and_total, save_changes, search_entries,
                                                    soft_delete, update_entry)
from caresystem.programme.registers.spreadsheet import (FILLS, Layout, ParsedRow, append_row, headed_sheet, import_rows,
                                                        map_headers, normalise, parse_date, parse_rows, read_file,
                                                        register_columns, register_csv, register_layout, register_xlsx,
                                                        workbook_bytes)

__all__ = [
    "CSV", "EXPORT_LIMIT", "FILLS", "FieldSpec", "Layout", "ParsedRow", "Register", "XLSX", "add_entry", "append_row",
    "attachment", "build_schemas", "changes_of", "claim_reference", "create_entry", "delete_entry",
    "find_in_programmes", "find_live", "found_entry", "get_entry", "headed_sheet", "import_entries", "import_file",
    "import_rows", "is_overdue", "is_taken", "list_entries", "live_entry", "map_headers", "may_edit", "next_reference",
    "normalise", "parse_date", "parse_rows", "read", "read_file", "register_columns", "register_csv", "register_layout",
    "register_xlsx", "remove", "require_edit", "require_view", "rows_and_total", "save_changes", "search_entries",
    "soft_delete", "text_field", "update_entry", "workbook_bytes",
]
