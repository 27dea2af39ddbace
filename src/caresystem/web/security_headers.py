"""Headers every response carries: no framing, no sniffing, a strict content security policy, and no caching of
anything but the static assets (pages and API answers may carry internal data) — pure ASGI.

The policy allows no inline script but the NHS.UK template's one line that marks the page as able to run
JavaScript, which carries this response's nonce (`csp_nonce` in the request state, given to the template as
`cspNonce`); 'unsafe-inline' is for styles only (the charts' SVG uses inline styles). The API documentation
sets its own policy: Swagger UI's start-up script carries a nonce too.
"""

import secrets

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "script-src 'self' 'nonce-{nonce}'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
           (b"referrer-policy", b"same-origin")]
NO_STORE = (b"cache-control", b"no-store")


class SecurityHeadersMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        cacheable = scope["path"].startswith("/static/")
        nonce = secrets.token_urlsafe(16)
        scope.setdefault("state", {})["csp_nonce"] = nonce

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", [])) + HEADERS
                names = {name.lower() for name, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.format(nonce=nonce).encode()))
                if not cacheable and b"cache-control" not in names:
                    headers.append(NO_STORE)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
