#!/usr/bin/env python3
"""Reads a captured screen (display order, as miz drew it) and writes it
back in logical order, so a test can look for the stored text: every run
of right-to-left words (Arabic-script letters, joined forms included, with
single spaces or joining punctuation between them) is read backwards and
normalised with NFKC, which turns presentation forms (ﻢﯾﺮﻣ) back into the
letters a clerk typed (مریم).  Everything else stays where it is.  ZWNJ is
not drawn on screen, so the expected text must leave it out."""
import re
import sys
import unicodedata

# Letters only: Persian and Arabic-Indic digits are left-to-right on screen.
LETTER = "[\u0600-\u065f\u066a-\u06ef\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefe]"
SEP = "(?: ?[\u060c:.\u2014-] ?| )"
RUN = re.compile(LETTER + "+(?:" + SEP + LETTER + "+)*")


def logical(line):
    return RUN.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)[::-1]), line)


for line in sys.stdin:
    sys.stdout.write(logical(line))
