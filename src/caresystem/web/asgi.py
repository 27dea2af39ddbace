"""ASGI entry point for process managers (`uvicorn caresystem.web.asgi:app`)."""

from caresystem.web.app import create_app

app = create_app()
