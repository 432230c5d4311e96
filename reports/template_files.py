"""Templates are files too: jinja2 reads them through the bounded opener (facts/inputs.py), so a
template path that is a FIFO, a device or an endless file is refused like any other input."""
from __future__ import annotations

import os
from pathlib import Path

from jinja2 import BaseLoader, TemplateNotFound
from jinja2.loaders import split_template_path

from facts.inputs import MAX_TEMPLATE_BYTES, read_input


class BoundedLoader(BaseLoader):
    """jinja2's FileSystemLoader for one folder, reading through `read_input`."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def get_source(self, environment, template: str):
        path = self.folder.joinpath(*split_template_path(template))  # refuses '..'
        if not os.path.lexists(path):
            raise TemplateNotFound(template)
        text = read_input(path, "report template", MAX_TEMPLATE_BYTES).decode("utf-8")
        mtime = os.path.getmtime(path)
        return text, str(path), lambda: os.path.exists(path) and os.path.getmtime(path) == mtime

    def list_templates(self) -> list[str]:
        return sorted(p.relative_to(self.folder).as_posix() for p in self.folder.rglob("*.j2"))
