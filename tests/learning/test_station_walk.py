"""Unit tests of walking one station: pages, the model, and m as a detour that returns."""

from __future__ import annotations

import dataclasses

from explainer.learning.station_walk import StationWalk
from tests.builders import make_course


def station():
    base = make_course().stations[0]
    more = tuple(dataclasses.replace(base.pages[1], id=f"{base.id}/p{n}", slug=f"p{n}") for n in range(3, 5))
    return dataclasses.replace(base, pages=(*base.pages, *more))  # 4 pages and the model


def test_in_order_the_model_comes_last_then_the_end() -> None:
    walk = StationWalk(station())
    seen = [walk.key]
    while walk.next():
        seen.append(walk.key)
    assert seen == ["first", "second", "p3", "p4", "model"]
    assert walk.at_end and walk.position() == "Model (5 of 5)" and walk.next_words() == "End of station"


def test_m_is_a_detour_that_goes_back_to_reading() -> None:
    walk = StationWalk(station())
    assert walk.open_model()
    assert walk.on_detour and walk.position() == "Model · from page 1"
    assert walk.next_words() == "On to page 2" and not walk.at_end
    assert walk.next() and walk.key == "second"
    assert walk.open_model() and walk.previous() and walk.key == "second"  # p: back to the page itself


def test_m_from_the_last_page_is_the_model_in_order() -> None:
    walk = StationWalk(station())
    walk.go_to("p4")
    assert walk.next_words() == "Next: the model"
    assert walk.open_model() and not walk.on_detour and walk.at_end
    assert not walk.open_model()  # already there


def test_go_to_and_positions() -> None:
    walk = StationWalk(station())
    walk.go_to("p3")
    assert walk.position() == "Page 3 of 5" and walk.next_words() == "Next page"
    walk.go_to("nope")
    assert walk.index == 0 and not walk.previous()
    walk.go_to("model")
    assert walk.at_model and walk.page is None


def test_the_short_tour_walks_its_own_pages() -> None:
    walk = StationWalk(station(), tour=True)
    assert [page.slug for page in walk.pages] == ["first"]
    assert walk.position() == "Page 1 of 2" and walk.next() and walk.at_model and walk.at_end


def test_a_station_without_a_model_ends_on_its_last_page() -> None:
    walk = StationWalk(dataclasses.replace(station(), model=""))
    assert not walk.open_model()
    walk.go_to("model")
    assert walk.key == "first"
    walk.go_to("p4")
    assert walk.at_end and not walk.next()
