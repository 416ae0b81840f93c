"""Shared set-up for the kernel tests: an isolated Jupyter environment that holds this checkout's
`dlkit` kernelspec, and a small client to run cells and collect their IOPub messages."""
import atexit
import os
import queue
import re
import shutil
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
KERNEL_NAME = os.environ.get("DLKIT_TEST_KERNEL", "dlkit")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_isolated = None


def real_java():
    """The JDK's java the tests run with: JAVA_HOME's, else the one on PATH (its javac is next to it)."""
    home = os.environ.get("JAVA_HOME")
    java = Path(home) / "bin" / "java" if home else Path(shutil.which("java") or "java")
    return java.resolve()


def isolate():
    """Points JUPYTER_* at a temp dir holding the dlkit kernelspec (the one Jupyter currently resolves, or the
    one staged by ./dlkit setup). Idempotent. Returns the temp dir."""
    global _isolated
    if _isolated:
        return _isolated
    from jupyter_client.kernelspec import KernelSpecManager
    spec_dir = KernelSpecManager().find_kernel_specs().get(KERNEL_NAME)
    if spec_dir is None:
        build = Path(os.environ.get("DLKIT_BUILD_DIR", REPO / "target"))
        staged = build / "kernelspec" / "dlkit"
        if not staged.is_dir():
            raise RuntimeError(f"no '{KERNEL_NAME}' kernelspec installed and none staged at {staged}; run ./dlkit setup")
        spec_dir = str(staged)
    tmp = Path(tempfile.mkdtemp(prefix="dlkit-kernel-test-"))
    atexit.register(shutil.rmtree, tmp, True)
    shutil.copytree(spec_dir, tmp / "data" / "kernels" / KERNEL_NAME)
    for sub in ("runtime", "config"):
        (tmp / sub).mkdir()
    os.environ.update(JUPYTER_PATH=str(tmp / "data"), JUPYTER_DATA_DIR=str(tmp / "data"),
                      JUPYTER_RUNTIME_DIR=str(tmp / "runtime"), JUPYTER_CONFIG_DIR=str(tmp / "config"))
    _isolated = tmp
    return tmp


def start(env=None, **manager_kw):
    """Starts the dlkit kernel; returns (manager, blocking client) once kernel_info answers."""
    isolate()
    from jupyter_client.manager import KernelManager
    km = KernelManager(kernel_name=KERNEL_NAME, **manager_kw)
    km.start_kernel(env={**os.environ, **(env or {})})
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=90)
    except Exception:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        raise
    return km, kc


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def strip_ansi(s):
    return _ANSI.sub("", s or "")


class Result:
    """A cell's execute_reply and the IOPub messages sent for it (status and execute_input left out)."""

    def __init__(self, reply, messages):
        self.reply = reply
        self.content = reply["content"] if reply else {}
        self.messages = messages

    @property
    def status(self):
        return self.content.get("status")

    def of_type(self, *types):
        return [m for m in self.messages if m["msg_type"] in types]

    def stream(self, name="stdout"):
        return "".join(m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == name)

    def stderr_messages(self):
        return [m for m in self.of_type("stream") if m["content"]["name"] == "stderr"]

    def errors(self):
        return [m["content"] for m in self.of_type("error")]

    def data(self, mime):
        """The values for mime in execute_result and display_data messages."""
        return [m["content"]["data"][mime] for m in self.of_type("execute_result", "display_data")
                if mime in m["content"].get("data", {})]

    def result_text(self):
        r = self.of_type("execute_result")
        return r[0]["content"]["data"].get("text/plain") if r else None

    def error_text(self):
        """ename, evalue and traceback of every error, ANSI colours removed."""
        return "\n".join(strip_ansi("\n".join([e.get("ename", ""), e.get("evalue", "")] + e.get("traceback", [])))
                         for e in self.errors())

    def describe(self):
        return f"status={self.status} content={self.content} iopub={[(m['msg_type'], m['content']) for m in self.messages]}"[:4000]


def execute(kc, code, timeout=60, **kw):
    """Sends an execute_request and collects its IOPub output until idle; returns a Result."""
    msg_id = kc.execute(code, **kw)
    return collect(kc, msg_id, timeout)


_pending = {}  # id(client) -> {"iopub": {parent msg_id: [msgs]}, "shell": {parent msg_id: msg}}


def _buffers(kc):
    return _pending.setdefault(id(kc), {"iopub": {}, "shell": {}})


def collect(kc, msg_id, timeout=60):
    """The IOPub messages (until idle) and the execute_reply for msg_id. Messages for other requests that
    arrive meanwhile are kept for their own collect() call."""
    buffers = _buffers(kc)
    deadline = time.monotonic() + timeout
    messages, idle, reply = [], False, None

    def take(msg):
        nonlocal idle
        if msg["msg_type"] == "status":
            idle = idle or msg["content"]["execution_state"] == "idle"
        elif msg["msg_type"] != "execute_input":
            messages.append(msg)

    for msg in buffers["iopub"].pop(msg_id, []):
        take(msg)
    while not idle:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no idle for {msg_id} within {timeout} s; got {[m['msg_type'] for m in messages]}")
        try:
            msg = kc.get_iopub_msg(timeout=min(left, 1))
        except queue.Empty:
            continue
        parent = msg["parent_header"].get("msg_id")
        if parent == msg_id:
            take(msg)
        elif parent:
            buffers["iopub"].setdefault(parent, []).append(msg)
    reply = buffers["shell"].pop(msg_id, None)
    while reply is None:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no execute_reply for {msg_id} within {timeout} s")
        try:
            msg = kc.get_shell_msg(timeout=min(left, 1))
        except queue.Empty:
            continue
        parent = msg["parent_header"].get("msg_id")
        if parent == msg_id:
            reply = msg
        elif parent:
            buffers["shell"][parent] = msg
    return Result(reply, messages)
