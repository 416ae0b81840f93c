"""Protocol and robustness tests for the dlkit kernel, driven with jupyter_client directly.

These are the acceptance tests of issue 2's kernel: interrupt, forged signatures, ipc transport, a silent
stderr on first use of ND4J/DL4J/Tablesaw/XChart, survival of System.exit/OOM/StackOverflow/floods/background
threads, magics, and the execute_request options (silent, store_history, stop_on_error, user_expressions,
allow_stdin).

Run: ./dlkit test, or PYTHONPATH=src/test/python build/venv/bin/python -m unittest -v test_kernel_protocol
"""
import base64
import os
import queue
import shutil
import subprocess
import tempfile
import time
import unittest
import zipfile
from pathlib import Path

from jupyter_client.session import Session

import kernelenv
from kernelenv import execute

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def setUpModule():
    kernelenv.isolate()


class KernelCase(unittest.TestCase):
    """One kernel per test class."""
    kernel_env = {}
    manager_kw = {}

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = kernelenv.start(env=cls.kernel_env, **cls.manager_kw)

    @classmethod
    def tearDownClass(cls):
        kernelenv.stop(cls.km, cls.kc)

    def run_ok(self, code, timeout=60, **kw):
        r = execute(self.kc, code, timeout=timeout, **kw)
        self.assertEqual("ok", r.status, f"{code!r} failed: {r.describe()}")
        return r

    def run_error(self, code, timeout=60, **kw):
        r = execute(self.kc, code, timeout=timeout, **kw)
        self.assertEqual("error", r.status, f"{code!r} should fail: {r.describe()}")
        return r

    def assert_alive(self, expect_var=None, value=None):
        r = self.run_ok("1+1", timeout=30)
        self.assertEqual("2", r.result_text(), r.describe())
        if expect_var:
            r = self.run_ok(expect_var, timeout=30)
            self.assertEqual(value, r.result_text(), f"{expect_var} lost: {r.describe()}")

    def assert_no_stderr(self, r, what):
        self.assertEqual([], [m["content"]["text"] for m in r.stderr_messages()], f"stderr on {what}")


# ---- execute_request options, kernel_info, magics, errors ---------------------------------------------------------

class ExecuteOptionsTest(KernelCase):
    def test_kernel_info_has_status_and_protocol_5_3(self):
        self.kc.kernel_info()
        reply = self.kc.get_shell_msg(timeout=15)
        content = reply["content"]
        self.assertEqual("ok", content.get("status"), content)
        version = tuple(int(p) for p in content["protocol_version"].split(".")[:2])
        self.assertGreaterEqual(version, (5, 3), content)
        self.assertEqual("java", content["language_info"]["name"])
        self.assertEqual(".jshell", content["language_info"]["file_extension"])

    def _count(self):
        return self.run_ok("int counted = 1;").content["execution_count"]

    def test_silent_gives_no_result_and_no_count(self):
        before = self._count()
        r = execute(self.kc, "6*7", silent=True)
        self.assertEqual("ok", r.status, r.describe())
        self.assertEqual([], r.of_type("execute_result"), "silent execution must not publish a result")
        self.assertEqual(before + 1, self._count(), "silent execution must not bump execution_count")

    def test_store_history_false_does_not_count(self):
        before = self._count()
        r = execute(self.kc, "int notStored = 3;", store_history=False)
        self.assertEqual("ok", r.status, r.describe())
        self.assertEqual(before + 1, self._count(), "store_history=false must not bump execution_count")

    def test_stop_on_error_aborts_the_queued_request(self):
        first = self.kc.execute('Thread.sleep(1000); throw new RuntimeException("stop here");', stop_on_error=True)
        second = self.kc.execute("int afterError = 1;")
        r1 = kernelenv.collect(self.kc, first, timeout=30)
        self.assertEqual("error", r1.status, r1.describe())
        r2 = kernelenv.collect(self.kc, second, timeout=30)
        self.assertIn(r2.status, ("aborted", "abort"), f"queued request after an error: {r2.describe()}")
        self.run_error("afterError")

    def test_user_expressions_are_evaluated(self):
        r = self.run_ok("int ue = 5;", user_expressions={"twice": "ue * 2", "bad": "nosuchvar + 1"})
        exprs = r.content.get("user_expressions", {})
        self.assertEqual("ok", exprs.get("twice", {}).get("status"), exprs)
        self.assertEqual("10", exprs["twice"]["data"]["text/plain"], exprs)
        self.assertEqual("error", exprs.get("bad", {}).get("status"), exprs)

    def test_stdin_input_request_with_scanner(self):
        msg_id = self.kc.execute('var sc = new java.util.Scanner(System.in);\n'
                                 'String line = sc.nextLine();\n'
                                 'System.out.println("got " + line);', allow_stdin=True)
        request = self.kc.get_stdin_msg(timeout=30)
        self.assertEqual("input_request", request["msg_type"])
        self.kc.input("xyz")
        r = kernelenv.collect(self.kc, msg_id, timeout=30)
        self.assertEqual("ok", r.status, r.describe())
        self.assertIn("got xyz", r.stream("stdout"))

    def test_compile_error_shows_the_line_and_a_caret(self):
        r = self.run_error('int wrong = "text";')
        text = r.error_text()
        self.assertIn('int wrong = "text";', text, text)
        self.assertIn("^", text, text)
        self.assertEqual(1, len(r.errors()), r.describe())

    def test_exception_has_ename_and_evalue(self):
        r = self.run_error('throw new IllegalStateException("bad state");')
        e = r.errors()[0]
        self.assertIn("IllegalStateException", e["ename"])
        self.assertIn("bad state", e["evalue"])

    def test_release_stub_in_an_expression_compiles_and_says_your_code_here(self):
        # what ./dlkit release puts where a solution region sits in an expression (dlkit.grade.Release): it must
        # be on the kernel's class path, else a student's released cell fails to compile
        e = self.run_error("double[] w = dlkit.grade.Stub.yourCodeHere();").errors()[0]
        self.assertIn("UnsupportedOperationException", e["ename"])
        self.assertIn("your code here", e["evalue"])

    def test_unknown_magic_is_a_one_line_error(self):
        r = execute(self.kc, "%nosuch")
        self.assertEqual("error", r.status, r.describe())
        errors = r.errors()
        self.assertEqual(1, len(errors), r.describe())
        message = f"{errors[0]['ename']}: {errors[0]['evalue']}"
        self.assertIn("nosuch", message)
        self.assertNotIn("\n", errors[0]["evalue"].strip())
        self.assert_alive()

    def test_cell_time_magic(self):
        r = self.run_ok("%%time\nThread.sleep(20);\nint timed = 1;")
        text = (r.stream("stdout") + r.stream("stderr") + "".join(map(str, r.data("text/plain")))).lower()
        self.assertIn("time", text, r.describe())
        self.assertRegex(text, r"\d")
        self.run_ok("timed")

    def test_line_time_magic(self):
        r = self.run_ok("%time Thread.sleep(20);")
        text = (r.stream("stdout") + r.stream("stderr") + "".join(map(str, r.data("text/plain")))).lower()
        self.assertIn("time", text, r.describe())

    def test_jars_added_between_cells_are_compiled_against(self):
        # a package split over two jars, the second added after the first was compiled against
        tmp = Path(tempfile.mkdtemp(prefix="dlkit-jars-"))
        self.addCleanup(shutil.rmtree, tmp, True)
        javac = kernelenv.real_java().parent / "javac"
        for name, n in (("First", 1), ("Second", 2)):
            src = tmp / name / f"{name}.java"
            src.parent.mkdir()
            src.write_text(f"package added; public class {name} {{ public static int n() {{ return {n}; }} }}")
            subprocess.run([str(javac), "-d", str(tmp / name), str(src)], check=True, timeout=120)
            with zipfile.ZipFile(tmp / f"{name.lower()}.jar", "w") as jar:
                jar.write(tmp / name / "added" / f"{name}.class", f"added/{name}.class")
        self.run_ok(f"%jars {tmp}/first.jar")
        self.assertEqual("1", self.run_ok("added.First.n()").result_text())
        self.assertIn("cannot find symbol", self.run_error("added.Second.n()").errors()[0]["evalue"])
        self.run_ok(f"%jars {tmp}/second.jar")
        self.assertEqual("3", self.run_ok("added.First.n() + added.Second.n()").result_text())

    def test_html_magic(self):
        r = self.run_ok("%%html\n<b>bold</b>")
        self.assertTrue(any("<b>bold</b>" in "".join(v) for v in r.data("text/html")), r.describe())

    def test_markdown_magic(self):
        r = self.run_ok("%%markdown\n# Title\n*x*")
        self.assertTrue(any("# Title" in "".join(v) for v in r.data("text/markdown")), r.describe())

    def test_progress_bar_is_one_display_updated_in_place(self):
        # What JupyterLab needs to redraw a training bar in place: one display_data with a display_id, then
        # update_display_data messages for that id (no clear_output, no second display).
        r = self.run_ok('var bar = dlkit.display.ProgressBar.start("train", 3);\n'
                        'for (int i = 0; i < 3; i++) bar.step("loss=" + i);\nbar.finish();')
        [display] = r.of_type("display_data")
        display_id = display["content"]["transient"]["display_id"]
        self.assertTrue(display_id)
        updates = r.of_type("update_display_data")
        self.assertGreaterEqual(len(updates), 1, r.describe())
        self.assertEqual({display_id}, {m["content"]["transient"]["display_id"] for m in updates})
        last = updates[-1]["content"]["data"]
        self.assertIn('<progress value="3" max="3"', last["text/html"])
        self.assertIn("3/3", last["text/plain"])
        self.assertEqual([], r.of_type("clear_output"))

    def test_forged_signature_is_ignored(self):
        forger = Session(key=b"not-the-kernel-key", username=self.kc.session.username)
        forged = forger.msg("execute_request", content={
            "code": "int forged = 99;", "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True})
        forger.send(self.kc.shell_channel.socket, forged)
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            try:
                msg = self.kc.get_shell_msg(timeout=0.2)
            except queue.Empty:
                continue
            self.assertNotEqual(forged["header"]["msg_id"], msg["parent_header"].get("msg_id"),
                                "the kernel answered a message with a forged signature")
        self.assert_alive()
        self.run_error("forged")  # the forged code must not have run
        # and again: JJava stops answering after one bad message
        forger.send(self.kc.shell_channel.socket, forger.msg("kernel_info_request", content={}))
        time.sleep(0.5)
        self.assert_alive()


# ---- first use of the libraries: nothing on stderr ---------------------------------------------------------------

class FirstUseIsQuietTest(KernelCase):
    def test_0_startup_and_first_cell(self):
        startup = []
        while True:  # anything the kernel published before the first request
            try:
                startup.append(self.kc.get_iopub_msg(timeout=0.5))
            except queue.Empty:
                break
        self.assertEqual([], [m["content"]["text"] for m in startup
                              if m["msg_type"] == "stream" and m["content"]["name"] == "stderr"])
        r = self.run_ok("int first = 1;")
        self.assert_no_stderr(r, "the first cell")

    def test_a_nd4j(self):
        r = self.run_ok("INDArray a = Nd4j.createFromArray(1f, 2f, 3f);\n"
                        "System.out.println(a.mul(2));\n"
                        "Nd4j.rand(3, 3).mmul(Nd4j.rand(3, 3)).shape().length", timeout=120)
        self.assert_no_stderr(r, "first ND4J use")
        self.assertIn("2.0000", r.stream("stdout"), r.describe())

    def test_b_dl4j(self):
        r = self.run_ok(
            "import org.deeplearning4j.nn.conf.NeuralNetConfiguration;\n"
            "import org.deeplearning4j.nn.conf.layers.DenseLayer;\n"
            "import org.deeplearning4j.nn.conf.layers.OutputLayer;\n"
            "import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;\n"
            "import org.nd4j.linalg.activations.Activation;\n"
            "import org.nd4j.linalg.lossfunctions.LossFunctions;\n"
            "var conf = new NeuralNetConfiguration.Builder().seed(1).list()\n"
            "    .layer(new DenseLayer.Builder().nIn(2).nOut(3).activation(Activation.RELU).build())\n"
            "    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(1)\n"
            "        .activation(Activation.IDENTITY).build())\n"
            "    .build();\n"
            "var net = new MultiLayerNetwork(conf);\n"
            "net.init();\n"
            "System.out.println(\"params \" + net.numParams());\n"
            "net.output(Nd4j.rand(4, 2)).shape()[0]", timeout=120)
        self.assert_no_stderr(r, "first DL4J use")
        self.assertIn("params 13", r.stream("stdout"), r.describe())

    def test_c_tablesaw(self):
        r = self.run_ok('import tech.tablesaw.api.*;\n'
                        'Table t = Table.create("t").addColumns(IntColumn.create("xcol", new int[]{1, 2, 3}));\n'
                        'System.out.println(t);\n'
                        't', timeout=120)
        self.assert_no_stderr(r, "first Tablesaw use")
        self.assertIn("xcol", r.stream("stdout"), r.describe())
        self.assertTrue(any("xcol" in "".join(v) for v in r.data("text/html")),
                        f"a Table as last expression should render text/html: {r.describe()}")

    def test_d_xchart(self):
        r = self.run_ok('import org.knowm.xchart.*;\n'
                        'XYChart chart = new XYChartBuilder().width(300).height(200).title("squares").build();\n'
                        'chart.addSeries("y", new double[]{1, 2, 3}, new double[]{1, 4, 9});\n'
                        'chart', timeout=120)
        self.assert_no_stderr(r, "first XChart use")
        pngs = r.data("image/png")
        self.assertTrue(pngs, f"a chart as last expression should give image/png: {r.describe()}")
        png = base64.b64decode("".join(pngs[0]) if isinstance(pngs[0], list) else pngs[0])
        self.assertTrue(png.startswith(PNG_MAGIC), "image/png is not base64 PNG")
        self.assertGreater(len(png), 500)


# ---- interrupt ---------------------------------------------------------------------------------------------------

def _thread_cpu(pid):
    """{thread id: CPU seconds} of a process's threads."""
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            cpu[tid] = (int(fields[11]) + int(fields[12])) / ticks
        except (FileNotFoundError, ProcessLookupError):
            pass
    return cpu


_JVM_THREADS = ("C1 ", "C2 ", "VM ", "GC ", "G1 ", "Sweeper", "Common-Cleaner", "Signal Dispatch")


def _spinning_thread(pid, timeout=15.0):
    """The id of a non-JVM thread that burns >= 30 % of a core in two consecutive 0.5 s windows, or None."""
    prev, candidate = _thread_cpu(pid), None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.5)
        cur = _thread_cpu(pid)
        busy = []
        for tid, cpu in cur.items():
            try:
                with open(f"/proc/{pid}/task/{tid}/comm") as f:
                    name = f.read().strip()
            except FileNotFoundError:
                continue
            if cpu - prev.get(tid, cpu) >= 0.15 and not name.startswith(_JVM_THREADS):
                busy.append(tid)
        if candidate in busy:
            return candidate
        candidate = busy[0] if len(busy) == 1 else None
        prev = cur
    return None


class InterruptTest(KernelCase):
    def test_interrupt_stops_a_tight_loop_and_keeps_state(self):
        self.run_ok("int kept = 41;")
        pid = self.km.provisioner.process.pid
        msg_id = self.kc.execute("while (true) {}")
        spinner = _spinning_thread(pid)
        self.assertIsNotNone(spinner, "no thread was spinning within 15 s: did the cell start?")

        t0 = time.monotonic()
        self.km.interrupt_kernel()
        r = kernelenv.collect(self.kc, msg_id, timeout=10)
        elapsed = time.monotonic() - t0
        self.assertLessEqual(elapsed, 2.0, f"interrupt took {elapsed:.2f} s")
        self.assertIn(r.status, ("error", "aborted"), r.describe())

        # the loop really stopped: the next cell is fast and the spinning thread is gone or idle
        t1 = time.monotonic()
        self.assert_alive("kept + 1", "42")
        self.assertLess(time.monotonic() - t1, 2.0, "kernel slow after interrupt")
        start = _thread_cpu(pid).get(spinner)
        time.sleep(2.0)
        end = _thread_cpu(pid).get(spinner)
        if start is not None and end is not None:
            self.assertLess(end - start, 0.3, f"thread {spinner} used {end - start:.2f} CPU-s in 2 s after the "
                                              "interrupt: the loop still spins")

    def test_interrupt_stops_sleep(self):
        msg_id = self.kc.execute("Thread.sleep(60_000);")
        time.sleep(0.5)
        t0 = time.monotonic()
        self.km.interrupt_kernel()
        r = kernelenv.collect(self.kc, msg_id, timeout=10)
        self.assertLessEqual(time.monotonic() - t0, 2.0)
        self.assertIn(r.status, ("error", "aborted"), r.describe())
        self.assert_alive()


# ---- survival ----------------------------------------------------------------------------------------------------

class SurvivalTest(KernelCase):
    kernel_env = {"DLKIT_HEAP": "1g"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        r = execute(cls.kc, "int survivor = 41;")
        assert r.status == "ok", r.describe()

    def test_heap_follows_dlkit_heap(self):
        r = self.run_ok("Runtime.getRuntime().maxMemory() / (1024 * 1024)")
        self.assertLessEqual(int(r.result_text()), 1024, "launch.sh did not apply DLKIT_HEAP=1g")

    def test_system_exit_is_an_error_and_the_kernel_lives(self):
        r = self.run_error("System.exit(0);")
        self.assertTrue(r.errors(), r.describe())
        self.assert_alive("survivor + 1", "42")

    def test_out_of_memory(self):
        r = self.run_error("{ long[][] hog = new long[64][];\n"
                           "  for (int i = 0; i < hog.length; i++) hog[i] = new long[Integer.MAX_VALUE - 16]; }",
                           timeout=120)
        self.assertIn("OutOfMemoryError", r.error_text(), r.describe())
        self.assert_alive("survivor + 1", "42")

    def test_stack_overflow(self):
        self.run_ok("int deep(int n) { return deep(n + 1) + 1; }")
        r = self.run_error("deep(0)", timeout=120)
        self.assertIn("StackOverflowError", r.error_text(), r.describe())
        self.assertLess(len(r.error_text()), 20_000, "the trace of a StackOverflowError should be short")
        self.assert_alive("survivor + 1", "42")

    def test_a_million_lines(self):
        r = self.run_ok("for (int i = 0; i < 1_000_000; i++) System.out.println(i);", timeout=300)
        self.assertTrue(r.stream("stdout"), "some of the output should arrive")
        self.assert_alive("survivor + 1", "42")

    def test_background_thread_output_is_visible(self):
        self.run_ok('new Thread(() -> {\n'
                    '    try { Thread.sleep(1000); } catch (InterruptedException e) { }\n'
                    '    System.out.println("late hello from a thread");\n'
                    '}).start();')
        seen = []
        deadline = time.monotonic() + 4
        while time.monotonic() < deadline:  # messages outside any cell
            try:
                seen.append(self.kc.get_iopub_msg(timeout=0.2))
            except queue.Empty:
                pass
        r = self.run_ok("int later = 1;")
        seen += r.messages
        texts = [m["content"].get("text", "") for m in seen if m["msg_type"] == "stream"]
        self.assertTrue(any("late hello from a thread" in t for t in texts),
                        f"the background thread's line never reached the notebook: {texts}")


class JavaDidNotStartTest(KernelCase):
    """When Java cannot start (here: the execution agent's JVM exits at once), every request that needs it gets an
    error reply naming why, at once; the kernel keeps answering the rest."""
    kernel_env = {"DLKIT_EXEC": "agent", "DLKIT_AGENT_SANDBOX": '["/bin/false"]'}

    def test_a_cell_gets_the_reason_not_silence(self):
        r = self.run_error("1+1", timeout=60)
        self.assertEqual("KernelStartError", r.reply["content"]["ename"], r.describe())
        self.assertIn("exited with status 1 before it connected", r.reply["content"]["evalue"])
        self.assertIn("restart the kernel", r.reply["content"]["evalue"])

    def test_completion_gets_an_error_reply(self):
        self.run_error("1+1", timeout=60)  # Java has given up by now
        msg_id = self.kc.complete("Math.ma", 7)
        reply = self.kc.get_shell_msg(timeout=10)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=10)
        self.assertEqual("error", reply["content"]["status"])
        self.assertEqual("KernelStartError", reply["content"]["ename"])

    def test_interrupt_and_kernel_info_still_answer(self):
        self.run_error("1+1", timeout=60)
        self.km.interrupt_kernel()
        self.assertEqual("ok", self.kc.kernel_info(reply=True, timeout=10)["content"]["status"])


# ---- transports --------------------------------------------------------------------------------------------------

class IpcTransportTest(unittest.TestCase):
    def test_ipc_transport(self):
        tmp = tempfile.mkdtemp(prefix="dlkit-ipc-")
        km, kc = kernelenv.start(transport="ipc", ip=os.path.join(tmp, "kernel"))
        try:
            r = execute(kc, "6*7", timeout=60)
            self.assertEqual("ok", r.status, r.describe())
            self.assertEqual("42", r.result_text())
            r = execute(kc, 'System.out.println("over ipc");')
            self.assertIn("over ipc", r.stream("stdout"))
        finally:
            kernelenv.stop(km, kc)


class BusyPortTest(unittest.TestCase):
    """A port of the connection file that another program holds (Jupyter picks ports before the kernel binds them):
    the kernel exits at once with one line naming it, instead of living on without answering."""

    def test_kernel_exits_with_one_line(self):
        import socket
        import subprocess
        from jupyter_client.kernelspec import KernelSpecManager
        spec = KernelSpecManager().get_kernel_spec(kernelenv.KERNEL_NAME)
        tmp = tempfile.mkdtemp(prefix="dlkit-busy-")
        from jupyter_client.connect import write_connection_file
        busy = socket.socket()
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        # the control port is bound last: the other sockets (and JeroMQ's threads) are up when it fails
        conn, _ = write_connection_file(os.path.join(tmp, "conn.json"), ip="127.0.0.1", key=b"k",
                                        control_port=busy.getsockname()[1])
        argv = [a.replace("{connection_file}", conn).replace("{resource_dir}", spec.resource_dir) for a in spec.argv]
        try:
            p = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        finally:
            busy.close()
        self.assertEqual(2, p.returncode, p.stderr)
        self.assertIn("cannot listen on the ports of the connection file", p.stderr)
        self.assertIn("restart the kernel", p.stderr)
        self.assertEqual(1, len(p.stderr.strip().splitlines()), p.stderr)


class OrphanTest(unittest.TestCase):
    """A kernel whose Jupyter parent dies must exit on its own, not linger holding memory."""

    def test_kernel_exits_when_its_parent_dies(self):
        import subprocess
        from jupyter_client.kernelspec import KernelSpecManager
        spec = KernelSpecManager().get_kernel_spec(kernelenv.KERNEL_NAME)
        tmp = tempfile.mkdtemp(prefix="dlkit-orphan-")
        from jupyter_client.connect import write_connection_file
        conn, _ = write_connection_file(os.path.join(tmp, "conn.json"), key=b"k")
        parent = subprocess.Popen(["sleep", "600"])
        argv = [a.replace("{connection_file}", conn).replace("{resource_dir}", spec.resource_dir) for a in spec.argv]
        kernel = subprocess.Popen(argv, env={**os.environ, "JPY_PARENT_PID": str(parent.pid)},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(3)
            self.assertIsNone(kernel.poll(), "the kernel should run while its parent lives")
            parent.kill()
            parent.wait()
            kernel.wait(timeout=20)  # raises if the kernel lingers
        finally:
            if kernel.poll() is None:
                kernel.kill()
            if parent.poll() is None:
                parent.kill()


if __name__ == "__main__":
    unittest.main(verbosity=2)
