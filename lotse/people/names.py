"""Name normalisation for search that tolerates transliteration (pure, no Django).

Names are folded (ä→ae, ß→ss, accents removed, lower case) and each token is coded with the
Kölner Phonetik, which ignores vowels and merges similar consonants. So "Mohammed",
"Muhammad" and "Mohamad" share the code "662", and "Müller", "Mueller" and "Muller" share "657".
"""

from __future__ import annotations

import re
import unicodedata

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_SPLIT = re.compile(r"[^a-z]+")
_PARTICLES = frozenset({"al", "el", "ul", "bin", "ibn", "von", "van", "de", "der", "den"})


def _fold_once(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_GERMAN))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lower case with German umlauts expanded and accents dropped ("Şahin" → "sahin").

    Repeated until stable: lower-casing can itself produce accents ("İ" → "i̇").
    """
    for _ in range(4):
        folded = _fold_once(text)
        if folded == text:
            break
        text = folded
    return text


def tokens(text: str) -> list[str]:
    """Folded word tokens; "Al-Hassan" gives ["al", "hassan"]."""
    return [t for t in _SPLIT.split(fold(text)) if t]


def search_tokens(text: str) -> list[str]:
    """Tokens that carry meaning for search: particles like "al" or "von" are dropped."""
    found = tokens(text)
    meaningful = [t for t in found if t not in _PARTICLES]
    return meaningful or found


def _code(prev: str, ch: str, nxt: str, initial: bool) -> str:
    if ch in "aeijouy":
        return "0"
    if ch == "h":
        return ""
    if ch == "b":
        return "1"
    if ch == "p":
        return "3" if nxt == "h" else "1"
    if ch in "dt":
        return "8" if nxt in ("c", "s", "z") else "2"
    if ch in "fvw":
        return "3"
    if ch in "gkq":
        return "4"
    if ch == "c":
        if initial:
            return "4" if nxt in "ahkloqrux" and nxt else "8"
        if prev in ("s", "z"):
            return "8"
        return "4" if nxt and nxt in "ahkoqux" else "8"
    if ch == "x":
        return "8" if prev in ("c", "k", "q") else "48"
    if ch == "l":
        return "5"
    if ch in "mn":
        return "6"
    if ch == "r":
        return "7"
    if ch in "sz":
        return "8"
    return ""


def phonetic(token: str) -> str:
    """Kölner Phonetik of one folded token ("" for an empty token)."""
    raw: list[str] = []
    for i, ch in enumerate(token):
        prev = token[i - 1] if i else ""
        nxt = token[i + 1] if i + 1 < len(token) else ""
        raw.append(_code(prev, ch, nxt, initial=(i == 0)))
    digits = "".join(raw)
    collapsed = [d for i, d in enumerate(digits) if i == 0 or d != digits[i - 1]]
    if not collapsed:
        return ""
    return collapsed[0] + "".join(d for d in collapsed[1:] if d != "0")


def name_codes(*names: str) -> set[str]:
    """All phonetic codes of the meaningful tokens of the given names."""
    codes: set[str] = set()
    for name in names:
        words = [phonetic(t) for t in search_tokens(name)]
        # "Al-Hassan" is also written "Alhassan": index the joined spelling as well.
        whole = tokens(name)
        if len(whole) > 1:
            words.append(phonetic("".join(whole)))
        codes.update(code for code in words if code)
    return codes
