#!/usr/bin/env bash
# ./dlkit grade throughput: K copies of one solution graded at --jobs 1 and --jobs 2, sandbox on and off, in one
# run. Prints the speed-up of --jobs 2 over --jobs 1 (goal >= 1.8 on 2 free cores) and the sandbox's overhead per
# submission (goal <= 3 % of its grading time), and checks that every run gave the same scores.
#   bench/grade_bench.sh [K] [NOTEBOOK] [ROUNDS]   (defaults: 4, notebooks/HandDesignFilters.ipynb, 1; ~15 s a run)
# The machine's load average is printed with the results: other work on the cores lowers the speed-up.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
k=${1:-4}
notebook=${2:-$repo/notebooks/HandDesignFilters.ipynb}
reps=${3:-1}
tmp=$(mktemp -d /tmp/dlkit-grade-bench-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
"$repo/dlkit" setup >/dev/null
subs=()
for i in $(seq 1 "$k"); do cp "$notebook" "$tmp/student$i.ipynb"; subs+=("$tmp/student$i.ipynb"); done

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), K=$k, $(basename "$notebook"), $reps round(s)"
# Rounds run the four set-ups interleaved, each round in another order, and the median counts: load that comes and
# goes during the run then spreads over all four instead of falling on whichever ran last.
declare -A times cores
# Busy CPU of the whole machine (jiffies; all processes, the sandboxes' included): a --jobs 1 run that already
# keeps c cores busy can be sped up by at most nproc / c, whatever the grader does.
busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
orders=("nosandbox-1 sandbox-1 nosandbox-2 sandbox-2" "sandbox-2 nosandbox-2 sandbox-1 nosandbox-1")
for round in $(seq 1 "$reps"); do
  for run in ${orders[$(( (round - 1) % 2 ))]}; do
    mode=${run%-*} jobs=${run#*-}
    flag=(); [ "$mode" = nosandbox ] && flag=(--no-sandbox)
    busy0=$(busy); start=$(date +%s.%N)
    "$repo/dlkit" grade --source "$notebook" "${subs[@]}" -o "$tmp/out-$run-$round" --jobs "$jobs" "${flag[@]}" \
      > "$tmp/log-$run-$round" 2>&1 || { cat "$tmp/log-$run-$round"; exit 1; }
    end=$(date +%s.%N); busy1=$(busy)
    t=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
    c=$(awk -v a="$busy0" -v b="$busy1" -v t="$t" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (b - a) / hz / t }')
    times[$run]="${times[$run]:-} $t"
    cores[$run]="${cores[$run]:-} $c"
    echo "round $round, $mode --jobs $jobs: $t s, $c cores busy  ($(grep -c 'peak' "$tmp/log-$run-$round") submissions; load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
declare -A secs
for run in nosandbox-1 nosandbox-2 sandbox-1 sandbox-2; do secs[$run]=$(median "${times[$run]}"); done
echo "| run | median seconds | rounds | cores busy |"; echo "|---|---|---|---|"
for run in nosandbox-1 nosandbox-2 sandbox-1 sandbox-2; do
  echo "| ${run%-*} --jobs ${run#*-} | ${secs[$run]} |${times[$run]} |${cores[$run]} |"
done
# the same scores everywhere
python3 - "$tmp" <<'PY'
import json, sys, glob
runs = {}
for path in sorted(glob.glob(sys.argv[1] + "/out-*/grades.json")):
    with open(path) as f:
        runs[path.split("/")[-2]] = {s["student"]: {c["grade_id"]: c["score"] for c in s["cells"]}
                                     for s in json.load(f)["submissions"]}
first = next(iter(runs.values()))
same = all(r == first for r in runs.values())
print("scores identical across the %d runs: %s" % (len(runs), "yes" if same else "NO"))
sys.exit(0 if same else 1)
PY
awk -v k="$k" -v n="$(nproc)" -v c1="$(median "${cores[sandbox-1]}")" -v d1="$(median "${cores[nosandbox-1]}")" -v s1="${secs[sandbox-1]}" -v s2="${secs[sandbox-2]}" -v n1="${secs[nosandbox-1]}" -v n2="${secs[nosandbox-2]}" 'BEGIN {
  printf "| speed-up --jobs 2 / --jobs 1 | sandbox %.2fx | no sandbox %.2fx | goal >= 1.8x |\n", s1 / s2, n1 / n2
  printf "| its ceiling here: %d cores / cores busy at --jobs 1 | sandbox %.2fx | no sandbox %.2fx | |\n", n, n / c1, n / d1
  printf "| sandbox overhead per submission | --jobs 1 %+.1f %% | --jobs 2 %+.1f %% | goal <= 3 %% |\n", (s1 - n1) / n1 * 100, (s2 - n2) / n2 * 100
  printf "| the same in seconds per submission | --jobs 1 %+.2f s | --jobs 2 %+.2f s | of %.1f s each (--jobs 1, no sandbox) |\n", (s1 - n1) / k, (s2 - n2) / k * 2, n1 / k
}'
