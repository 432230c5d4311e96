"""The one way a jinja2 environment is made: templates read through the bounded loader, strict
undefined, escaping for HTML or Markdown (reports/escape.py), and compiled templates kept in a
bytecode cache outside the repository so a run does not compile them again (24 ms of a Markdown
report).

jinja2 is imported here and only here, when a format that renders a template asks for it: a
JSON result never pays for it.

The cache lives under the user's cache folder (`$XDG_CACHE_HOME/faultline/templates`, else
`~/.cache/faultline/templates`; `FAULTLINE_CACHE_DIR` overrides). An entry is keyed by the
template's content, its name, the environment's options and the Python and jinja2 versions, so an
edited template, another checkout or another interpreter never gets stale code. Compiled code
is only ever loaded from a folder that this user owns and nobody else can write; a cache that
cannot be made or written is skipped silently (the template is compiled, as without a cache).
"""
from __future__ import annotations

import hashlib
import os
import stat
import sys
from pathlib import Path

_OPTIONS = dict(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def make_environment(folder: Path, html: bool):
    """An environment escaping for HTML, or for Markdown (reports/escape.py); autoescape is on
    in both (the Markdown discipline rides on it)."""
    from jinja2 import Environment, StrictUndefined

    from reports.escape import markdown_environment
    from reports.template_files import BoundedLoader
    env = Environment(loader=BoundedLoader(folder), undefined=StrictUndefined, autoescape=True,
                      bytecode_cache=bytecode_cache(html), **_OPTIONS)
    if not html:
        markdown_environment(env)   # before any template compiles: finalize shapes the code
    return env


def cache_folder() -> Path | None:
    given = os.environ.get("FAULTLINE_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    return Path(base) / "faultline" / "templates"


def _private(folder: Path) -> bool:
    """The folder exists (made if need be), is a real folder of this user, writable by no one
    else: loading compiled code from anywhere else would run whatever someone put there."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


_CACHES: dict[bool, object] = {}


def bytecode_cache(html: bool):
    """The process's cache for one kind of environment (HTML or Markdown), or None when there is no usable folder."""
    if html in _CACHES:
        return _CACHES[html]
    folder = cache_folder()
    cache = _cache_class()(str(folder), html) if folder and _private(folder) else None
    _CACHES[html] = cache
    return cache


def _cache_class():
    import jinja2
    from jinja2.bccache import Bucket, FileSystemBytecodeCache

    tag_base = f"jinja2 {jinja2.__version__}; python {sys.version_info[:3]}; {sorted(_OPTIONS.items())}"

    class ContentKeyedCache(FileSystemBytecodeCache):
        def __init__(self, directory: str, html: bool):
            super().__init__(directory, "%s.cache")
            # Markdown and HTML compile differently (finalize, filters): never share an entry
            self.tag = f"{tag_base}; {'html' if html else 'markdown'}"

        def get_bucket(self, environment, name, filename, source):
            key = hashlib.sha256("\0".join((self.tag, name, source)).encode()).hexdigest()
            bucket = Bucket(environment, key, self.get_source_checksum(source))
            self.load_bytecode(bucket)
            return bucket

        def load_bytecode(self, bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except OSError:
                bucket.reset()

        def dump_bytecode(self, bucket) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass   # a read-only or full cache folder: the next run compiles again

    return ContentKeyedCache
