"""``press-extract serve``: a small web app and JSON API for one release at a time.

Nothing users send is stored: each request is extracted in memory and forgotten.
"""
from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from fastapi import FastAPI, File, Form, HTTPException, UploadFile
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from schemas import Release

from .. import __version__
from ..api import extract, extract_text, extract_url
from ..types import InputError, RawDocument
from .safety import UnsafeURL, check_public_url

STATIC = Path(__file__).parent / "static"


class ServeSettings(BaseModel):
    allow_private_urls: bool = Field(False, description="Let /extract fetch loopback and private-network URLs.")
    max_request_bytes: int = Field(5_000_000, description="Larger requests are refused with 413.")


class ExtractRequest(BaseModel):
    text: str | None = Field(None, description="Release text or HTML, pasted.")
    url: str | None = Field(None, description="URL of a release page to fetch.")
    published: dt.date | None = Field(None, description="Publication date if the text states none.")


class BodyLimit:
    """ASGI middleware: refuse request bodies over `limit` bytes, declared or streamed."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared and int(declared) > self.limit:
            return await _too_large(send, self.limit)
        seen = 0

        async def limited_receive():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise HTTPException(413, f"request body over {self.limit} bytes")
            return message

        return await self.app(scope, limited_receive, send)


async def _too_large(send, limit: int) -> None:
    body = f'{{"detail":"request body over {limit} bytes"}}'.encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def create_app(settings: ServeSettings | None = None) -> FastAPI:
    settings = settings or ServeSettings()
    app = FastAPI(title="press-extract", version=__version__,
                  description="Extract people, roles, money, dates, programmes and regions from a press release.")
    app.add_middleware(BodyLimit, limit=settings.max_request_bytes)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok", "version": __version__}

    @app.post("/extract", response_model=Release, summary="Extract one release from text or a URL")
    def extract_json(req: ExtractRequest) -> Release:
        if bool(req.text and req.text.strip()) == bool(req.url):
            raise HTTPException(422, "give exactly one of 'text' or 'url'")
        try:
            if req.url:
                # Checked before the request and again on every redirect hop.
                check = functools.partial(check_public_url, allow_private=settings.allow_private_urls)
                check(req.url)
                return extract_url(req.url, {"url_check": check})
            return extract_text(req.text, published=req.published)
        except UnsafeURL as e:
            raise HTTPException(400, str(e)) from None
        except InputError as e:
            raise HTTPException(422, str(e)) from None

    @app.post("/extract/file", response_model=Release, summary="Extract one release from an uploaded file")
    def extract_file(file: UploadFile = File(...), published: dt.date | None = Form(None)) -> Release:
        data = file.file.read(settings.max_request_bytes + 1)
        name = Path(file.filename or "upload").name
        raw = RawDocument(key=f"upload:{name}", data=data, path=name, media_type=file.content_type)
        try:
            return extract(raw, published=published)
        except InputError as e:
            raise HTTPException(422, str(e)) from None

    return app


def serve(host: str = "127.0.0.1", port: int = 8000, settings: ServeSettings | None = None) -> None:
    import uvicorn

    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
