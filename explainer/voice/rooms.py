"""Where the lab's pretend speaker stands: background noise at a stated level, and distance.

Each preset says what a learner would want to know about a recording: the kind of noise,
how loud it is against the voice at the device (signal-to-noise ratio in dB: 20 dB is a quiet
room, 0 dB noise as loud as the speech) and how far the speaker is.  The defaults are meant as
ordinary conditions for someone talking to a speaker an arm's length or so away (1 m, the
voice as recorded), not worst cases — a kitchen with a fridge hum and dishes at 15 dB, a
television at conversation volume at 10 dB — and "loud" shows how recognition fails (a party
or a television turned up, 0 dB, from across the room: 4 m, with the room's reverberation,
``audio.reverberate``).  The distance can be changed on its own.  The levels are the lab's
assumptions for teaching, not measurements of any real home.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Room:
    name: str
    noise: str  # one of audio.NOISE_KINDS (a test checks)
    snr_db: float | None  # None: no added noise
    distance_m: float
    label: str

    def describe(self) -> str:
        level = "no added noise" if self.noise == "none" or self.snr_db is None else (
            f"{self.noise} noise at {self.snr_db:g} dB SNR")
        return f"{level}, {self.distance_m:g} m from the device"


ROOMS: dict[str, Room] = {room.name: room for room in (
    Room("none", "none", None, 1.0, "quiet room"),
    Room("kitchen", "kitchen", 15.0, 1.0, "kitchen: fridge hum, dishes"),
    Room("tv", "tv", 10.0, 1.0, "television at conversation volume"),
    Room("music", "music", 10.0, 1.0, "music playing"),
    Room("loud", "tv", 0.0, 4.0, "loud: a party or a television turned up"),
)}
DISTANCES = (0.5, 1.0, 2.0, 3.0, 6.0)


def room(name: str, snr_db: float | None = None, distance_m: float | None = None) -> Room:
    """A preset, with its level or distance changed if given; ValueError for an unknown name."""
    if name not in ROOMS:
        raise ValueError(f"unknown noise {name!r}; choose one of {', '.join(ROOMS)}")
    base = ROOMS[name]
    return Room(base.name, base.noise, base.snr_db if snr_db is None else float(snr_db),
                base.distance_m if distance_m is None else float(distance_m), base.label)
