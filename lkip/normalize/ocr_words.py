"""OCR slips inside words, fixed the same way wherever names are compared: an 'i' read as '1',
'l', '|' or '!' at the start of a word ('1zin', 'lzin' -> 'izin'), and digits read for letters
inside a word ('pemer1ntah' -> 'pemerintah', 'l0gistik' -> 'logistik'). Text is lower case."""

from __future__ import annotations

import re

# '1zin' / 'lzin' / '|zin' -> 'izin': no Indonesian word starts with 'lz'
_INITIAL_I = re.compile(r"(?<![a-z0-9])[1l|!](?=z[a-z])")
# a 0, 1, 5 or 8 between letters, a 0, 1 or 5 ending a word of letters, an 8 starting one
_DIGIT_IN_WORD = re.compile(r"(?<=[a-z])[0158](?=[a-z])|(?<=[a-z]{2})[015](?![0-9a-z])|"
                            r"(?<![0-9a-z])8(?=[a-z]{2})")
_SLIP_CHARS = re.compile(r"[0158|!]")
_DIGIT_LETTER = str.maketrans({"0": "o", "1": "i", "5": "s", "8": "b"})


def fix_initial_i(low: str) -> str:
    """'1zin usaha' -> 'izin usaha' (lower-case text)."""
    return _INITIAL_I.sub("i", low)


def fix_ocr_letters(low: str) -> str:
    """Lower-case text with the word-initial 'i' and the digits inside words read as letters."""
    if not _SLIP_CHARS.search(low):
        return low
    low = _INITIAL_I.sub("i", low)
    return _DIGIT_IN_WORD.sub(lambda m: m.group(0).translate(_DIGIT_LETTER), low)
