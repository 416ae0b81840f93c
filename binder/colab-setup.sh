#!/usr/bin/env bash
# DLKit on a Colab-style host (a hosted Jupyter whose runtime is a fresh Debian/Ubuntu machine, as root).
# From a notebook cell:  !bash colab-setup.sh [REPO_URL] [DIR]   then reload the page.
# Clones DLKit into DIR (unless it is there), installs a JDK 17 if missing, installs requirements.txt's pins with
# pip into the host's Python (the host runs its own Jupyter server; the kernelspec and the kernel's ipc bridge use
# this Python), and runs ./dlkit setup with it: the Maven build (with the CUDA backend when the GPU can run it --
# Colab's T4, L4 and A100 can, dlkit.backend.GpuDecision decides), the JDK's sources and the `dlkit` kernelspec.
set -euo pipefail
repo_url=${1:-https://github.com/OWNER/REPO}
dir=${2:-/content/dlkit}
py=${DLKIT_PYTHON:-$(command -v python3)}
jdk=/usr/lib/jvm/java-17-openjdk-amd64

if [ ! -x "$dir/dlkit" ]; then
  git clone -q "$repo_url" "$dir"
fi
if [ -z "${JAVA_HOME:-}" ]; then  # the host's default java may be older than 17
  if [ ! -x "$jdk/bin/jshell" ]; then
    apt-get -qq update
    DEBIAN_FRONTEND=noninteractive apt-get -qq install -y --no-install-recommends openjdk-17-jdk-headless >/dev/null
  fi
  export JAVA_HOME=$jdk
fi
"$py" -m pip install -q -r "$dir/requirements.txt"
DLKIT_PYTHON="$py" "$dir/dlkit" setup
echo "DLKit is installed: reload the page and pick the kernel 'Java (DLKit)'."
