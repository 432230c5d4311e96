"""facts/inputs.py is the only way into a file: no other module of the product opens or reads
a file by its path (a lint over the source's calls, so a new reader cannot bypass the bounds)."""
from __future__ import annotations

import ast

from tests.conftest import ROOT

PRODUCT = ["cli.py", "facts", "rules", "engine", "reports", "workbench"]
OPENER = "facts/inputs.py"
OPENS = {"open", "read_text", "read_bytes", "input_stream", "memory_map", "OSFile",
         "FileSystemLoader", "PackageLoader", "fdopen"}
READERS = {"read_csv", "read_json", "open_csv", "open_json", "ParquetFile", "read_table",
           "read_parquet", "load", "safe_load"}
# Writing is output.py's business (atomic, never over an input); the sweep's pipes are not files.
ALLOWED = {("reports/output.py", "fdopen"), ("reports/output.py", "open"),
           ("engine/sweep.py", "fdopen")}


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _reads_a_path(call: ast.Call) -> bool:
    """A parser call is fine on an opened stream, a buffer or text already read."""
    first = call.args[0] if call.args else None
    if isinstance(first, ast.Name) and first.id in ("stream", "text", "data"):
        return False
    return not (isinstance(first, ast.Call) and _name(first.func) == "BufferReader")


def bypasses(source: str, name: str = "<source>") -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        called = _name(node.func)
        if (name, called) in ALLOWED:
            continue
        if called in OPENS or (called in READERS and _reads_a_path(node)):
            if called == "load" and not (isinstance(node.func, ast.Attribute)
                                         and _name(node.func.value) in ("yaml", "json")):
                continue
            found.append(f"{name}:{node.lineno}: {called}()")
    return found


def _sources():
    for entry in PRODUCT:
        path = ROOT / entry
        yield from ([path] if path.is_file() else sorted(path.rglob("*.py")))


def test_no_module_but_the_opener_reads_a_file_by_its_path():
    found = []
    for path in _sources():
        name = path.relative_to(ROOT).as_posix()
        if name != OPENER:
            found += bypasses(path.read_text(encoding="utf-8"), name)
    assert not found, "read through facts/inputs.py instead:\n" + "\n".join(found)


def test_the_lint_sees_a_bypass():
    assert bypasses('data = Path(p).read_text(encoding="utf-8")')
    assert bypasses("with open(p) as f: pass")
    assert bypasses("t = pq.ParquetFile(path)")
    assert bypasses("d = yaml.safe_load(handle)")
    assert not bypasses("t = pq.ParquetFile(stream)")
    assert not bypasses("t = pcsv.read_csv(pa.BufferReader(chunk))")
    assert not bypasses("d = yaml.load(text, Loader=L)")
