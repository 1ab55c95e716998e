"""The room's rules (``serve_room``) and the fork server's message framing, without a server."""

from __future__ import annotations

import os
import re

from textual_serve.app_service import AppService

from explainer.classroom.forkserver import Inbox, encode
from explainer.classroom.serve_forks import served_environment
from explainer.classroom.serve_room import Room, Visit, default_max_visitors, minutes_text


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_default_ceiling_follows_free_memory_within_bounds():
    assert default_max_visitors(None) == 30
    assert default_max_visitors(1000) == 5  # a small machine still lets a group in
    assert default_max_visitors(9000) == 30  # half of 9 GB at 150 MB each
    assert default_max_visitors(200_000) == 60  # two cores cannot answer more in time


def test_the_room_has_a_ceiling_and_numbers_visitors_without_names():
    room = Room(max_visitors=2)
    first, second = room.enter(), room.enter()
    assert (first.number, second.number) == (1, 2)
    assert room.full and room.enter() is None
    room.leave(first)
    assert room.enter().number == 3
    line = room.joined(second)
    assert re.fullmatch(r"\d\d:\d\d:\d\d  visitor 2 joined  \(2 of 2 in the room\)", line)
    assert "try again in a minute" in room.turned_away()


def test_an_idle_visit_is_warned_once_then_closed_and_a_key_starts_again():
    clock = Clock()
    room = Room(max_visitors=5, idle_s=600, clock=clock)
    visit = room.enter()
    clock.now += 479
    assert room.idle_state(visit) == ""
    clock.now += 1  # two minutes before the end
    assert room.idle_state(visit) == "warn"
    assert "closes in 2 minutes" in room.idle_warning_message(visit)
    assert room.idle_state(visit) == ""  # warned once
    assert visit.touch() is True  # the key that cancels the warning
    assert room.idle_state(visit) == ""
    clock.now += 600
    assert room.idle_state(visit) == "close"
    assert "closed after 10 minutes without a key press" in room.idle_closed_message()
    assert Room(max_visitors=1, idle_s=0).idle_state(Visit(1)) == ""  # 0: never closes


def test_a_short_idle_time_is_said_in_seconds_not_rounded_up_to_a_minute():
    clock = Clock()
    room = Room(max_visitors=5, idle_s=15, clock=clock)
    visit = room.enter()
    clock.now += 7.5
    assert room.idle_state(visit) == "warn"
    assert "closes in 8 seconds" in room.idle_warning_message(visit)
    assert "closed after 15 seconds without a key press" in room.idle_closed_message()
    assert minutes_text(1) == "1 second" and minutes_text(60) == "1 minute" and minutes_text(90) == "2 minutes"


def test_a_visit_says_how_long_it_stayed():
    clock = Clock()
    visit = Visit(4, clock=clock)
    clock.now += 42
    assert visit.stayed() == "42 s"
    clock.now += 600
    assert visit.stayed() == "11 minutes"


def test_messages_come_apart_whole_and_each_session_gets_its_own_three_streams():
    inbox = Inbox()
    data = encode({"op": "start", "session": 1}) + encode({"op": "kill", "session": 9}) \
        + encode({"op": "start", "session": 2})
    first = inbox.feed(data[:7], [10, 11, 12])  # a message cut in two
    assert first == []
    rest = inbox.feed(data[7:], [13, 14, 15])
    assert rest == [({"op": "start", "session": 1}, [10, 11, 12]), ({"op": "kill", "session": 9}, []),
                    ({"op": "start", "session": 2}, [13, 14, 15])]


def test_the_fork_server_starts_with_the_environment_textual_serve_gives_an_app():
    class Quiet(AppService):
        def __init__(self) -> None:
            self.debug = False

    expected = Quiet()._build_environment(80, 24)
    ours = served_environment(dict(os.environ))
    assert {name: ours[name] for name in expected} == expected
    assert ours["EXPLAINER_SERVED"] == "1"
