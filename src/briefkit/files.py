"""Writing build files: only when their bytes change (so make sees an unchanged file as
unchanged), and atomically (a reader sees the old file or the new one, never half of one)."""
from __future__ import annotations

import os
from pathlib import Path


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write `content` to `path` unless it already holds exactly that; True if written. The
    temporary file's name is unique to the process, so builds running at once never share one."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True
