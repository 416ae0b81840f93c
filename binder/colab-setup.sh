#!/usr/bin/env bash
# DLKit on a Colab-style host (a hosted Jupyter whose runtime is a fresh Debian/Ubuntu machine, as root).
# From a notebook cell:  !bash colab-setup.sh [REPO_URL] [DIR]   then reload the page.
# Installs a JDK 17 and Maven if missing, jupyter_kernel_test if the host Python lacks it, clones DLKit and
# runs ./dlkit setup with the host's Python, which installs the `dlkit` kernelspec. Such hosts start kernels
# with the ipc transport; the kernel bridges it through that Python's pyzmq.
set -euo pipefail
repo_url=${1:-https://github.com/OWNER/REPO}
dir=${2:-/content/dlkit}
py=${DLKIT_PYTHON:-$(command -v python3)}

if ! command -v javac >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1 \
    || [ ! -d /usr/lib/jvm/java-17-openjdk-amd64 ]; then
  apt-get -qq update
  DEBIAN_FRONTEND=noninteractive apt-get -qq install -y openjdk-17-jdk-headless maven >/dev/null
fi
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/java-17-openjdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64  # the host's default java may be older
fi
if ! "$py" -c 'import jupyter_kernel_test, nbclient, zmq' >/dev/null 2>&1; then
  "$py" -m pip -q install jupyter_kernel_test nbclient pyzmq
fi
if [ ! -x "$dir/dlkit" ]; then
  git clone -q "$repo_url" "$dir"
fi
cd "$dir"
DLKIT_PYTHON="$py" ./dlkit setup
echo "DLKit is installed: reload the page and pick the kernel 'Java (DLKit)'."
