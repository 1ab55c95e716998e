"""``explainer serve`` with its fork server, end to end over the websocket (no browser):
visitors are isolated, a killed visitor is cleaned up, the room has a ceiling and closes idle
sessions with a notice, and stopping the server leaves no process and no folder behind."""

from __future__ import annotations

import json
import os
import re
import signal

import aiohttp
import pytest

from explainer.bench import serve_probe
from explainer.bench.serve_visitor import receive
from tests.classroom.serve_fixtures import (
    RIGHT,
    Visitor,
    eventually,
    map_words,
    page_title,
    running_server,
)

pytestmark = [
    pytest.mark.skipif(not serve_probe.available(), reason="reads processes from /proc (Linux)"),
    pytest.mark.lab_cache,  # the fork server loads the recogniser: its models come built, as on a host that ran the lab
]


def _visitor_pids(server) -> list[int]:
    fork_server = serve_probe.child_of(server.process.pid, server.process.pid)
    return [pid for pid in serve_probe.descendants(server.process.pid)
            if pid not in (server.process.pid, fork_server)]


async def test_one_visitors_progress_never_shows_in_anothers_and_nothing_is_left():
    with running_server() as server:
        async with aiohttp.ClientSession() as http:
            first = await Visitor.join(http, server)
            assert "Quit" not in first.screen.text()  # a browser visitor leaves by closing the tab...
            await first.ws.send_json(["stdin", "q"])  # ...so a stray q does not end the session
            await first.press("c", "recommended")  # a new learner is offered the pre-check
            await first.press("2", page_title(1))
            await first.press(RIGHT, page_title(2))
            await first.press("q", *map_words())
            second = await Visitor.join(http, server)
            await second.press("c", "recommended")  # still a new learner: nothing of the first
            await first.press("c", page_title(3))  # the first continues: the first page not read yet
            assert len(_visitor_pids(server)) == 2
            assert len(server.visitor_folders()) == 2  # a scratch folder each
            await first.ws.close()
            await second.ws.close()
        assert await eventually(lambda: server.in_room() == 0 and not server.visitor_folders())
        assert await eventually(lambda: not _visitor_pids(server))
        seen = serve_probe.descendants(server.process.pid)
        assert server.stop() == 0
        assert [pid for pid in seen if serve_probe._stat(pid) is not None] == []
        assert list(server.tmp.iterdir()) == [], "the server's scratch root is removed when it stops"
        assert list(server.data.rglob("*")) == [], "a served session writes nothing to the data folder"
    assert any("visitor 1 joined" in line for line in server.lines)
    assert any("visitor 2 left after" in line for line in server.lines)


async def test_a_visitor_killed_with_sigkill_is_cleaned_up_and_the_room_goes_on():
    with running_server() as server:
        async with aiohttp.ClientSession() as http:
            doomed = await Visitor.join(http, server)
            (pid,) = _visitor_pids(server)
            os.kill(pid, signal.SIGKILL)
            code, _reason = await doomed.closed()
            assert code is not None
            assert await eventually(lambda: not server.visitor_folders() and server.in_room() == 0)
            assert await eventually(lambda: any("stopped unexpectedly (signal 9)" in line for line in server.lines))
            after = await Visitor.join(http, server)  # the room still works
            await after.press("c", "recommended")
            await after.ws.close()


async def test_a_full_room_turns_the_next_visitor_away_kindly():
    with running_server("--max-visitors", "1", process_per_visitor=True) as server:  # the old way too
        async with aiohttp.ClientSession() as http:
            inside = await Visitor.join(http, server)
            async with http.get(f"{server.url}/") as page:
                assert page.status == 503
                assert page.headers["Retry-After"] == "60"
                assert "The room is full (1 visitor). Please try again in a minute." in await page.text()
            turned = Visitor(await http.ws_connect(f"ws://127.0.0.1:{server.port}/ws"))
            code, reason = await turned.closed()
            assert code == 4001 and "try again in a minute" in reason
            await inside.ws.close()
            assert await eventually(lambda: server.in_room() == 0)
            async with http.get(f"{server.url}/") as page:
                assert page.status == 200
    assert any("the room is full" in line for line in server.lines)


async def test_an_idle_session_is_warned_then_closed_and_a_key_cancels_the_warning():
    with running_server("--idle-minutes", "0.05") as server:  # 3 s: warned after 1.5 s
        async with aiohttp.ClientSession() as http:
            visitor = await Visitor.join(http, server)
            notices = []
            while len(notices) < 1:
                message = await receive(visitor.ws, 10)
                if message.type == aiohttp.WSMsgType.TEXT and "explainer_notice" in message.data:
                    notices.append(json.loads(message.data)[1])
            assert re.search(r"closes in [12] seconds? unless you press a key", notices[0]), notices[0]
            await visitor.ws.send_json(["stdin", "c"])  # a key: the warning goes, the clock restarts
            while True:
                message = await receive(visitor.ws, 10)
                if message.type == aiohttp.WSMsgType.TEXT and json.loads(message.data) == ["explainer_notice", ""]:
                    break
            code, reason = await visitor.closed()
            assert code == 4002
            assert "closed after 3 seconds without a key press" in reason  # not "1 minute": it was 3 s
    assert any("visitor 1 left after" in line and "(idle)" in line for line in server.lines)


async def test_a_killed_fork_server_is_started_again_and_its_visitors_told():
    with running_server() as server:
        async with aiohttp.ClientSession() as http:
            visitor = await Visitor.join(http, server)
            fork_server = serve_probe.child_of(server.process.pid, server.process.pid)
            os.kill(fork_server, signal.SIGKILL)
            # its visitors get SIGTERM from the kernel (PR_SET_PDEATHSIG) and leave as after a quit
            code, reason = await visitor.closed()
            assert "Press Restart to begin again" in reason
            assert await eventually(lambda: not _visitor_pids(server) and not server.visitor_folders())
            again = await Visitor.join(http, server)  # a new fork server, ready for the next one
            await again.press("c", "recommended")
            assert serve_probe.child_of(server.process.pid, server.process.pid) != fork_server
            await again.ws.close()


async def test_when_the_web_server_is_killed_outright_its_visitors_and_folders_go_too():
    with running_server() as server:
        async with aiohttp.ClientSession() as http:
            visitors = [await Visitor.join(http, server), await Visitor.join(http, server)]
            family = serve_probe.descendants(server.process.pid)
            assert len(family) == 4
            server.process.kill()  # SIGKILL: no clean-up code of its own runs
            server.process.wait()
            assert await eventually(lambda: all(serve_probe._stat(pid) is None for pid in family))
            assert await eventually(lambda: list(server.tmp.iterdir()) == [])
            for visitor in visitors:
                await visitor.closed()
