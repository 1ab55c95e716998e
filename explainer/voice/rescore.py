"""The N-best check: which of the recogniser's near-best hypotheses is a command, and how many agree.

The recogniser's best path is often one small word away from a command ("alexa add milk to
my shopping reset" — "list" lost to a sound-alike) while an alternative a hair less likely to
the decoder is the command itself.  A real assistant re-ranks its N best with what it
understands; this stage does the same, in the open:

* it keeps the recogniser's best hypothesis when the parser understands it, and otherwise takes
  the *first* alternative, in the decoder's own order, that a template matches exactly —
  only among the *near* ones (within ``NEAR`` of the best in the decoder's log units, where
  the decoder itself can hardly tell them apart);
* it counts how many of those near alternatives mean the same command (intent and slots):
  the **agreement**.  When almost every near hypothesis says the same thing, the decoder is
  sure of the command even when its word posteriors are low (a quiet word it could not pin
  down that changes nothing); when they disagree, it is not.

The trace shows this as its own stage (input: the recogniser's best; output: the chosen
hypothesis, its rank, the agreement); the recognition stage keeps the recogniser's raw words,
and the bench's WER uses those.  The confidence rule (``decision``) then uses the larger of the
word posteriors' confidence (only when the best was kept) and the agreement.

``NEAR`` was chosen on the lab's development sentences (``tests/data/lab_dev_commands.toml``):
300 (a few hundredths of a nat per frame) against 1000 and 3000, which let in alternatives
the decoder had good reason to rank lower.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

NEAR = 300.0  # decoder log units (base 1.0001) below the best: "as likely", to the decoder


@dataclass(frozen=True)
class Rescored:
    text: str  # the hypothesis handed to the clean-up
    rank: int  # its place in the decoder's N-best (0 = the recogniser's own best); -1: none understood
    agreement: float  # share of the near hypotheses that mean the same command as ``text`` (0..1)
    near: int  # how many hypotheses were near the best (the best included)

    def describe(self) -> str:
        if self.rank < 0:
            return (f"none of the {self.near} near hypotheses is a command it can act on: "
                    "the recogniser's best is kept")
        which = "the recogniser's best" if self.rank == 0 else f"alternative #{self.rank + 1}"
        return (f"{which} is a command; {round(self.agreement * self.near)} of {self.near} near "
                f"hypotheses mean the same (agreement {self.agreement:.2f})")


def rescore(best: str, nbest: Sequence[tuple[str, float]], meaning: Callable[[str], Hashable | None]) -> Rescored:
    """``nbest``: (text, score relative to the best), best first; ``meaning(text)``: the command a
    template makes of it exactly (intent and slots, hashable) or None."""
    near = [text for text, gap in nbest if -gap <= NEAR] or [best]
    if best not in near:
        near.insert(0, best)
    meanings = {text: meaning(text) for text in near}
    for rank, text in enumerate(near):
        chosen = meanings[text]
        if chosen is not None:
            agree = sum(1 for other in near if meanings[other] == chosen) / len(near)
            return Rescored(text, rank, round(agree, 3), len(near))
    return Rescored(best, -1, 0.0, len(near))
