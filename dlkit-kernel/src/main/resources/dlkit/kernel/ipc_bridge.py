"""Forwards Jupyter's ipc endpoints to the DLKit kernel's tcp ports (JeroMQ cannot bind ipc).

usage: ipc_bridge.py IPC_CONNECTION.json TCP_CONNECTION.json KERNEL_PID
"""
import json
import os
import sys
import threading
import time

import zmq


def endpoint(cfg, key):
    if cfg["transport"] == "ipc":
        return "ipc://%s-%d" % (cfg["ip"], cfg[key])
    return "tcp://%s:%d" % (cfg["ip"], cfg[key])


def main():
    ipc = json.load(open(sys.argv[1]))
    tcp = json.load(open(sys.argv[2]))
    kernel_pid = int(sys.argv[3])
    ctx = zmq.Context()

    def router_pair(key):
        front = ctx.socket(zmq.ROUTER)
        front.bind(endpoint(ipc, key))
        back = ctx.socket(zmq.DEALER)
        # One identity on every channel, so the kernel can reach the stdin channel with the
        # identities it saw on shell.
        back.setsockopt(zmq.IDENTITY, b"dlkit-ipc-bridge")
        back.connect(endpoint(tcp, key))
        return front, back

    pairs = [router_pair(k) for k in ("shell_port", "control_port", "stdin_port", "hb_port")]
    iopub_front = ctx.socket(zmq.XPUB)
    iopub_front.bind(endpoint(ipc, "iopub_port"))
    iopub_back = ctx.socket(zmq.XSUB)
    iopub_back.connect(endpoint(tcp, "iopub_port"))
    pairs.append((iopub_front, iopub_back))

    for front, back in pairs:
        threading.Thread(target=zmq.proxy, args=(front, back), daemon=True).start()

    while True:
        time.sleep(1)
        try:
            os.kill(kernel_pid, 0)
        except OSError:
            os._exit(0)


if __name__ == "__main__":
    main()
