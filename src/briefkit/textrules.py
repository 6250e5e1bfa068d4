"""Rules on the data's text that field constraints cannot express, as a frictionless Check
so that errors name file, row and column like the library's own.

Source URLs are the only links the data can put in the brief, so each must be a plain
http(s) address (no javascript:, file: or data: URL, nothing that could leave its link)."""
from __future__ import annotations

from frictionless import Check, errors

from .markdown import UnsafeURL, web_url


class WebURLs(Check):
    """Every `url` cell of the sources table is an http(s) URL."""

    Errors = [errors.CellError]

    def validate_row(self, row):
        if "url" not in row.field_names or row["url"] is None:
            return
        try:
            web_url(row["url"])
        except UnsafeURL as exc:
            yield errors.CellError.from_row(row, field_name="url", note=str(exc))
