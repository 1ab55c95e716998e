"""The web side of ``explainer serve``: textual-serve's Server, with a room around it.

What it adds to textual-serve: sessions come from the fork server (``serve_forks``) instead of a
new process each, when this system can fork; a ceiling on visitors, with a "the room is full"
page and close reason beyond it; idle sessions warned on the page and then closed; one console
line per arrival and departure; and, when the host stops the server, every browser told why and
every session and scratch folder gone before the process exits.

The page (``templates/app_index.html``) shows the server's words: a websocket closed with a
reason puts that reason in the "session ended" box, and an ``["explainer_notice", text]``
message shows (or, with "", hides) a banner above the terminal.
"""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import sys
from typing import Any

import aiohttp_jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from explainer.classroom import serve_room
from explainer.classroom.serve_forks import ForkedAppService, Forks, ForkServerUnavailable
from explainer.classroom.serve_room import Room, Visit

log = logging.getLogger("textual-serve")
CLOSE_FULL, CLOSE_IDLE, CLOSE_FAILED = 4001, 4002, 4003  # application close codes (4000-4999)


class _EndsWithItsApp:
    """A session that closes the browser's websocket when its app is gone, whatever the reason.

    textual-serve closes it only when the app says goodbye (its "exit" packet); an app that was
    killed says nothing, and the visitor would look at a frozen screen forever.
    """

    on_gone = None  # async callable, set by the server

    async def run(self) -> None:
        await super().run()  # type: ignore[misc]
        if self.on_gone is not None:
            await self.on_gone()


class RoomAppService(_EndsWithItsApp, AppService):
    pass


class RoomForkedAppService(_EndsWithItsApp, ForkedAppService):
    pass


class RoomServer(Server):
    """textual-serve's Server for a room of visitors (see the module docstring)."""

    def __init__(self, command: str, extra_args: list[str], room: Room, fork_command: list[str] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.extra_args = extra_args
        self.room = room
        self.fork_command = fork_command
        self.forks: Forks | None = None
        self.sockets: set[web.WebSocketResponse] = set()
        self.say = lambda line: print(line, file=sys.stderr, flush=True)

    def initialize_logging(self) -> None:
        """textual-serve's logging, but only warnings: the room's own lines are the console."""
        super().initialize_logging()
        logging.getLogger().setLevel(logging.WARNING)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.on_cleanup.append(self.on_cleanup)
        return app

    async def on_startup(self, app: web.Application) -> None:
        if self.fork_command:
            forks = Forks(self.fork_command, self.extra_args, on_ended=self._session_ended)
            try:
                ready = await forks.start()
            except ForkServerUnavailable as error:
                self.say(f"Could not prepare the shared app ({error}); starting one process per visitor instead.")
            else:
                self.forks = forks
                if not ready.get("course"):
                    self.say("The course has problems: visitors will see the list. Run `explainer check`.")

    def serve(self, debug: bool = False) -> None:
        """textual-serve's ``serve``, saying "Ready" once the port is really listening."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        except NotImplementedError:
            pass
        web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                    print=lambda _text: self._ready(), shutdown_timeout=10)

    def _ready(self) -> None:
        limit = self.room.max_visitors
        idle = f"idle sessions close after {serve_room.minutes_text(self.room.idle_s)}" if self.room.idle_s > 0 \
            else "idle sessions stay open"
        how = "each forked from a ready app" if self.forks is not None else "a new process each"
        self.say(f"Ready on {self.public_url}: up to {serve_room.visitors_text(limit)} ({how}); {idle}. "
                 "One line per visitor below (no names).")

    def _session_ended(self, message: dict) -> None:
        if message.get("signal") not in (None, 15):
            self.say(f"visitor {message.get('session')}'s session stopped unexpectedly (signal {message['signal']})")

    async def on_shutdown(self, app: web.Application) -> None:
        """Tell every browser the room is closed (their sessions then end, as after a tab close)."""
        await asyncio.gather(*(socket.close(code=1001, message=serve_room.SHUTDOWN_MESSAGE.encode())
                               for socket in list(self.sockets)), return_exceptions=True)

    async def on_cleanup(self, app: web.Application) -> None:
        if self.forks is not None:
            await self.forks.stop()

    # -- pages --------------------------------------------------------------------------------
    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.room.full:
            response = aiohttp_jinja2.render_template(
                "room_full.html", request, {"message": self.room.full_message(), "title": self.title}, status=503)
            response.headers["Retry-After"] = "60"
            return response
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)
        visit = self.room.enter()
        if visit is None:
            self.say(self.room.turned_away())
            await websocket.close(code=CLOSE_FULL, message=self.room.full_message().encode())
            return websocket
        self.sockets.add(websocket)
        self.say(self.room.joined(visit))
        service = self._service(websocket, visit)
        why = ""
        try:
            await service.start(width, height)
            watcher = asyncio.create_task(self._watch_idle(websocket, visit))
            try:
                await self._process_messages(websocket, service, visit)
            finally:
                watcher.cancel()
                why = visit.ending
                await service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one visitor's failure must not stop the room
            why = "could not start"
            log.warning("a session failed: %s", error)
            await websocket.close(code=CLOSE_FAILED, message=serve_room.FAILED_MESSAGE.encode())
        finally:
            await service.stop()
            self.sockets.discard(websocket)
            self.room.leave(visit)
            self.say(self.room.left(visit, why))
        return websocket

    def _service(self, websocket: web.WebSocketResponse, visit: Visit) -> AppService:
        async def ended() -> None:  # the app said goodbye (the visitor quit)
            await websocket.close(message=serve_room.ENDED_MESSAGE.encode())

        async def gone() -> None:  # the app's output ended; if it never said goodbye, it was lost
            if not websocket.closed:
                await websocket.close(code=CLOSE_FAILED, message=serve_room.LOST_MESSAGE.encode())

        kwargs: dict[str, Any] = dict(write_bytes=websocket.send_bytes, write_str=websocket.send_str, close=ended,
                      download_manager=self.download_manager, debug=self.debug)
        if self.forks is not None:
            service: AppService = RoomForkedAppService(self.command, forks=self.forks, session=visit.number, **kwargs)
        else:
            service = RoomAppService(self.command, **kwargs)
        service.on_gone = gone  # type: ignore[attr-defined]
        return service

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService,
                                visit: Visit | None = None) -> None:
        """textual-serve's loop, noting each key (for the idle rule) and ignoring malformed messages."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
                kind, data = envelope[0], (envelope[1] if len(envelope) > 1 else None)
            except (ValueError, TypeError, IndexError, KeyError):
                continue
            if kind == "stdin" and isinstance(data, str):
                if visit is not None and visit.touch():
                    await websocket.send_str(json.dumps(["explainer_notice", ""]))
                await app_service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await app_service.set_terminal_size(to_int(str(data.get("width")), 80),
                                                    to_int(str(data.get("height")), 24))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    async def _watch_idle(self, websocket: web.WebSocketResponse, visit: Visit) -> None:
        """Warn on the page, then close the session, when nobody touches it (returns after closing)."""
        while True:
            await asyncio.sleep(self.room.next_check_in(visit))
            state = self.room.idle_state(visit)
            if state == "warn":
                await websocket.send_str(json.dumps(["explainer_notice", self.room.idle_warning_message(visit)]))
            elif state == "close":
                visit.ending = "idle"
                await websocket.close(code=CLOSE_IDLE, message=self.room.idle_closed_message().encode())
                return
