#!/usr/bin/env python3
"""Writes patterns/dictionaries/given_names_central_asia.txt from nam_dict.txt.

nam_dict.txt (Jörg Michael, 2007-2008, GNU Free Documentation License 1.2 or
later) is the first-name list with per-country frequencies that the PyPI
package gender-guesser 0.4.0 ships as gender_guesser/data/nam_dict.txt. We keep
the names it gives a frequency for in its column "Kazakhstan/Uzbekistan,etc."
(Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan), in their
Latin spelling, and drop those that are also common English, Russian or
Kazakh words. The output is a derived work of nam_dict.txt and is under the
GFDL 1.2 or later too.

    pip download gender-guesser==0.4.0 --no-deps && unzip gender_guesser-*.whl
    python3 scripts/central_asian_names.py gender_guesser/data/nam_dict.txt
"""
import sys

# Names that are also words a capitalised sentence may start with or a
# product (English, Russian), or too short to stand alone.
NOT = {
    "night", "lada", "bella", "nora", "lana", "vida", "mila", "mira", "margo", "rona",
    "sana", "noor", "gala", "eda", "aya", "kira", "lina", "lola", "maya", "liza",
    "jana", "inga", "zina", "alan", "alen", "aron", "omar", "said", "ritta", "uran",
    "sabella", "zhan", "kuan", "dina", "alma", "aina", "bega", "tair", "temir", "yesen",
    "alibi", "amin", "arna", "islam", "almaz", "german", "anar", "sapar", "maral", "mark",
    "roman", "sultan", "vera", "roza", "rosa", "nadezhda", "zhibek", "saule", "shynar",
    "shinar", "kuat", "tolkyn", "bakhyt", "bakyt", "bachit", "sandugash", "mereke", "nazar",
    "ulan", "umid", "zhiger", "karlygash", "kuralay", "raushan", "lazzat", "lyazzat",
    "saltanat", "medet", "aziz", "ardak", "gaukhar", "asyl", "assyl", "ayaz", "uraz",
    "didar", "kazbek", "jahan", "umida", "venera", "spartak", "diora", "night", "helen",
}
# Kazakh, Russian and English words that are also names: a capitalised one
# opens a sentence (Мереке, Назар аударыңыз, Жібек жолы, Роман, Алмаз).

def main(path: str) -> None:
    lines = open(path, encoding="latin-1").read().split("\n")
    col = None
    for i, line in enumerate(lines):
        if "Kazakhstan/Uzbekistan" in line and i + 1 < len(lines):
            col = lines[i + 1].index("|")
            break
    assert col is not None, "no Kazakhstan column in the header"
    names = []
    for line in lines:
        if line.startswith("#") or len(line) <= col or not line[col].strip():
            continue
        name = line[3:29].strip()
        if "+" in name or " " in name or not name.isalpha() or not name.isascii():
            continue
        low = name.lower()
        if low in NOT or len(low) < 4:
            continue
        names.append(low)
    out = [
        "# Given names used in Kazakhstan and the other Central Asian countries, in",
        "# their Latin spelling, lower case (for Latin text: logs, exports, passports).",
        "# Source: nam_dict.txt by Jörg Michael (2007-2008), the names with a",
        "# frequency in its column \"Kazakhstan/Uzbekistan,etc.\", as shipped in the PyPI",
        "# package gender-guesser 0.4.0; GNU Free Documentation License 1.2 or later,",
        "# and so is this derived list. Made by scripts/central_asian_names.py.",
    ]
    for n in sorted(set(names)):
        out.append(n)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
