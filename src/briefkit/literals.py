"""Refuse statistics typed into a report: every figure in the prose must be a computed
`{{< meta facts.KEY >}}`, so it follows the data. Years, dates, and section, figure, table or page
numbers are not statistics and may be written out."""
from __future__ import annotations

import re
from pathlib import Path

from . import BriefError

MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December)")
# Removed before looking for numbers: shortcodes, attribute blocks, cross-references, URLs, comments.
NOT_PROSE = re.compile(r"\{\{<.*?>\}\}|\{[^{}]*\}|@(?:fig|tbl|sec)-[\w-]+|<!--.*?-->|https?://\S+|\]\([^)]*\)")
# Numbers that are not statistics, each replaced by what keeps the sentence readable.
ALLOWED = [
    (re.compile(r"\b(?:FY)?(?:19|20)\d\d(?:s\b)?(?![\d.,]*\d|\s*(?:%|percent|per cent))"), " "),  # 2024, FY2024
    (re.compile(rf"\b\d{{1,2}}(?=\s+{MONTH}\b)"), " "),                                    # 7 August
    (re.compile(rf"\b({MONTH})\s+\d{{1,2}}\b"), r"\1"),                                     # August 7
    (re.compile(r"\b(Section|Figure|Table|Page|Chapter|Appendix|Part|Article)\s+\d+(?:\.\d+)*\b", re.I), r"\1"),
]
NUMBER = re.compile(r"\$?\d[\d,.]*%?")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


class LiteralStatistic(BriefError):
    """A report states a number that should come from data."""


def literal_statistics(text: str) -> list[tuple[int, str]]:
    """(line number, number as written) for each figure typed into the text."""
    body_start = 0
    front = FRONT_MATTER.match(text)
    if front:
        body_start = front.group(0).count("\n")
        text = text[front.end():]
    found = []
    for number, line in enumerate(text.splitlines(), start=body_start + 1):
        prose = NOT_PROSE.sub(" ", line)
        for pattern, replacement in ALLOWED:
            prose = pattern.sub(replacement, prose)
        found += [(number, m.group(0).rstrip(".,")) for m in NUMBER.finditer(prose)]
    return found


def check_reports(files: list[Path], root: Path) -> None:
    problems = [f"{path.relative_to(root)}, line {line}: the number '{literal}' is typed in; "
                f"compute it from the data and write {{{{< meta facts.KEY >}}}} instead"
                for path in files for line, literal in literal_statistics(path.read_text(encoding="utf-8"))]
    if problems:
        raise LiteralStatistic("\n".join(problems))
