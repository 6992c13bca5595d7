"""PURE: readability of German text (no Django import).

Formulas (see the domain notes on Einfache Sprache):
- Flesch reading ease after Amstad (1978): 180 − ASL − 58.5 × ASW; ≥ 60 is the usual target
  for texts for citizens.
- Wiener Sachtextformel 1–4 (Bamberger/Vanecek): school grade 4 (very easy) … 15 (very hard).
- LIX (Björnsson): < 40 easy, > 60 technical.

Own sentence splitter and a vowel-group syllable counter, because textstat ignores sentences of
two words or fewer and undercounts short German words ("Ofen", "oder"), which skews exactly the
short sentences of plain-language letters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-zÄÖÜäöüßÀ-ÿ]+(?:-[A-Za-zÄÖÜäöüßÀ-ÿ]+)*")
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)|\n\s*\n")
# Diphthongs and long vowels written with two letters count as one syllable nucleus.
_NUCLEUS = re.compile(r"(?:äu|eu|ei|ie|au|ai|ey|ay|aa|ee|oo|[aeiouyäöü])", re.IGNORECASE)
# Abbreviations whose period does not end a sentence.
_ABBREVIATIONS = ("z. B.", "Abs.", "Nr.", "S.", "ca.", "bzw.", "usw.", "d. h.", "u. a.", "Tel.")


@dataclass(frozen=True)
class Readability:
    sentences: int
    words: int
    syllables: int
    amstad: float
    wstf1: float
    wstf2: float
    wstf3: float
    wstf4: float
    lix: float
    long_sentences: int  # more than 15 words (Hamburg's rule for letters)

    @property
    def amstad_band(self) -> str:
        for limit, label in (
            (90, "sehr leicht"),
            (80, "leicht"),
            (70, "mittelleicht"),
            (60, "mittel"),
            (50, "mittelschwer"),
            (30, "schwer"),
        ):
            if self.amstad >= limit:
                return label
        return "sehr schwer"


def syllables(word: str) -> int:
    """Vowel groups as syllable nuclei; at least one per word."""
    return max(1, len(_NUCLEUS.findall(word)))


def split_sentences(text: str) -> list[list[str]]:
    """Sentences as lists of words; abbreviations do not end a sentence."""
    for abbreviation in _ABBREVIATIONS:
        text = text.replace(abbreviation, abbreviation.replace(".", ""))
    result = []
    for chunk in _SENTENCE_END.split(text):
        words = _WORD.findall(chunk)
        if words:
            result.append(words)
    return result


def analyse(text: str) -> Readability:
    sentences = split_sentences(text)
    words = [w for s in sentences for w in s]
    n_sent, n_words = max(len(sentences), 1), max(len(words), 1)
    counts = [syllables(w) for w in words]
    n_syll = sum(counts)
    asl = n_words / n_sent
    asw = n_syll / n_words
    ms = 100 * sum(1 for c in counts if c >= 3) / n_words
    iw = 100 * sum(1 for w in words if len(w) > 6) / n_words
    es = 100 * sum(1 for c in counts if c == 1) / n_words
    return Readability(
        sentences=len(sentences),
        words=len(words),
        syllables=n_syll,
        amstad=round(180 - asl - 58.5 * asw, 1),
        wstf1=round(0.1935 * ms + 0.1672 * asl + 0.1297 * iw - 0.0327 * es - 0.875, 1),
        wstf2=round(0.2007 * ms + 0.1682 * asl + 0.1373 * iw - 2.779, 1),
        wstf3=round(0.2963 * ms + 0.1905 * asl - 1.1144, 1),
        wstf4=round(0.2744 * ms + 0.2656 * asl - 1.693, 1),
        lix=round(asl + iw, 1),
        long_sentences=sum(1 for s in sentences if len(s) > 15),
    )
