"""Helpers for notebook tests (src/test/python/test_notebook_<name>.py), run by the Python of ./dlkit test (build/venv or DLKIT_PYTHON).

    nb = nbtest.execute("notebooks/X.ipynb", epochs=2)   # runs ./dlkit run, returns build/X.ipynb as a dict
    nbtest.cell_text(cell)              # all text/plain + stream text of a cell's outputs
    nbtest.find_cell(nb, "cell-id")     # the cell with that id, or the one cell tagged with that tag
    nbtest.stderr_outputs(nb)           # every stderr stream output (nbgrader gives 0 to a cell with one)
    nbtest.error_outputs(nb)            # every error output
    nbtest.last_run                     # subprocess.CompletedProcess of the latest ./dlkit run
    class XSource(nbtest.InstructorSource, unittest.TestCase): NOTEBOOK = ...; PARAMETERS = (...)
    class XRun(nbtest.ExecutedNotebook, unittest.TestCase): NOTEBOOK = ...; PARAMS = dict(epochs=1)

Relative notebook paths are taken from the repository root. Results are cached per (notebook, parameters)
within one test process; each call returns a fresh copy.
"""
import copy
import json
import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
last_run = None
_cache = {}


def _literal(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def execute(path, **params):
    """Runs `./dlkit run PATH -p k=v ...` and returns the executed notebook (build/NAME.ipynb) as a dict.

    A failing cell does not raise: the executed notebook shows the error (see error_outputs). Raises
    AssertionError when no executed notebook was written (invalid notebook or parameter, kernel failure),
    with dlkit's messages.
    """
    global last_run
    nb_path = Path(path)
    if not nb_path.is_absolute():
        nb_path = REPO / nb_path
    key = (str(nb_path), tuple(sorted((k, _literal(v)) for k, v in params.items())))
    if key in _cache:
        return copy.deepcopy(_cache[key])
    out = REPO / "build" / (nb_path.stem + ".ipynb")
    cmd = [str(REPO / "dlkit"), "run", str(nb_path)]
    for name, value in params.items():
        cmd += ["-p", f"{name}={_literal(value)}"]
    # The kernel's protocol trace (src/main/java/dlkit/kernel/wire/Trace.java), kept for a run that stalls.
    env = dict(os.environ, DLKIT_TRACE=str(REPO / "build" / "traces" / f"{nb_path.stem}-%p.trace"))
    last_run = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, env=env)
    if not out.exists() or last_run.returncode not in (0, 1):
        raise AssertionError(
            f"{' '.join(cmd[1:])} exited {last_run.returncode} without an executed notebook at {out}:\n"
            + (last_run.stdout[-3000:] + last_run.stderr[-3000:]).strip())
    with open(out, encoding="utf-8") as f:
        nb = json.load(f)
    _cache[key] = nb
    return copy.deepcopy(nb)


def _text(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def cell_text(cell):
    """All text/plain (execute_result, display_data) and stream text of a cell's outputs, concatenated."""
    parts = []
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream":
            parts.append(_text(out.get("text")))
        elif kind in ("execute_result", "display_data"):
            parts.append(_text(out.get("data", {}).get("text/plain")))
        elif kind == "error":
            parts.append(f"{out.get('ename')}: {out.get('evalue')}")
    return "".join(parts)


def find_cell(nb, key):
    """The cell whose id is key, else the one cell tagged key (metadata.tags); AssertionError if there is none,
    or several cells carry that tag.

    Tests find cells by id or tag, never by their source, so renaming a variable in a notebook cannot break a
    lookup; a notebook keeps the ids (and tags) its tests name.
    """
    cells = nb.get("cells", [])
    for cell in cells:
        if cell.get("id") == key:
            return cell
    tagged = [cell for cell in cells if key in cell.get("metadata", {}).get("tags", [])]
    if len(tagged) == 1:
        return tagged[0]
    if tagged:
        raise AssertionError(f"{len(tagged)} cells are tagged {key!r} (ids {[c.get('id') for c in tagged]})")
    raise AssertionError(f"no cell has the id or tag {key!r}")


def stderr_outputs(nb):
    """Every stream output named stderr, in notebook order."""
    return [out for cell in nb.get("cells", []) for out in cell.get("outputs", [])
            if out.get("output_type") == "stream" and out.get("name") == "stderr"]


def error_outputs(nb):
    """Every error output, in notebook order."""
    return [out for cell in nb.get("cells", []) for out in cell.get("outputs", [])
            if out.get("output_type") == "error"]


class ExecutedNotebook:
    """A unittest.TestCase mixin: executes NOTEBOOK once with PARAMS (self.nb), checks it ran without an error or
    stderr output, and gives text(key) / images(key) of the cell with that id or tag (see find_cell)."""
    NOTEBOOK = None
    PARAMS = {}

    @classmethod
    def setUpClass(cls):
        cls.nb = execute(cls.NOTEBOOK, **cls.PARAMS)
        # the figure gallery (build/figures.html) collects what every executed notebook drew
        import gallery
        executed = REPO / "build" / (Path(cls.NOTEBOOK).stem + ".ipynb")
        if executed.exists():
            gallery.save(executed, {k: _literal(v) for k, v in cls.PARAMS.items()})
            gallery.build()

    def text(self, key):
        return cell_text(find_cell(self.nb, key))

    def images(self, key):
        """The image outputs (whole output dicts) of that cell."""
        cell = find_cell(self.nb, key)
        return [out for out in cell.get("outputs", [])
                if out.get("output_type") in ("execute_result", "display_data") and "image/png" in out["data"]]

    def test_runs_without_errors_or_stderr(self):
        self.assertEqual([], [f"{e['ename']}: {e['evalue']}" for e in error_outputs(self.nb)])
        self.assertEqual([], [_text(s["text"]) for s in stderr_outputs(self.nb)])


class InstructorSource:
    """Checks of a committed instructor source, mixed into a unittest.TestCase: kernelspec, no outputs, solution
    regions, locked graded cells with points, one `parameters` cell defining PARAMETERS, the cells CELLS.

        class XSource(nbtest.InstructorSource, unittest.TestCase):
            NOTEBOOK = "notebooks/X.ipynb"; SOLUTIONS = 5; PARAMETERS = ("seed", "epochs"); CELLS = ("data",)
    """
    NOTEBOOK = None
    SOLUTIONS = None          # exact number of solution cells of CELL_TYPES; None: at least MIN_SOLUTIONS
    MIN_SOLUTIONS = 1
    CELL_TYPES = ("code",)    # which cells' solution/grade metadata is checked
    PARAMETERS = ()
    PARAMETERS_CELL = True    # False: a notebook with nothing to shrink, where no cell may be tagged `parameters`
    CELLS = ()                # ids or tags the notebook's run tests look up: checked here without running it

    @classmethod
    def setUpClass(cls):
        with open(REPO / cls.NOTEBOOK, encoding="utf-8") as f:
            cls.nb = json.load(f)

    def test_kernelspec_and_no_outputs(self):
        self.assertEqual({"name": "dlkit", "display_name": "Java (DLKit)", "language": "java"},
                         self.nb["metadata"]["kernelspec"])
        for cell in self.nb["cells"]:
            if cell["cell_type"] == "code":
                self.assertEqual([], cell["outputs"])
                self.assertIsNone(cell["execution_count"])

    def test_solutions_are_marked_and_graded_cells_locked(self):
        cells = [c for c in self.nb["cells"] if c["cell_type"] in self.CELL_TYPES]
        solutions = [c for c in cells if c["metadata"].get("nbgrader", {}).get("solution")]
        if self.SOLUTIONS is None:
            self.assertGreaterEqual(len(solutions), self.MIN_SOLUTIONS)
        else:
            self.assertEqual(self.SOLUTIONS, len(solutions))
        for c in solutions:
            src = _text(c["source"])
            self.assertIn("// BEGIN SOLUTION", src)
            self.assertIn("// END SOLUTION", src)
        for c in cells:
            meta = c["metadata"].get("nbgrader")
            if meta and meta["grade"]:
                self.assertTrue(meta["locked"])
                self.assertGreater(meta["points"], 0)

    def test_cells_the_run_tests_read_are_there(self):
        ids = [c.get("id") for c in self.nb["cells"]]
        self.assertEqual(len(ids), len(set(ids)), "cell ids are unique")
        for key in self.CELLS:
            find_cell(self.nb, key)

    def test_one_parameters_cell(self):
        tagged = [c for c in self.nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
        if not self.PARAMETERS_CELL:
            self.assertEqual([], tagged, "this notebook has no parameters cell")
            return
        self.assertEqual(1, len(tagged))
        src = _text(tagged[0]["source"])
        for name in self.PARAMETERS:
            self.assertRegex(src, r"\b" + name + r" = ")

