"""Readability formulas for German (pure module)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lotse.letters.readability import analyse, split_sentences, syllables


def test_syllables_of_short_and_long_german_words():
    assert syllables("Ofen") == 2
    assert syllables("oder") == 2
    assert syllables("Idee") == 2
    assert syllables("Aufenthaltserlaubnis") == 6
    assert syllables("Pass") == 1


def test_short_sentences_are_counted():
    text = "Bitte kommen Sie am Montag. Bringen Sie Ihren Pass mit. Danke. Bis bald."
    assert len(split_sentences(text)) == 4


def test_abbreviations_do_not_end_sentences():
    assert len(split_sentences("Das gilt nach § 81 Abs. 4 AufenthG weiter.")) == 1


def test_plain_text_scores_easier_than_official_text():
    plain = "Wir haben einen Termin für Sie. Bitte bringen Sie Ihren Pass mit."
    official = (
        "Die Verlängerung der Aufenthaltserlaubnis ist unter Vorlage sämtlicher "
        "erforderlichen Nachweise fristgerecht vor Ablauf der Gültigkeitsdauer zu beantragen."
    )
    assert analyse(plain).amstad > 60 > analyse(official).amstad
    assert analyse(plain).wstf1 < analyse(official).wstf1
    assert analyse(official).amstad_band in {"schwer", "sehr schwer", "mittelschwer"}


@given(st.text(max_size=300))
def test_any_text_gives_consistent_counts(text):
    result = analyse(text)
    assert result.words >= result.sentences >= 0
    assert result.syllables >= result.words
    assert result.long_sentences <= result.sentences
