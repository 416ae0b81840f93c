"""Jupyter widgets from Java, over the wire: comms and ipywidgets 8's protocol 2.1, driven with jupyter_client.

What a front end (JupyterLab's widget manager) sees from dlkit.widgets: comm_open to `jupyter.widget` with the
state ipywidgets 8 sends for the same widget (checked against the installed ipywidgets' own get_state() and
trait validation), echo_update then the Java listener for a client `update`, request_state, button clicks,
comm_info, comm_close, callbacks queued behind a running cell, Output capture by msg_id, and headless runs.

Run: ./dlkit test test_widgets, or PYTHONPATH=src/test/python build/venv/bin/python -m unittest -v test_widgets
"""
import json
import queue
import time
import unittest
from pathlib import Path

import kernelenv
from kernelenv import execute

try:
    import ipywidgets
except ImportError:  # the venv from ./dlkit setup has it (requirements.txt)
    ipywidgets = None

REPO = Path(__file__).resolve().parents[3]
DEFAULTS = REPO / "dlkit-lib/src/test/resources/widgets/ipywidgets-defaults.json"
VIEW_MIME = "application/vnd.jupyter.widget-view+json"
# ipywidgets' packages/schema/v2/view.schema.json says: an object with a string model_id, version_major 2.
VIEW_SCHEMA = {"type": "object", "required": ["model_id"],
               "properties": {"model_id": {"type": "string"}, "version_major": {"type": "number", "minimum": 2,
                                                                                   "maximum": 2},
                              "version_minor": {"type": "number"}}}


def setUpModule():
    kernelenv.isolate()


def ipy_state(widget):
    """ipywidgets' get_state() with widget references cut to 'IPY_MODEL_'."""
    state = json.loads(json.dumps(widget.get_state()))  # as the wire carries it: tuples become lists
    return {k: ("IPY_MODEL_" if isinstance(v, str) and v.startswith("IPY_MODEL_") else v) for k, v in state.items()}


def python_twin(state):
    """The ipywidgets widget that the Java model's state describes (its constructor arguments), or None."""
    name = state["_model_name"].removesuffix("Model")
    keys = {"IntSlider": ["value", "min", "max", "description"],
            "FloatSlider": ["value", "min", "max", "step", "description"],
            "Checkbox": ["value", "description"], "Text": ["value", "description"],
            "Button": ["description"]}
    if name == "Dropdown":
        w = ipywidgets.Dropdown(options=state["_options_labels"], description=state["description"])
        w.index = state["index"]
        return w
    if name in keys:
        return getattr(ipywidgets, name)(**{k: state[k] for k in keys[name]})
    if name in ("LayoutModel", "Layout"):
        return ipywidgets.Layout()
    if name in ("HBox", "VBox", "Output"):
        return getattr(ipywidgets, name)()
    styles = {"SliderStyle": lambda: ipywidgets.IntSlider().style, "CheckboxStyle": lambda: ipywidgets.Checkbox().style,
              "ButtonStyle": lambda: ipywidgets.Button().style, "TextStyle": lambda: ipywidgets.Text().style,
              "DescriptionStyle": lambda: ipywidgets.Dropdown().style}
    return styles[name]() if name in styles else None


class WidgetKernel(unittest.TestCase):
    """One kernel for the class; each test makes its own widgets."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = kernelenv.start()
        # announce a widget manager, as JupyterLab's does on connecting (comm_info for jupyter.widget): only
        # then do Output widgets capture (a headless client gets outputs in the cell; HeadlessRun)
        msg_id = cls.kc.comm_info(target_name="jupyter.widget")
        while cls.kc.get_shell_msg(timeout=30)["parent_header"].get("msg_id") != msg_id:
            pass

    @classmethod
    def tearDownClass(cls):
        kernelenv.stop(cls.km, cls.kc)

    # ---- helpers ---------------------------------------------------------------------------------

    def run_ok(self, code, timeout=60):
        r = execute(self.kc, code, timeout=timeout)
        self.assertEqual("ok", r.status, f"{code!r} failed: {r.describe()}")
        return r

    def send(self, msg_type, content):
        """Sends a shell message as a front end would; returns its msg_id."""
        msg = self.kc.session.msg(msg_type, content)
        self.kc.shell_channel.send(msg)
        return msg["header"]["msg_id"]

    def until_idle(self, msg_id, timeout=30):
        """The IOPub messages parented on msg_id, up to its idle (status and execute_input left out)."""
        buffers = kernelenv._buffers(self.kc)
        out, states = [], []
        for m in buffers["iopub"].pop(msg_id, []):
            (states if m["msg_type"] == "status" else out).append(m)
        deadline = time.monotonic() + timeout
        while not any(s["content"]["execution_state"] == "idle" for s in states):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no idle for {msg_id}; got {[m['msg_type'] for m in out]}")
            try:
                m = self.kc.get_iopub_msg(timeout=1)
            except queue.Empty:
                continue
            parent = m["parent_header"].get("msg_id")
            if parent == msg_id:
                (states if m["msg_type"] == "status" else out).append(m)
            elif parent:
                buffers["iopub"].setdefault(parent, []).append(m)
        self.assertEqual(["busy", "idle"], [s["content"]["execution_state"] for s in states],
                         "busy/idle around the comm message (the widget throttle waits for that idle)")
        return out

    def comm_msg(self, comm_id, data):
        msg_id = self.send("comm_msg", {"comm_id": comm_id, "data": data})
        return msg_id, self.until_idle(msg_id)

    def update(self, comm_id, state):
        return self.comm_msg(comm_id, {"method": "update", "state": state, "buffer_paths": []})

    def late(self, r):
        """Messages parented on an earlier cell's request that arrived since (kept aside by until_idle)."""
        return kernelenv._buffers(self.kc)["iopub"].pop(r.reply["parent_header"]["msg_id"], [])

    @staticmethod
    def opens(r):
        return [m for m in r.messages if m["msg_type"] == "comm_open"]

    def model_of(self, r):
        """The model id the cell's widget view shows."""
        views = r.data(VIEW_MIME)
        self.assertEqual(1, len(views), r.describe())
        return views[0]["model_id"]

    def comm_info(self, target=None):
        content = {} if target is None else {"target_name": target}
        msg_id = self.send("comm_info_request", content)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                reply = self.kc.get_shell_msg(timeout=1)
            except queue.Empty:
                continue
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]
        raise TimeoutError("no comm_info_reply")

    # ---- tests -----------------------------------------------------------------------------------

    @unittest.skipIf(ipywidgets is None, "ipywidgets is not installed (./dlkit setup installs it)")
    def test_defaults_resource_is_installed_ipywidgets(self):
        """The JUnit reference (WidgetStateTest) is what this ipywidgets sends."""
        stored = json.loads(DEFAULTS.read_text())["models"]
        live = {}
        for name in ("IntSlider", "FloatSlider", "Dropdown", "Checkbox", "Button", "Text", "Output", "HBox", "VBox",
                     "Layout"):
            live[name] = ipy_state(getattr(ipywidgets, name)())
        live.update(SliderStyle=ipy_state(ipywidgets.IntSlider().style),
                    DescriptionStyle=ipy_state(ipywidgets.Dropdown().style),
                    CheckboxStyle=ipy_state(ipywidgets.Checkbox().style),
                    ButtonStyle=ipy_state(ipywidgets.Button().style), TextStyle=ipy_state(ipywidgets.Text().style))
        self.assertEqual(live, stored)

    def test_slider_cell_opens_layout_style_and_slider(self):
        r = self.run_ok('IntSlider s1 = new IntSlider("size", 1, 9, 3);\ns1')
        opens = self.opens(r)
        self.assertEqual(3, len(opens), r.describe())
        for m in opens:
            self.assertEqual("jupyter.widget", m["content"]["target_name"])
            self.assertEqual({"version": "2.1.0"}, m["metadata"])
            self.assertEqual([], m["content"]["data"]["buffer_paths"])
        layout, style, slider = (m["content"] for m in opens)
        self.assertEqual("LayoutModel", layout["data"]["state"]["_model_name"])
        self.assertEqual("SliderStyleModel", style["data"]["state"]["_model_name"])
        state = slider["data"]["state"]
        self.assertEqual("IPY_MODEL_" + layout["comm_id"], state["layout"])
        self.assertEqual("IPY_MODEL_" + style["comm_id"], state["style"])
        self.assertEqual(slider["comm_id"], self.model_of(r))
        [view] = r.data(VIEW_MIME)
        self.assertEqual({"model_id": slider["comm_id"], "version_major": 2, "version_minor": 0}, view)
        self.assertEqual(["IntSlider(value=3, description='size', max=9, min=1)"], r.data("text/plain"))
        result = r.of_type("execute_result")[0]
        self.assertLess(r.messages.index(opens[-1]), r.messages.index(result), "models open before the view")
        for m in opens:
            self.assertEqual(r.reply["parent_header"]["msg_id"], m["parent_header"]["msg_id"])

    @unittest.skipIf(ipywidgets is None, "ipywidgets is not installed (./dlkit setup installs it)")
    def test_every_control_sends_the_state_ipywidgets_sends(self):
        import jsonschema
        r = self.run_ok('display(vbox(new IntSlider("a", 1, 9, 3), new FloatSlider("p", 0, 0.95, 0.05, 0.5), '
                        'dropdown("dir", "horizontal", "vertical"), checkbox("on", true), button("Run"), '
                        'textField("name", "x"), hbox(new Output())));')
        opens = [m["content"] for m in self.opens(r)]
        names = sorted(o["data"]["state"]["_model_name"] for o in opens)
        for model in ("IntSliderModel", "FloatSliderModel", "DropdownModel", "CheckboxModel", "ButtonModel",
                      "TextModel", "OutputModel", "HBoxModel", "VBoxModel", "SliderStyleModel", "LayoutModel"):
            self.assertIn(model, names)
        self.assertEqual(len(opens), len({o["comm_id"] for o in opens}), "one comm per model")
        opened = set()
        for o in opens:
            state = o["data"]["state"]
            for key, value in state.items():  # references name models opened before
                refs = value if isinstance(value, list) else [value]
                for ref in refs:
                    if isinstance(ref, str) and ref.startswith("IPY_MODEL_"):
                        self.assertIn(ref[len("IPY_MODEL_"):], opened, f"{state['_model_name']}.{key}")
            opened.add(o["comm_id"])
            twin = python_twin(state)
            self.assertIsNotNone(twin, state["_model_name"])
            cut = {k: ("IPY_MODEL_" if isinstance(v, str) and v.startswith("IPY_MODEL_") else v)
                   for k, v in state.items()}
            if state["_model_name"] in ("HBoxModel", "VBoxModel"):
                self.assertTrue(all(c.startswith("IPY_MODEL_") for c in state["children"]))
                cut["children"] = []
            self.assertEqual(ipy_state(twin), cut, state["_model_name"])
            # ipywidgets' own trait validation accepts every plain value
            plain = {k: v for k, v in state.items() if k not in ("layout", "style", "children")}
            twin.set_state(plain)
        [view] = r.data(VIEW_MIME)
        jsonschema.validate(view, VIEW_SCHEMA)
        self.assertEqual(opens[-1]["comm_id"], view["model_id"], "the box opens last")

    def test_client_update_is_echoed_and_reaches_the_java_listener(self):
        r = self.run_ok('IntSlider s2 = new IntSlider("n", 0, 10, 1);\nList<String> seen2 = new ArrayList<>();\n'
                        's2.onChange(v -> { seen2.add(v + " on " + Thread.currentThread().getName()); '
                        'System.out.println("got " + v); });\ns2')
        model = self.model_of(r)
        msg_id, out = self.update(model, {"value": 7})
        types = [m["msg_type"] for m in out]
        self.assertEqual(["comm_msg", "stream"], types, out)
        echo = out[0]["content"]
        self.assertEqual(model, echo["comm_id"])
        self.assertEqual({"method": "echo_update", "state": {"value": 7}, "buffer_paths": []}, echo["data"])
        self.assertEqual("got 7\n", out[1]["content"]["text"])
        r = self.run_ok('seen2 + " " + s2.value()')
        self.assertEqual("[7 on dlkit-exec] 7", r.result_text(), "the listener ran on the execution thread")

    def test_java_change_is_sent_as_update(self):
        r = self.run_ok('FloatSlider f3 = new FloatSlider("p", 0, 1, 0.05, 0.5);\nf3')
        model = self.model_of(r)
        r = self.run_ok("f3.value(0.25);")
        updates = [m["content"] for m in r.of_type("comm_msg")]
        self.assertEqual([{"comm_id": model, "data": {"method": "update", "state": {"value": 0.25},
                                                      "buffer_paths": []}}], updates)

    def test_request_state_is_answered_with_the_full_state(self):
        r = self.run_ok('Checkbox c4 = new Checkbox("on", true);\nc4')
        model = self.model_of(r)
        opened = [m for m in self.opens(r) if m["content"]["comm_id"] == model][0]["content"]["data"]["state"]
        msg_id, out = self.comm_msg(model, {"method": "request_state"})
        [reply] = out
        self.assertEqual(msg_id, reply["parent_header"]["msg_id"])
        self.assertEqual({"method": "update", "state": opened, "buffer_paths": []}, reply["content"]["data"])

    def test_button_click_runs_java(self):
        r = self.run_ok('int[] clicks5 = {0};\nButton b5 = button("Go").onClick(() -> { clicks5[0]++; '
                        'System.out.println("clicked " + clicks5[0]); });\nb5')
        model = self.model_of(r)
        for _ in range(2):
            _, out = self.comm_msg(model, {"method": "custom", "content": {"event": "click"}})
        self.assertEqual("clicked 2\n", out[-1]["content"]["text"])
        self.assertEqual("2", self.run_ok("clicks5[0]").result_text())

    def test_callback_waits_for_the_running_cell(self):
        r = self.run_ok('IntSlider s6 = new IntSlider();\nList<String> log6 = new ArrayList<>();\n'
                        's6.onChange(v -> log6.add("callback " + v));\ns6')
        model = self.model_of(r)
        cell = self.kc.execute('log6.add("cell starts"); Thread.sleep(1500); log6.add("cell ends");')
        time.sleep(0.3)  # the cell is running
        msg_id = self.send("comm_msg", {"comm_id": model, "data": {"method": "update", "state": {"value": 4},
                                                                     "buffer_paths": []}})
        kernelenv.collect(self.kc, cell)
        self.until_idle(msg_id)
        self.assertEqual("[cell starts, cell ends, callback 4]", self.run_ok('log6.toString()').result_text())

    def test_exception_in_a_callback_is_shown_under_the_widgets_cell(self):
        r = self.run_ok('IntSlider s7 = new IntSlider();\n'
                        's7.onChange(v -> { throw new IllegalStateException("bad value " + v); });\ns7')
        model = self.model_of(r)
        _, out = self.update(model, {"value": 3})
        self.assertEqual([], [m for m in out if m["msg_type"] == "error"])
        errors = [m["content"] for m in self.late(r) if m["msg_type"] == "error"]
        self.assertEqual(1, len(errors), "JupyterLab keeps the cell's future: the error lands under the widget")
        self.assertEqual("IllegalStateException", errors[0]["ename"].split(".")[-1])
        self.assertIn("bad value 3", errors[0]["evalue"])
        self.assertEqual("3", self.run_ok("s7.value()").result_text())

    def test_a_stuck_callback_can_be_interrupted(self):
        r = self.run_ok('Checkbox c9 = checkbox("wait", false);\n'
                        'c9.onChange(v -> { try { Thread.sleep(60_000); } catch (InterruptedException e) { '
                        'throw new RuntimeException(e); } });\nc9')
        model = self.model_of(r)
        msg_id = self.send("comm_msg", {"comm_id": model, "data": {"method": "update", "state": {"value": True},
                                                                     "buffer_paths": []}})
        time.sleep(1)
        start = time.monotonic()
        self.km.interrupt_kernel()
        self.until_idle(msg_id, timeout=20)
        self.assertLess(time.monotonic() - start, 10)
        self.assertEqual(["Interrupted"], [m["content"]["ename"] for m in self.late(r) if m["msg_type"] == "error"])
        self.assertEqual("true", self.run_ok("c9.value()").result_text())

    def test_interact_replaces_its_output_under_each_request(self):
        r = self.run_ok('interact(n -> { System.out.println("printed " + n); return "n=" + n; }, '
                        'intSlider("n", 1, 9, 3));')
        cell = r.reply["parent_header"]["msg_id"]
        [view] = r.data(VIEW_MIME)
        states = {m["content"]["comm_id"]: m["content"]["data"]["state"] for m in self.opens(r)}
        output = next(i for i, s in states.items() if s["_model_name"] == "OutputModel")
        slider = next(i for i, s in states.items() if s["_model_name"] == "IntSliderModel")
        self.assertEqual("VBoxModel", states[view["model_id"]]["_model_name"])
        self.assertEqual(["IPY_MODEL_" + slider, "IPY_MODEL_" + output], states[view["model_id"]]["children"])

        def captured(messages, request):
            """(kind, detail) of the messages between msg_id=request and msg_id="" on the Output."""
            seq = []
            for m in messages:
                c = m["content"]
                if m["msg_type"] == "comm_msg" and c["comm_id"] == output:
                    seq.append(("msg_id", c["data"]["state"].get("msg_id")))
                elif m["msg_type"] == "stream":
                    seq.append(("stream", c["text"]))
                elif m["msg_type"] == "clear_output":
                    seq.append(("clear", c["wait"]))
                elif m["msg_type"] in ("display_data", "execute_result") and "text/plain" in c["data"] \
                        and VIEW_MIME not in c["data"]:
                    seq.append(("display", c["data"]["text/plain"]))
            return seq

        self.assertEqual([("msg_id", cell), ("clear", True), ("stream", "printed 3\n"), ("display", "n=3"),
                          ("msg_id", "")], captured(r.messages, cell))
        msg_id, out = self.update(slider, {"value": 5})
        for m in out:
            self.assertEqual(msg_id, m["parent_header"]["msg_id"])
        self.assertEqual([("msg_id", msg_id), ("clear", True), ("stream", "printed 5\n"), ("display", "n=5"),
                          ("msg_id", "")], captured(out, msg_id))

    def test_interact_shows_an_exception_in_its_output(self):
        r = self.run_ok('interact(n -> { if (n > 4) throw new IllegalArgumentException("too big: " + n); '
                        'return n; }, intSlider("n", 1, 9, 3));')
        slider = next(m["content"]["comm_id"] for m in self.opens(r)
                      if m["content"]["data"]["state"]["_model_name"] == "IntSliderModel")
        output = next(m["content"]["comm_id"] for m in self.opens(r)
                      if m["content"]["data"]["state"]["_model_name"] == "OutputModel")
        msg_id, out = self.update(slider, {"value": 6})
        kinds = [m["msg_type"] if m["msg_type"] != "comm_msg" else m["content"]["data"]["state"].get("msg_id", "-")
                 for m in out if m["msg_type"] != "comm_msg" or m["content"]["comm_id"] == output]
        self.assertEqual([msg_id, "clear_output", "error", ""], kinds, "the error lands while msg_id captures it")
        err = next(m["content"] for m in out if m["msg_type"] == "error")
        self.assertIn("too big: 6", err["evalue"])

    def test_comm_info_close_and_unknown_targets(self):
        r = self.run_ok('Text t8 = textField("name", "x");\nt8')
        model = self.model_of(r)
        info = self.comm_info("jupyter.widget")
        self.assertEqual("ok", info["status"])
        self.assertEqual({"target_name": "jupyter.widget"}, info["comms"][model])
        self.assertEqual({}, self.comm_info("jupyter.widget.other")["comms"])
        self.assertIn(model, self.comm_info()["comms"])
        close = self.send("comm_close", {"comm_id": model, "data": {}})
        self.until_idle(close)
        self.assertNotIn(model, self.comm_info("jupyter.widget")["comms"])
        self.assertEqual("false", self.run_ok("t8.isOpen()").result_text())
        # the widget manager's first message: answered with comm_close at once, not after its 4 s timeout
        control = self.send("comm_open", {"comm_id": "ctl-1", "target_name": "jupyter.widget.control",
                                          "data": {}})
        out = self.until_idle(control)
        self.assertEqual([("comm_close", {"comm_id": "ctl-1", "data": {}})],
                         [(m["msg_type"], m["content"]) for m in out])
        # a message for a comm that no longer exists is ignored
        _, out = self.update(model, {"value": "y"})
        self.assertEqual([], out)


class HeadlessRun(unittest.TestCase):
    """nbclient (what ./dlkit run, grading and nbconvert use) runs widget cells without a front end."""

    def test_widget_notebook_runs_and_keeps_text_fallback(self):
        import nbformat
        from nbclient import NotebookClient
        kernelenv.isolate()
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": kernelenv.KERNEL_NAME, "display_name": "Java (DLKit)",
                                     "language": "java"}
        nb.cells = [nbformat.v4.new_code_cell('IntSlider s = intSlider("size", 1, 9, 3);\ns'),
                    nbformat.v4.new_code_cell('interact(n -> "square " + n * n, s);'),
                    nbformat.v4.new_code_cell('s.value(4);\nSystem.out.println("value " + s.value());')]
        start = time.monotonic()
        NotebookClient(nb, timeout=120, kernel_name=kernelenv.KERNEL_NAME).execute()
        self.assertLess(time.monotonic() - start, 90, "nothing waits for a front end")
        first = nb.cells[0].outputs[0]
        self.assertEqual("IntSlider(value=3, description='size', max=9, min=1)", first["data"]["text/plain"])
        self.assertIn("model_id", first["data"][VIEW_MIME])
        self.assertEqual("value 4\n", nb.cells[2].outputs[-1]["text"])
        state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]
        self.assertEqual(2, state["version_major"])
        models = state["state"]
        sliders = [m for m in models.values() if m["model_name"] == "IntSliderModel"]
        self.assertEqual([4], [m["state"]["value"] for m in sliders], "nbclient saw the later update")
        outputs = [m for m in models.values() if m["model_name"] == "OutputModel"]
        self.assertEqual(1, len(outputs))
        # nothing captured: nbclient's stand-in Output area sends comm_msgs on the shell channel while it polls
        # that channel for the reply, which can stall the run for good (nbclient #312); outputs stay in the cell
        self.assertEqual([], outputs[0]["state"].get("outputs", []))

        def shown(cell):
            return [o.get("data", {}).get("text/plain") for o in cell.outputs if o["output_type"] == "display_data"]
        self.assertIn("square 9", shown(nb.cells[1]), "the interact output, in its cell")
        self.assertTrue(any(VIEW_MIME in o.get("data", {}) for o in nb.cells[1].outputs),
                        "the controls stay: nothing was cleared")
        self.assertIn("square 16", shown(nb.cells[2]), "the output followed the slider, in the cell that moved it")
        nbformat.validate(nb)


if __name__ == "__main__":
    unittest.main()
