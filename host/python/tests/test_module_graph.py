"""The package's modules import one another without a circle (function-level
and type-only imports included): each layer only uses the ones below it."""

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "src" / "licensewarden"


def _imports(path: Path, modules: set[str]) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                out.add(node.module.split(".")[0])
            else:
                out.update(a.name if a.name in modules else "__init__" for a in node.names)
    return out


def test_no_module_imports_itself_through_another():
    modules = {p.stem for p in PKG.glob("*.py")}
    graph = {m: _imports(PKG / f"{m}.py", modules) - {m} for m in modules}
    assert graph["_licensing"], "the graph was not read"
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        if state.get(m) == 2:
            return
        assert state.get(m) != 1, "import circle: " + " -> ".join([*path, m])
        state[m] = 1
        for n in sorted(graph.get(m, ())):
            visit(n, [*path, m])
        state[m] = 2

    for m in sorted(modules):
        visit(m, [])
