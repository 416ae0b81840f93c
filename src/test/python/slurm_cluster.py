"""A one-node Slurm cluster on this machine for tests and bench/: munged with a generated key, slurmctld and slurmd
with a generated slurm.conf (NodeName=localhost, two CPUs, one partition), everything under one temporary folder,
listening on free loopback ports. Clients find it through SLURM_CONF (see env()). stop() ends every process it
started, the jobs' processes included (they carry a tag in their environment).

Needs root and Debian's slurm-wlm and munge; ensure_installed() installs them with apt-get when they are missing.
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid

BINARIES = ["/usr/sbin/munged", "/usr/sbin/mungekey", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch",
            "/usr/bin/squeue", "/usr/bin/scontrol", "/usr/bin/sinfo", "/usr/bin/scancel"]
TAG = "DLKIT_SLURM_TEST_TAG"


def missing_reason():
    """None when Slurm can be installed or is there, else why not (for skipTest)."""
    if all(os.access(b, os.X_OK) for b in BINARIES):
        return None
    if os.geteuid() != 0:
        return "slurm-wlm and munge are not installed and this is not root (apt-get install -y slurm-wlm munge)"
    if not shutil.which("apt-get"):
        return "slurm-wlm and munge are not installed and there is no apt-get (not Debian)"
    return None


def ensure_installed():
    """Installs slurm-wlm and munge with apt-get when missing (root on Debian); returns an error text or None."""
    reason = missing_reason()
    if reason:
        return reason
    if all(os.access(b, os.X_OK) for b in BINARIES):
        return None
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "--no-install-recommends",
                                                "slurm-wlm", "munge", "slurm-client"]):
        r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            return "%s failed: %s" % (" ".join(cmd), (r.stderr or r.stdout).strip()[-300:])
    if not all(os.access(b, os.X_OK) for b in BINARIES):
        return "apt-get installed slurm-wlm and munge, but some of %s are still missing" % BINARIES
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mem_mb():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    return 4096


class OneNodeSlurm:
    def __init__(self, cpus=2, partition="grade"):
        self.cpus = cpus
        self.partition = partition
        self.tmp = tempfile.mkdtemp(prefix="dlkit-slurm-")
        self.tag = uuid.uuid4().hex
        self.procs = []
        self.conf = os.path.join(self.tmp, "slurm.conf")

    def env(self, base=None):
        """The environment for clients (sbatch, squeue, ./dlkit grade --slurm) and the jobs they submit."""
        return dict(base or os.environ, SLURM_CONF=self.conf, **{TAG: self.tag})

    def log(self, name):
        try:
            path = os.path.join(self.tmp, name if name.endswith(".out") else name + ".log")
            with open(path, errors="replace") as f:
                return f.read()[-3000:]
        except OSError:
            return ""

    def start(self, timeout=60):
        t = self.tmp
        for d in ("munge", "state", "spool", "log"):
            os.makedirs(os.path.join(t, d))
        os.chmod(os.path.join(t, "munge"), 0o700)
        key = os.path.join(t, "munge", "munge.key")
        self.socket = os.path.join(t, "munge", "munge.socket")
        subprocess.run(["/usr/sbin/mungekey", "--create", "--force", "--keyfile", key], check=True,
                       capture_output=True)
        self._spawn("munged", ["/usr/sbin/munged", "--foreground", "--force", "--key-file", key,
                               "--socket", self.socket, "--pid-file", os.path.join(t, "munge", "munged.pid"),
                               "--log-file", os.path.join(t, "munged.log"),
                               "--seed-file", os.path.join(t, "munge", "munged.seed")])
        self._wait(lambda: os.path.exists(self.socket), timeout, "munged did not create its socket")
        ctl_port, d_port = free_port(), free_port()
        with open(self.conf, "w") as f:
            f.write("\n".join([
                "ClusterName=dlkittest",
                "SlurmctldHost=localhost(127.0.0.1)",
                "SlurmctldPort=%d" % ctl_port,
                "SlurmdPort=%d" % d_port,
                "SlurmUser=root",
                "SlurmdUser=root",
                "AuthType=auth/munge",
                "AuthInfo=socket=%s" % self.socket,
                "CredType=cred/munge",
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "JobCompType=jobcomp/none",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_Core",
                "SchedulerType=sched/backfill",
                "SchedulerParameters=sched_interval=1",
                "MpiDefault=none",
                "ReturnToService=2",
                "MinJobAge=600",
                "StateSaveLocation=%s" % os.path.join(t, "state"),
                "SlurmdSpoolDir=%s" % os.path.join(t, "spool"),
                "SlurmctldPidFile=%s" % os.path.join(t, "slurmctld.pid"),
                "SlurmdPidFile=%s" % os.path.join(t, "slurmd.pid"),
                "SlurmctldLogFile=%s" % os.path.join(t, "slurmctld.log"),
                "SlurmdLogFile=%s" % os.path.join(t, "slurmd.log"),
                "NodeName=localhost NodeAddr=127.0.0.1 CPUs=%d RealMemory=%d State=UNKNOWN" % (self.cpus, mem_mb()),
                "PartitionName=%s Nodes=ALL Default=YES MaxTime=INFINITE State=UP" % self.partition,
            ]) + "\n")
        self._spawn("slurmctld", ["/usr/sbin/slurmctld", "-D", "-i", "-f", self.conf])
        self._spawn("slurmd", ["/usr/sbin/slurmd", "-D", "-N", "localhost", "-f", self.conf])

        def idle():
            r = subprocess.run(["sinfo", "-h", "-N", "-o", "%T"], env=self.env(), capture_output=True, text=True)
            return r.returncode == 0 and r.stdout.strip() == "idle"
        self._wait(idle, timeout, "the node did not become idle")

    def _spawn(self, name, cmd):
        with open(os.path.join(self.tmp, name + ".out"), "w") as out:
            p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=self.env(), start_new_session=True)
        self.procs.append((name, p))

    def _wait(self, ok, timeout, what):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for name, p in self.procs:
                if p.poll() is not None:
                    raise RuntimeError("%s exited (%s): %s %s" % (name, p.returncode, self.log(name), self.log(name + ".out")))
            if ok():
                return
            time.sleep(0.2)
        raise RuntimeError("%s within %d s; slurmctld: %s\nslurmd: %s" % (what, timeout, self.log("slurmctld"),
                                                                         self.log("slurmd")))

    def run(self, *cmd, **kw):
        return subprocess.run(list(cmd), env=self.env(), capture_output=True, text=True, timeout=60, **kw)

    def tagged(self):
        """PIDs of live processes carrying this cluster's tag (daemons, job steps, graders, kernels)."""
        needle = ("%s=%s" % (TAG, self.tag)).encode()
        found = []
        for pid in os.listdir("/proc"):
            if not pid.isdigit() or int(pid) == os.getpid():
                continue
            try:
                with open("/proc/%s/environ" % pid, "rb") as f:
                    if needle in f.read().split(b"\0"):
                        found.append(int(pid))
            except OSError:
                continue
        return found

    def stop(self):
        """Cancels every job, stops the daemons, then kills whatever tagged process is left; returns the PIDs that
        were still alive after the daemons stopped (should be none)."""
        if os.path.exists(self.conf):
            self.run("scancel", "--full", "--user=root")  # noqa
            time.sleep(0.5)
        for name, p in reversed(self.procs):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for name, p in reversed(self.procs):
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        left = self.tagged()
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        shutil.rmtree(self.tmp, ignore_errors=True)
        return left
