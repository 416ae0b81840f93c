"""Executes one notebook for ./dlkit grade with nbclient (what nbconvert --execute runs), the way nbgrader's
Execute preprocessor does: errors allowed, a per-cell timeout that interrupts the kernel and records a
CellTimeoutError, an error output added when the reply says error but iopub sent none. After every cell the
notebook so far is written to OUT (atomically), so a run cut short by the wall limit or a dead kernel still
leaves the cells that ran. Outputs are limited as nbgrader's LimitOutput does (and by size), cell by cell.

usage: python3 execute.py OUT.ipynb KERNEL CELL_TIMEOUT_S [CONNECTION_FILE] < notebook.ipynb

Exit status: 0 ran (cells may have failed), 4 the kernel died under a cell, 5 nbclient failed, 6 the kernel or Java
in it did not start (no cell of the notebook ran, so the grader may run it again).

With CONNECTION_FILE the kernel is reached over the ipc transport (unix sockets next to that file): ./dlkit grade's
sandboxed kernel has only its own loopback, and the sockets' folder is the one path both sides share.
"""
import atexit
import json
import os
import sys
import time
from queue import Empty

# jsonschema (imported by nbformat) loads rfc3987_syntax when it is installed (jupyter-events brings it), only to
# check "iri" strings that notebooks do not have, and that module builds a parser as it loads: a second of every
# submission's start. Hidden from this process, jsonschema leaves that one check out.
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat  # noqa: E402 (after the line above)
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import DeadKernelError
from jupyter_client import AsyncKernelManager
from jupyter_core.utils import run_sync

MAX_LINES = 1000
MAX_CHARS = 100_000
MAX_TRACEBACK = 100
JAVA_START_TIMEOUT = 180  # the agent's JVM gives up after 120 s (dlkit.kernel.exec.Agent); a loaded machine is slow


class JavaDidNotStart(Exception):
    pass


def java_started(client):
    """An async on_notebook_start hook: an empty, silent cell, answered once Java runs in the kernel. Starting Java
    (and, when grading, the sandboxed agent's JVM) then does not count against the first cell's timeout, and a
    kernel whose Java never starts is told apart from a notebook whose cells failed."""
    async def hook(notebook=None, **_):
        kc = client.kc
        msg_id = kc.execute("", silent=True, store_history=False, allow_stdin=False)
        deadline = time.monotonic() + JAVA_START_TIMEOUT
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise JavaDidNotStart("Java did not start in the kernel within %d s" % JAVA_START_TIMEOUT)
            try:
                msg = await kc.shell_channel.get_msg(timeout=min(left, 5))
            except Empty:
                if not await kc.is_alive():
                    raise JavaDidNotStart("the kernel died while Java started")
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                content = msg["content"]
                if content.get("status") == "error":
                    raise JavaDidNotStart(content.get("evalue") or content.get("ename", "error"))
                return
    return hook


def one_line(e):
    """One line for what went wrong (our own reason as it is, anything else with its type)."""
    return str(e) if isinstance(e, JavaDidNotStart) else "%s: %s" % (type(e).__name__, e)


def limit_text(text):
    if len(text) <= MAX_CHARS and text.count("\n") <= MAX_LINES:
        return text
    lines = text.splitlines(keepends=True)
    kept = "".join(lines[:MAX_LINES])[:MAX_CHARS]
    return kept + "\n... [output truncated by the grader: %d characters, %d lines]\n" % (len(text), len(lines))


def coalesce(outputs):
    """Consecutive stream outputs of the same name become one (the kernel sends long output in batches)."""
    merged = []
    for out in outputs:
        if (out.get("output_type") == "stream" and merged and merged[-1].get("output_type") == "stream"
                and merged[-1].get("name") == out.get("name")):
            text = out.get("text", "")
            merged[-1]["text"] = merged[-1]["text"] + ("".join(text) if isinstance(text, list) else text)
            continue
        if out.get("output_type") == "stream":
            text = out.get("text", "")
            out["text"] = "".join(text) if isinstance(text, list) else text
        merged.append(out)
    return merged


def limit(cell):
    cell["outputs"] = coalesce(cell.get("outputs", []))
    for out in cell["outputs"]:
        kind = out.get("output_type")
        if kind == "stream":
            text = out.get("text", "")
            out["text"] = limit_text("".join(text) if isinstance(text, list) else text)
        elif kind == "error":
            tb = out.get("traceback", [])
            if len(tb) > MAX_TRACEBACK:
                out["traceback"] = tb[:MAX_TRACEBACK // 2] + ["..."] + tb[-MAX_TRACEBACK // 2:]
            out["evalue"] = limit_text(out.get("evalue", ""))
        elif kind in ("execute_result", "display_data"):
            data = out.get("data", {})
            for mime, value in list(data.items()):
                if isinstance(value, str) and len(value) > 20 * MAX_CHARS:
                    data[mime] = limit_text(value) if mime.startswith("text/") else ""


def main():
    out_path, kernel, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3])
    connection_file = sys.argv[4] if len(sys.argv) > 4 else None
    nb = nbformat.read(sys.stdin, as_version=4)

    def save():
        tmp = out_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            nbformat.write(nb, f)
        os.replace(tmp, out_path)

    running = {}  # the cell being executed: if the kernel dies under it, it failed (never "passed")

    def started(cell, cell_index):
        running["index"] = cell_index
        running["any"] = True

    def executed(cell, cell_index, execute_reply):
        running.pop("index", None)
        content = (execute_reply or {}).get("content", {})
        if content.get("status") == "error":
            ename = content.get("ename", "Error")
            if not any(o.get("output_type") == "error" and o.get("ename") == ename for o in cell.outputs):
                cell.outputs.append(nbformat.v4.new_output(
                    "error", ename=ename, evalue=content.get("evalue", ""),
                    traceback=content.get("traceback", [])))
        if cell.get("execution_count") is None:
            cell["execution_count"] = 0
        limit(cell)
        nb.cells[cell_index] = cell
        save()

    km = None
    if connection_file:
        # async, as nbclient's own: its cell timeout and interrupt rely on it
        km = AsyncKernelManager(kernel_name=kernel, transport="ipc", connection_file=connection_file)
    client = NotebookClient(
        nb, km=km, kernel_name=kernel, timeout=timeout if timeout > 0 else None, startup_timeout=60,
        allow_errors=True, interrupt_on_timeout=True, record_timing=False, iopub_timeout=4,
        error_on_timeout={"ename": "CellTimeoutError",
                          "evalue": "the cell ran longer than %d s and was interrupted" % timeout,
                          "traceback": ["CellTimeoutError: the cell ran longer than %d s and was interrupted"
                                        % timeout]},
        on_cell_execute=started, on_cell_executed=executed)
    client.on_notebook_start = java_started(client)
    status = 0
    try:
        client.execute()
    except DeadKernelError as e:
        print("dlkit grade: the kernel died: %s" % e, file=sys.stderr)
        status = 4 if "any" in running else 6
        if "index" in running:
            cell = nb.cells[running["index"]]
            reason = ("the kernel died while this cell ran (out of memory at the sandbox's cap, a crash, or "
                      "killed); later cells did not run")
            cell.outputs.append(nbformat.v4.new_output("error", ename="KernelDied", evalue=reason,
                                                       traceback=["KernelDied: " + reason]))
            if cell.get("execution_count") is None:
                cell["execution_count"] = 0
    except Exception as e:  # the kernel did not start, or nbclient failed
        if "any" not in running:
            print("dlkit grade: the kernel did not start: %s" % one_line(e), file=sys.stderr)
            status = 6
        else:
            print("dlkit grade: execution failed: %s" % one_line(e), file=sys.stderr)
            status = 5
    finally:
        # nbclient's own exit hook would clean up a kernel manager it has already dropped (an AssertionError)
        atexit.unregister(client._cleanup_kernel)
        if km is not None and km.has_kernel:
            try:
                run_sync(km.shutdown_kernel)(now=True)
            except Exception:  # the sandbox dies with this process anyway (bwrap --die-with-parent)
                pass
    save()
    return status


if __name__ == "__main__":
    sys.exit(main())
