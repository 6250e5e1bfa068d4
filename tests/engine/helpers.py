"""Helpers the engine's tests share: the fixture brief read in place or copied, CSV edits, PDF text."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium

from briefkit import datapackage, spec
from briefkit.facts import FactBook
from briefkit.paths import Brief
from briefkit.variables import book_for

from ..conftest import FIXTURES

TINY = Brief("tiny", FIXTURES / "tiny")


def tiny_copy(root: Path) -> Brief:
    """The fixture brief's data and reports (not the engine) copied under `root`, to edit."""
    for folder in ("data", "reports"):
        shutil.copytree(TINY.root / folder / "tiny", root / folder / "tiny",
                        ignore=shutil.ignore_patterns("_metadata.yml"))
    return Brief("tiny", root)


def book(brief: Brief = TINY) -> FactBook:
    return book_for(spec.load(brief), datapackage.load(brief.data))


def edit_line(path: Path, line_number: int, old: str, new: str) -> None:
    """Replace `old` by `new` on one line (1 = the header), which must contain it."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line_number - 1], lines[line_number - 1]
    lines[line_number - 1] = lines[line_number - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def drop_lines(path: Path, containing: str) -> None:
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if containing not in line), encoding="utf-8")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(path)
    text = "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    text = re.sub(r"\ufffe(?:\r?\n)?|[\u2010\u00ad-]\r?\n", "", text)   # words hyphenated across lines
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))
