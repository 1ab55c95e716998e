"""A full headless tour of the real app and real content, with the network unplugged.

Any attempt to open an internet socket fails loudly, so this proves the tour works offline and that no
screen on the way phones home.
"""

from __future__ import annotations

import socket

import pytest

from explainer.tui.screens.map import MapScreen


class _NoNetwork(socket.socket):
    """Local AF_UNIX pairs (asyncio's own wake-up pipe) are allowed; internet sockets are not."""

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if family in (socket.AF_INET, socket.AF_INET6, -1) and fileno is None:
            raise AssertionError("the app tried to open a network socket")
        super().__init__(family, type, proto, fileno)


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the app tried to open a network connection")

    monkeypatch.setattr(socket, "socket", _NoNetwork)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


async def test_tour_map_station_and_back_offline(app, no_network):
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert made.course is not None, "the packaged content must load"
        assert isinstance(made.screen, MapScreen)
        await pilot.press("down", "enter")  # the first station
        await pilot.pause()
        await pilot.pause()
        assert made.current_mode == "lesson"
        first_page = made.course.stations[0].pages[0].id
        await pilot.press("n")  # next page
        await pilot.pause()
        made.open_map()
        await pilot.pause()
        await pilot.pause()
        assert made.current_mode == "map"
        assert first_page in made.progress.pages_read
        journey = made.screen.query_one("#journey")
        assert "◐ 3 pages · model · quiz" in journey.state_text(made.course.stations[0].id)  # what is left
        await pilot.press("c")  # continue goes back to where we were
        await pilot.pause()
        await pilot.pause()
        assert made.current_mode == "lesson"
        made.open_quiz("final")
        await pilot.pause()
        await pilot.pause()
        assert made.current_mode == "quiz"
        made.open_map()
        await pilot.pause()
        await pilot.press("q")
    saved = made.config.data.progress_file
    assert saved.exists() and first_page in saved.read_text()
