#!/usr/bin/env python3
"""Writes patterns/dictionaries/opencorpora_names.bin: which lower-case word
forms the OpenCorpora dictionary knows as a given name (Name), a surname
(Surn), a place (Geox) or an organisation (Orgn), in every case form, as
four hashed bit sets that the person tagger (src/detect/tagger.rs) reads as
features. Only the bits are kept, no word list.

    python3 -m venv /tmp/morph && /tmp/morph/bin/pip install pymorphy3 pymorphy3-dicts-ru
    /tmp/morph/bin/python scripts/opencorpora_names.py patterns/dictionaries/opencorpora_names.bin

A word is in set k when bit k of both of its probes is set. The probes are
slots h % 2^BITS and (h >> 32) % 2^BITS of h = FNV-1a-64 of its UTF-8 bytes
with the low bit forced to 1 (as `qorgau::bytes::fnv1a`); a slot is four
bits, one per set, two slots a byte (low nibble first), so a look-up reads
two bytes.
"""
import sys
from importlib.metadata import version

import pymorphy3

BITS = 20
SETS = ["Name", "Surn", "Geox", "Orgn"]
MAGIC = b"QORGAU-NAME-SETS-2\n"


def fnv1a(b: bytes) -> int:
    h = 0xCBF29CE484222325
    for x in b:
        h = ((h ^ x) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h | 1


def main(out: str) -> None:
    words = {s: set() for s in SETS}
    for word, tag, *_ in pymorphy3.MorphAnalyzer().dictionary.iter_known_words():
        for s in SETS:
            if s in tag:
                words[s].add(word)
                words[s].add(word.replace("ё", "е"))
    mask = (1 << BITS) - 1
    body = bytearray(1 << (BITS - 1))
    for k, s in enumerate(SETS):
        for w in words[s]:
            h = fnv1a(w.encode())
            for p in (h & mask, (h >> 32) & mask):
                body[p >> 1] |= (1 << k) << (4 * (p & 1))
    counts = ", ".join(f"{s} {len(words[s])}" for s in SETS)
    header = f"""# Word forms the OpenCorpora dictionary tags Name, Surn, Geox, Orgn
# ({counts} forms), as 2^{BITS} four-bit slots, two probes a word
# (scripts/opencorpora_names.py; read by src/detect/tagger.rs).
# Source: the OpenCorpora dictionary (opencorpora.org), CC BY-SA 3.0, as
# packaged in pymorphy3-dicts-ru {version('pymorphy3-dicts-ru')}. Only hashed bits are kept.
#end
"""
    with open(out, "wb") as f:
        f.write(MAGIC + header.encode() + BITS.to_bytes(4, "little") + len(SETS).to_bytes(4, "little") + body)


if __name__ == "__main__":
    main(sys.argv[1])
