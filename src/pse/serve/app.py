"""The `pse serve` web application (Starlette): the page, its assets and the JSON API.

Routes (no route takes a file path: the study's files are the only files read or written, and
page assets are served only by name from the package's ``static`` folder):

- ``GET /`` the worksheet page (``?view=projector`` read-only, follows the scribe's cursor)
- ``GET /api/meta`` study title, worksheets used, interface labels (``?lang=``)
- ``GET /api/sheets/{name}`` columns (with dropdown options), rows (with computed cells and
  colours), groups (HAZOP nodes)
- ``PATCH /api/sheets/{name}/cells`` ``{row, changes: {column: text}, base: {column: text}}``
- ``POST /api/sheets/{name}/rows`` ``{group, values, origin}``; ``POST .../copy`` ``{row, group}``
- ``GET /api/sheets/{name}/suggestions?row=``; ``POST /api/undo``; ``GET /api/state``;
  ``POST /api/cursor``

Beyond loopback every request must carry the session token (header ``X-PSE-Token``, or the
cookie set when the page is first opened with ``?token=``).
"""

from __future__ import annotations

import hmac
from importlib import resources
from pathlib import Path

LABELS = str(Path(__file__).with_name("labels.yaml"))
STATIC = ("app.js", "app.css", "index.html")
TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".html": "text/html; charset=utf-8"}
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def _asset(name: str) -> bytes:
    return resources.files("pse.serve").joinpath("static").joinpath(name).read_bytes()


def interface_labels(lang: str) -> dict:
    from pse.i18n import _labels

    return {key: (entry.get(lang) or entry.get("en")) for key, entry in _labels(LABELS).items()}


def _texts(mapping) -> dict:
    return {str(k): "" if v is None else str(v) for k, v in (mapping or {}).items()}


class Api:
    """The JSON endpoints of a session.  Each handler reads the request and returns a function that
    does the work; :meth:`wrap` runs it in a worker thread (loading and validating a study takes
    a while: the event loop keeps answering the other pages meanwhile)."""

    def __init__(self, session):
        self.session = session

    @staticmethod
    async def body(request) -> dict:
        from pse.serve.errors import EditError

        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            raise EditError("requests that change the study must be JSON", status=415)
        data = await request.json()
        if not isinstance(data, dict):
            raise EditError("the request body must be a JSON object", status=400)
        return data

    def wrap(self, handler):
        from starlette.concurrency import run_in_threadpool
        from starlette.responses import JSONResponse

        from pse.model.errors import StudyError
        from pse.serve.errors import EditError, study_error_message

        async def run(request):
            try:
                return JSONResponse(await run_in_threadpool(await handler(request)))
            except EditError as exc:
                return JSONResponse({"error": exc.message, "key": exc.key, "current": exc.current},
                                    status_code=exc.status)
            except StudyError as exc:
                return JSONResponse({"error": study_error_message(exc)}, status_code=422)
            except ValueError:
                return JSONResponse({"error": "the request body is not valid JSON"}, status_code=400)
        return run

    def lang(self, request) -> str:
        lang = request.query_params.get("lang") or self.session.lang
        return lang if lang in ("en", "zh-TW") else self.session.lang

    async def meta(self, request):
        lang = self.lang(request)

        def work():
            from pse.hazop.worksheet import none_identified_texts
            from pse.roundtrip.workbook import _l

            s = self.session
            return {"title": s.study().study.title, "lang": lang, "labels": interface_labels(lang),
                    "sheets": [{"name": n, "label": _l(s.sheet(n).title, lang)} for n in s.used()],
                    "state": s.state(), "none_identified": sorted(none_identified_texts())}
        return work

    async def sheet(self, request):
        name, lang = request.path_params["name"], self.lang(request)
        return lambda: self.session.data(name, lang)

    async def cells(self, request):
        data = await self.body(request)
        name, row, lang = request.path_params["name"], str(data.get("row", "")), self.lang(request)
        return lambda: self.session.edit(name, row, _texts(data.get("changes")), _texts(data.get("base")), lang=lang)

    async def rows(self, request):
        data = await self.body(request)
        name, group = request.path_params["name"], str(data.get("group") or "")
        origin = "suggested" if data.get("origin") == "suggested" else None
        lang = self.lang(request)
        return lambda: self.session.add(name, group, _texts(data.get("values")), origin, lang=lang)

    async def copy(self, request):
        data = await self.body(request)
        name = request.path_params["name"]
        lang = self.lang(request)
        return lambda: self.session.copy(name, str(data.get("row", "")), str(data.get("group") or ""), lang=lang)

    async def suggestions(self, request):
        name, row, lang = request.path_params["name"], request.query_params.get("row", ""), self.lang(request)
        return lambda: {"suggestions": self.session.suggestions(name, row, lang)}

    async def undo(self, request):
        await self.body(request)
        lang = self.lang(request)
        return lambda: self.session.undo(lang)

    async def state(self, request):
        return self.session.state

    async def cursor(self, request):
        data = await self.body(request)
        return lambda: (self.session.move(data), self.session.state())[1]


def create_app(session, remote: bool = False):
    """The ASGI application of a :class:`pse.serve.session.Session`."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    async def page(request):
        response = Response(_asset("index.html"), media_type=TYPES[".html"])
        token = request.query_params.get("token")
        if session.token and token and hmac.compare_digest(token, session.token):
            response.set_cookie("pse_token", token, httponly=True, samesite="strict")
        return response

    async def static(request):
        name = request.path_params["name"]
        if name not in STATIC:
            return JSONResponse({"error": "not found"}, status_code=404)
        return Response(_asset(name), media_type=TYPES[Path(name).suffix], headers={"Cache-Control": "no-cache"})

    api = Api(session)
    routes = [Route("/", page), Route("/static/{name}", static)] + [
        Route(path, api.wrap(getattr(api, handler)), methods=[method])
        for path, handler, method in (
            ("/api/meta", "meta", "GET"), ("/api/sheets/{name}", "sheet", "GET"),
            ("/api/sheets/{name}/cells", "cells", "PATCH"), ("/api/sheets/{name}/rows", "rows", "POST"),
            ("/api/sheets/{name}/copy", "copy", "POST"), ("/api/sheets/{name}/suggestions", "suggestions", "GET"),
            ("/api/undo", "undo", "POST"), ("/api/state", "state", "GET"), ("/api/cursor", "cursor", "POST"))]
    return Starlette(routes=routes, middleware=[Middleware(Guard, token=session.token, remote=remote)])


class Guard:
    """Every request: the session token when one is set; the Host header when serving loopback only.

    The Host check refuses pages of other web sites that resolve their own name to 127.0.0.1
    (DNS rebinding); the token refuses every machine that was not given it.
    """

    def __init__(self, app, token=None, remote: bool = False):
        self.app, self.token, self.remote = app, token, remote

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        from starlette.requests import Request
        from starlette.responses import JSONResponse

        request = Request(scope)
        host = (request.headers.get("host") or "").rsplit(":", 1)[0]
        if not self.remote and host not in LOOPBACK:
            return await JSONResponse({"error": f"host {host!r} refused: this session serves this computer "
                                                "only"}, status_code=403)(scope, receive, send)
        if self.token:
            given = (request.headers.get("x-pse-token") or request.cookies.get("pse_token")
                     or (request.query_params.get("token") if request.url.path == "/" else None) or "")
            if not hmac.compare_digest(given, self.token):
                return await JSONResponse({"error": "access token missing or wrong: open the address printed by "
                                                    "`pse serve`"}, status_code=401)(scope, receive, send)
        return await self.app(scope, receive, send)
