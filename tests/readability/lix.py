"""LIX (læsbarhedsindeks), Björnsson's readability index for Danish and Swedish text.

    LIX = words / sentences + 100 * long words / words

Below 25 reads as a children's book, 25-34 as easy text (a tabloid), 35-44 as a newspaper,
45-54 as officialese, 55 and above as legal or academic prose. What the portal writes to a citizen
aims at 35 or below.

The text comes as units: a heading, a paragraph, a list item, a label, a button, a table cell.
Each unit is its own piece of reading ("Næste" on a button is a sentence to the reader, and a
heading has no full stop), so a unit's end is always a sentence end. Within a unit:

- A word is a run of characters between spaces or slashes ("og/eller" is two words) that holds a
  letter or a digit; punctuation around it is not part of it. Its length is its number of letters
  (Unicode letters, so æ, ø, å and é count; hyphens, digits and apostrophes do not): "AMU-kursus"
  has nine letters and is long.
- A long word has more than six letters. A number ("2027", "14:32", "1.7.2027", "37") is a word
  but never a long one: a reader takes it in at a glance, and the dates and times the portal shows
  would otherwise weigh as long words.
- An e-mail address or a web address is one word and never long: it is a name to copy, not to read.
- A sentence ends at a word that ends in . ! ? or : (closing quotes and brackets after the mark
  are allowed), except an ordinal ("1. marts") and the Danish abbreviations in ABBREVIATIONS
  ("kl. 14", "fx. lager"), and at the end of each unit. Marks inside a word ("14:32", "bl.a",
  "3.5") end nothing. A sentence with no words in it (a "..." alone) is not counted.
- A unit without a single letter (a step number, "1/4", a date alone in a table cell) is a figure,
  not text, and is left out: counted as a one-word sentence it would make a page look easier.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

LONG_WORD = 6
SENTENCE_MARKS = ".!?:"
#: Abbreviations whose full stop does not end a sentence (lower case, with their stops).
ABBREVIATIONS = frozenset(
    {
        "kl.",
        "fx.",
        "f.eks.",
        "bl.a.",
        "dvs.",
        "ca.",
        "nr.",
        "evt.",
        "osv.",
        "mv.",
        "m.m.",
        "jf.",
        "stk.",
        "pkt.",
        "tlf.",
    }
)
_SPLIT = re.compile(r"[\s/]+")
_EDGE = re.compile(r"^[^\w]+|[^\w.!?:]+$")
_CLOSERS = "\"'»”’)]"
_ORDINAL = re.compile(r"^\d+\.$")
_ADDRESS = re.compile(r"@|://|^www\.", re.IGNORECASE)


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    long_words: int

    @property
    def lix(self) -> float:
        """The index; 0 for a text without words."""
        if not self.words:
            return 0.0
        return self.words / self.sentences + 100 * self.long_words / self.words

    def __add__(self, other: Readability) -> Readability:
        return Readability(
            self.words + other.words, self.sentences + other.sentences, self.long_words + other.long_words
        )


NOTHING = Readability(0, 0, 0)


def readability(units: Iterable[str] | str) -> Readability:
    """The counts of a text given as units (a string is split into units at its line breaks)."""
    if isinstance(units, str):
        units = units.splitlines()
    total = NOTHING
    for unit in units:
        total += _unit(unit)
    return total


def lix(units: Iterable[str] | str) -> float:
    return readability(units).lix


def _unit(text: str) -> Readability:
    if not any(char.isalpha() for char in text):
        return NOTHING
    words = sentences = long_words = 0
    open_sentence = False
    for token in _SPLIT.split(text):
        if not any(char.isalnum() for char in token):
            continue
        words += 1
        open_sentence = True
        if _is_long(token):
            long_words += 1
        if _ends_sentence(token):
            sentences += 1
            open_sentence = False
    if open_sentence:
        sentences += 1
    return Readability(words, sentences, long_words)


def _is_long(token: str) -> bool:
    if _ADDRESS.search(token) or any(char.isdigit() for char in token):
        return False
    return sum(char.isalpha() for char in token) > LONG_WORD


def _ends_sentence(token: str) -> bool:
    stripped = token.rstrip(_CLOSERS)
    if not stripped or stripped[-1] not in SENTENCE_MARKS:
        return False
    if stripped[-1] == ".":
        bare = _EDGE.sub("", stripped).lower()
        if _ORDINAL.match(bare) or bare in ABBREVIATIONS:
            return False
    return True
