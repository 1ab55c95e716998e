"""Why there is no sound, in the app's own words; the system's words go to the error log.

``voice.playback`` says why a player is silent as precisely as it can, which includes the
sound library's own message ("No sound device found (no output device: failed to init
device). Captions are shown instead."). A learner cannot act on "failed to init device"; a
teacher helping them might. So the screens show ``no_sound_words`` -- what happened and what
to do instead -- and ``detail`` keeps the library's message for the error log
(``DataPaths.error_log``, listed by ``explainer where``). In a browser (``explainer serve``)
the sound would come out of the host's speakers, and the words say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from explainer.i18n import _

# "Something (the library's detail). What happens instead." -- playback's shape for a failed probe
_DETAIL = re.compile(r"(?s)^[^(]*\((?P<detail>.+)\)\.\s")
_SWITCHED_OFF = "EXPLAINER_AUDIO"  # switched off on purpose: playback's words already say how


@dataclass(frozen=True)
class NoSound:
    words: str  # for the learner: what happened and what to do instead
    detail: str  # the sound library's own message, for the error log ("" when there is none)
    short: str = ""  # what happened, in one sentence (where the screen shows the words anyway)


def no_sound_words(reason: str, *, served: bool = False) -> NoSound:
    """The learner's words for a silent player whose ``reason`` is ``reason``."""
    if served:
        return NoSound(_("Sound would play on the computer running this app, not in your browser: "
                         "read the captions instead."), "",
                       _("Sound would play on the computer running this app, not in your browser."))
    found = None if _SWITCHED_OFF in reason else _DETAIL.match(reason)
    if found is None:  # already plain ("Sound is off for this session. …"), or nothing said at all
        words = reason or _("No sound device: captions are shown instead.")
        return NoSound(words, "", words.split(". ")[0].rstrip(".") + ".")
    return NoSound(_("No sound card found, so clips play silently: read the captions instead."),
                   found.group("detail"), _("No sound card found."))
