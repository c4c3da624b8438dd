"""LIX as tests.readability.lix counts it, and the text of <main> as tests.readability.visible_text
takes it from a page."""

from __future__ import annotations

import pytest

from tests.readability.lix import Readability, lix, readability
from tests.readability.visible_text import main_units


def test_lix_is_words_per_sentence_plus_the_share_of_long_words():
    # 8 words, 2 sentences, 2 long words ("arbejdsgiver", "ansøgninger"): 8/2 + 100*2/8 = 29.
    counts = readability("Ring til en arbejdsgiver. Send to ansøgninger nu.")
    assert counts == Readability(words=8, sentences=2, long_words=2)
    assert counts.lix == pytest.approx(29.0)


@pytest.mark.parametrize(
    ("text", "long_words"),
    [
        ("kursus", 0),  # six letters: not long
        ("kurser", 0),
        ("jobmålet", 1),  # æ, ø and å are letters
        ("AMU-kursus", 1),  # nine letters; the hyphen is no letter
        ("CV'et", 0),
        ("24.12.2026 14:32 37", 0),  # numbers are words, never long ones
        ("citizen@demo.dk www.jobnet.dk", 0),  # an address is a name to copy
        ("«Arbejdsmarkedet»", 1),  # quotes are not letters
    ],
)
def test_long_words_have_more_than_six_letters(text, long_words):
    assert readability(text).long_words == long_words


@pytest.mark.parametrize(
    ("text", "words", "sentences"),
    [
        ("Gem. Send! Hvorfor? Sådan: her", 5, 5),
        ("Mødet er kl. 14 den 1. marts.", 7, 1),  # an abbreviation and an ordinal end nothing
        ("Fx. lager eller bl.a. kantine.", 5, 1),
        ("Gemt kl. 14:32.", 3, 1),  # a colon inside a number is no sentence end
        ("Han sagde: «Kom igen.» Så gik han.", 7, 3),
        ("og/eller", 2, 1),
        ("Tilføj en ansøgning", 3, 1),  # a unit ends a sentence without a full stop
        ("... – ...", 0, 0),  # no words, no sentence
    ],
)
def test_words_and_sentences(text, words, sentences):
    counts = readability(text)
    assert (counts.words, counts.sentences) == (words, sentences)


def test_each_line_is_a_unit_and_ends_a_sentence():
    assert readability(["Dine jobmål", "Plan A er det job, du helst vil have."]).sentences == 2
    assert readability("Dine jobmål\nPlan A er det job, du helst vil have.").sentences == 2


def test_a_unit_without_letters_is_a_figure_and_not_counted():
    assert readability(["1", "Før mødet", "1/4", "24.12.2026"]) == readability(["Før mødet"])
    assert readability("Kl. 14:32").words == 2, "a number among words is a word"


def test_a_text_without_words_reads_as_zero():
    assert lix("") == 0.0
    assert lix(["", "–"]) == 0.0


PAGE = """<!DOCTYPE html><html lang="da"><head><title>T</title></head><body>
<header><p>Min Plan</p></header>
<main>
  <h1>Din <strong>joblog</strong></h1>
  <p>Skriv de job, du har søgt.<br>Gør det hver uge.</p>
  <a class="button">Tilføj<span class="sr-only"> en ansøgning til din joblog</span></a>
  <svg><title>Ikon</title></svg>
  <p hidden>Gemt kl. 14:32</p>
  <label for="x">Noter <span class="weight-normal">(frivilligt)</span></label>
  <span class="form-hint">Skriv kort</span>
  <textarea id="x">Det, borgeren skrev</textarea>
  <select><option>Plan A</option><option>Plan B</option></select>
  <ul class="accordion"><li><div aria-hidden="true" class="accordion-content">Læs mere her</div></li></ul>
  <input type="submit" value="Gem">
  <p class="preserve-lines">Første punkt
Andet punkt</p>
  <script>var x = "ikke tekst";</script>
</main>
<footer><p>Privatlivspolitik</p></footer>
</body></html>"""


def test_main_units_are_the_visible_text_of_main_one_unit_per_block():
    assert main_units(PAGE) == [
        "Din joblog",
        "Skriv de job, du har søgt.",
        "Gør det hver uge.",
        "Tilføj",
        "Noter (frivilligt)",
        "Skriv kort",  # a hint is a block of its own on screen
        "Plan A",
        "Plan B",
        "Læs mere her",  # a closed accordion is read when opened
        "Gem",
        "Første punkt",
        "Andet punkt",
    ]
