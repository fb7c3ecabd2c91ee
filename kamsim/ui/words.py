"""The UI's words: `kamsim.words` (kept here so the screens' imports read as before)."""

from __future__ import annotations

from kamsim.vocabulary import KIND_WORDS, PURPOSE_WORDS, STATUS_WORDS
from kamsim.words import DOUBLE_QUOTED, ENGLISH, TOKEN, Lexicon, plain, status_words

__all__ = ["DOUBLE_QUOTED", "ENGLISH", "KIND_WORDS", "PURPOSE_WORDS", "STATUS_WORDS", "TOKEN",
           "Lexicon", "plain", "status_words"]  # fmt: skip
