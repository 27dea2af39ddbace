"""Refuse request bodies too large to be real input (pure ASGI, before anything reads them).

A form or JSON body is a few kilobytes; an uploaded register of MAX_IMPORT_ROWS rows is well under a megabyte
or two. Anything larger is refused with 413 and an RFC 9457 problem, whether it declares its length or streams.
"""

import json

JSON_AND_FORM_LIMIT = 1024 * 1024
UPLOAD_LIMIT = 10 * 1024 * 1024


class BodyTooLarge(Exception):
    pass


def _limit_for(scope) -> int:
    content_type = dict(scope["headers"]).get(b"content-type", b"").decode("latin-1").lower()
    return UPLOAD_LIMIT if content_type.startswith("multipart/form-data") else JSON_AND_FORM_LIMIT


async def _refuse(send, limit: int) -> None:
    body = json.dumps({"type": "about:blank", "title": "Request too large", "status": 413,
                       "detail": f"The request body is larger than {limit // 1024:,} KB."}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/problem+json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        limit = _limit_for(scope)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return await _refuse(send, limit)
        received = 0
        started = False

        async def counted_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def tracked_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if not started:
                await _refuse(send, limit)
