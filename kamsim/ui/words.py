"""The UI's words: `kamsim.words` (kept here so the screens' imports read as before)."""

from __future__ import annotations

from kamsim.vocabulary import KIND_WORDS, PURPOSE_WORDS
from kamsim.words import ENGLISH, TOKEN, Lexicon, plain

__all__ = ["ENGLISH", "KIND_WORDS", "PURPOSE_WORDS", "TOKEN", "Lexicon", "plain"]
