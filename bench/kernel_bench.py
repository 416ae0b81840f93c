#!/usr/bin/python3
"""Kernel latency: the DLKit Java kernel next to Debian's ipykernel, in one run on one machine.

    /usr/bin/python3 bench/kernel_bench.py [--starts 3] [--trivial 50] [--dlkit-kernel dlkit]
    ./dlkit bench            (sets up first)

For each kernel: ready time (start -> kernel_info reply), first cell, trivial-cell round trip (median and p90
over --trivial runs; send -> reply and idle), first tensor cell (ND4J mmul vs torch). Ready time and first cell
are medians over --starts fresh kernels. Prints a Markdown table with the ratio and the targets.
"""
import argparse
import os
import platform
import queue
import statistics
import time

from jupyter_client.manager import KernelManager

TARGETS = {"ready": 1.0, "trivial_median": 0.010, "tensor": 1.0}
CELLS = {
    "dlkit": {"trivial": "1+1", "first": "1+1",
              "tensor": "Nd4j.rand(100, 100).mmul(Nd4j.rand(100, 100)).sumNumber()"},
    "python": {"trivial": "1+1", "first": "1+1",
               "tensor": "import torch\n(torch.rand(100, 100) @ torch.rand(100, 100)).sum()"},
}


def run_cell(kc, code, timeout=120):
    """Seconds from execute_request to both the reply and the idle status; also the reply and any error."""
    t0 = time.perf_counter()
    msg_id = kc.execute(code)
    idle = reply = None
    error = None
    deadline = time.monotonic() + timeout
    while idle is None or reply is None:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{code!r} did not finish in {timeout} s")
        if reply is None:
            try:
                msg = kc.get_shell_msg(timeout=0.001 if idle is None else 1)
                if msg["parent_header"].get("msg_id") == msg_id:
                    reply = msg
            except queue.Empty:
                pass
        if idle is None:
            try:
                msg = kc.get_iopub_msg(timeout=0.001 if reply is None else 1)
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "error":
                error = f"{msg['content']['ename']}: {msg['content']['evalue']}"
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                idle = time.perf_counter()
    return max(idle, time.perf_counter() if reply else idle) - t0, reply, error


def start(kernel_name):
    t0 = time.perf_counter()
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    return km, kc, time.perf_counter() - t0


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def measure(kernel_name, cells, starts, trivial_runs):
    ready, first = [], []
    for _ in range(starts):
        km, kc, t = start(kernel_name)
        ready.append(t)
        first.append(run_cell(kc, cells["first"])[0])
        stop(km, kc)
    km, kc, _ = start(kernel_name)
    try:
        run_cell(kc, cells["first"])
        trivial = sorted(run_cell(kc, cells["trivial"])[0] for _ in range(trivial_runs))
        tensor, _, error = run_cell(kc, cells["tensor"], timeout=300)
    finally:
        stop(km, kc)
    p90 = trivial[min(len(trivial) - 1, int(round(0.9 * (len(trivial) - 1))))]
    return {"ready": statistics.median(ready), "first": statistics.median(first),
            "trivial_median": statistics.median(trivial), "trivial_p90": p90,
            "tensor": None if error else tensor, "tensor_error": error}


def fmt(seconds, unit):
    if seconds is None:
        return "n/a"
    return f"{seconds * 1000:.1f} ms" if unit == "ms" else f"{seconds:.2f} s"


def main():
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # ipykernel's debugpy notice on stderr
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--starts", type=int, default=3, help="fresh kernels for ready time and first cell (median)")
    ap.add_argument("--trivial", type=int, default=50, help="trivial cells for median and p90")
    ap.add_argument("--dlkit-kernel", default="dlkit")
    ap.add_argument("--python-kernel", default="python3")
    args = ap.parse_args()

    dl = measure(args.dlkit_kernel, CELLS["dlkit"], args.starts, args.trivial)
    py = measure(args.python_kernel, CELLS["python"], args.starts, args.trivial)

    rows = [("kernel ready (start -> kernel_info reply)", "ready", "s", "<= 1.0 s"),
            ("first cell (`1+1`)", "first", "ms", ""),
            (f"trivial cell round trip, median of {args.trivial}", "trivial_median", "ms", "<= 10 ms"),
            (f"trivial cell round trip, p90 of {args.trivial}", "trivial_p90", "ms", ""),
            ("first tensor cell (ND4J 100x100 mmul / torch)", "tensor", "s", "<= 1.0 s")]
    print(f"Kernel benchmark on {platform.node()} ({os.cpu_count()} CPUs, {platform.platform()}), "
          f"{time.strftime('%Y-%m-%d %H:%M')}")
    print()
    print("| metric | DLKit (Java) | ipykernel (Python) | DLKit / ipykernel | DLKit target |")
    print("|---|---|---|---|---|")
    for label, key, unit, target in rows:
        d, p = dl[key], py[key]
        if key == "tensor" and p is None:
            p_text = "torch not installed" if "torch" in (py["tensor_error"] or "") else f"error: {py['tensor_error']}"
        else:
            p_text = fmt(p, unit)
        d_text = fmt(d, unit) if d is not None else f"error: {dl['tensor_error']}"
        ratio = f"{d / p:.1f}x" if d is not None and p else "n/a"
        verdict = ""
        if key in TARGETS and d is not None:
            verdict = f"{target} ({'met' if d <= TARGETS[key] else 'missed'})"
        elif key in TARGETS:
            verdict = f"{target} (missed)"
        print(f"| {label} | {d_text} | {p_text} | {ratio} | {verdict} |")


if __name__ == "__main__":
    main()
