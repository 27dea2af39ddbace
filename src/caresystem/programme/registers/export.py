"""Registers as downloads: the media types, the most rows one export holds, and the attachment response."""

from fastapi.responses import Response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
EXPORT_LIMIT = 100_000
MEDIA_TYPES = {"xlsx": XLSX, "csv": CSV}


def attachment(content: bytes | str, *, kind: str, name: str) -> Response:
    """A download named `name.kind` (xlsx or csv)."""
    return Response(content, media_type=MEDIA_TYPES[kind],
                    headers={"Content-Disposition": f'attachment; filename="{name}.{kind}"'})
