"""One documented configuration object, with named profiles.

Every option states what it protects and what it risks, the way ftfy documents
its ``TextFixerConfig``.  Profiles are plain :class:`Config` values:

``default``
    Restore and remove only what is disguise.  Legitimate text in any script
    comes back byte-identical; when in doubt, decloak reports but leaves text.
``strict``
    Also fold every compatibility letter (fullwidth, mathematical, enclosed),
    drop soft hyphens, and flag ASCII look-alikes (``curI``).  For matching
    keys and moderation, where readable text matters more than typography.
``report``
    Find and explain everything ``default`` finds, change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, Literal

CompatMode = Literal["off", "running-text", "all"]
BidiMode = Literal["off", "strip", "reorder"]
SoftHyphenMode = Literal["keep", "remove"]


@dataclass(frozen=True, slots=True)
class Config:
    """What decloak looks for and what it is allowed to change."""

    profile: str = "default"
    """Name of the profile this config came from (informational)."""

    repair: bool = True
    """Apply repairs in :func:`decloak.clean`.  ``False``: findings only.
    Risk: none when off; the text is returned unchanged."""

    homoglyphs: bool = True
    """Restore letters from other scripts inside words (``lаrge`` -> ``large``),
    and Latin look-alikes inside Cyrillic/Greek words back to their script.
    Risk: low; a word is only rewritten toward the script of its context, and
    only when every foreign letter in it has a look-alike in that script."""

    whole_words: bool = True
    """Restore words spelled entirely in look-alikes (``уеѕ`` in English prose,
    a lone Cyrillic ``а`` used as the article).  Risk: a genuine one-word
    quotation in another script made only of look-alike letters, inside prose
    of a different script, would be rewritten; decloak declines when the
    paragraph holds genuine words of that script or the lexicon says the
    foreign reading is a real word and the Latin one is not."""

    compat_letters: CompatMode = "running-text"
    """``running-text``: fold fullwidth / mathematical / enclosed letters when
    they spell words in non-CJK text, keep lone math symbols (``𝑥``) and CJK
    fullwidth forms.  ``all``: fold every one (NFKC on letters).  ``off``.
    Risk of ``all``: maths loses its bold/italic distinctions."""

    invisibles: bool = True
    """Remove zero-width and other default-ignorable characters where no
    script or emoji sequence needs them (ZWNJ in Persian, ZWJ in Hindi and emoji
    families, ZWSP between Thai words stay).  Risk: very low."""

    soft_hyphen: SoftHyphenMode = "keep"
    """``keep`` soft hyphens between letters (hyphenation hints); stray ones
    elsewhere are still removed.  ``remove`` drops all of them."""

    bidi: BidiMode = "reorder"
    """``reorder``: rewrite runs whose displayed order differs from stored order
    into displayed order (Unicode Bidirectional Algorithm via python-bidi) and
    drop the controls; legitimate balanced controls in RTL text stay.
    ``strip``: only drop harmful controls.  ``off``: leave bidi alone."""

    deletions: bool = True
    """Apply backspace/DEL (the character before goes too) and drop terminal
    escape sequences.  Risk: none for prose."""

    tags: bool = True
    """Remove tag characters outside emoji tag sequences (flags of England,
    Scotland, Wales stay) and report the ASCII they hide."""

    variation_selectors: bool = True
    """Remove variation selectors outside standardized, emoji and ideographic
    variation sequences, and report the bytes they hide."""

    zero_width_payloads: bool = True
    """Decode runs of zero-width characters as bit strings before removal."""

    ascii_lookalikes: bool = False
    """Flag ASCII look-alikes (``curI``, ``G00gle``) with low confidence.
    Never repaired: too many legitimate identifiers look like this."""

    use_lexicon: bool | None = None
    """Use the word-frequency lexicon (a table cut from wordfreq's word lists,
    shipped with decloak) to break the ties context cannot: a word spelled only
    in look-alikes beside real words of that script.  ``None`` or ``True``: use
    it; ``False``: never rewrite such a word."""

    threshold: float = 0.5
    """``Report.suspicious`` is ``score >= threshold``."""

    def with_options(self, **changes: Any) -> Config:
        """A copy with some options changed (unknown names raise TypeError)."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


DEFAULT = Config()
STRICT = Config(
    profile="strict",
    compat_letters="all",
    soft_hyphen="remove",
    ascii_lookalikes=True,
)
REPORT = Config(profile="report", repair=False)

PROFILES: dict[str, Config] = {"default": DEFAULT, "strict": STRICT, "report": REPORT}


def get_config(config: Config | str | None) -> Config:
    """Resolve ``None`` / a profile name / a :class:`Config` to a config."""
    if config is None:
        return DEFAULT
    if isinstance(config, Config):
        return config
    try:
        return PROFILES[config]
    except KeyError:
        names = ", ".join(PROFILES)
        raise ValueError(f"unknown profile {config!r} (choose from: {names})") from None
