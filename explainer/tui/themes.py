"""The high-contrast theme, for learners who need it and for washed-out classroom projectors.

Built from named terminal colours (no hex codes): white on black, with yellow for focus and
actions, so every state still reads when the projector flattens mid-tones.
"""

from __future__ import annotations

from textual.theme import Theme

from explainer.learning.settings import HIGH_CONTRAST_THEME

HIGH_CONTRAST = Theme(
    name=HIGH_CONTRAST_THEME,
    primary="yellow",
    secondary="cyan",
    accent="yellow",
    warning="yellow",
    error="red",
    success="lime",
    foreground="white",
    background="black",
    surface="black",
    panel="black",
    boost="white",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "text-muted": "white",
        "footer-key-foreground": "yellow",
        "block-cursor-background": "yellow",
        "block-cursor-foreground": "black",
        "input-selection-background": "yellow 40%",
    },
)
