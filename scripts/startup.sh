#!/usr/bin/env bash
# startup.sh: start-up time of the editor against an empty eframe window (BENCHMARKS.md, row 6).
#
# WHAT IT MEASURES
#   From launch (the time `date +%s%N` gives in the process just before it execs the program) to
#   the first painted frame: the program, run with JOURNEYMAP_FIRST_FRAME=1, prints
#   `first-frame <unix time in ns>` to standard error at the start of its second frame, which
#   its first frame asks for, so after the first frame was painted and presented (the window is
#   shown once its first frame is painted).
#     ours:  target/release/journeymap with no argument (it opens its bundled template)
#     floor: target/release/examples/empty_window, an empty eframe window built with the same
#            features and opened with the same NativeOptions (renderer, viewport)
#   Each runs RUNS times, alternating, each run with a fresh HOME (so no persisted settings,
#   recovery copies or shader caches differ), on a private Xvfb display that the script starts
#   and stops. It prints every run, the medians and their ratio against the budget (<= 1.5x).
#
# USAGE (from anywhere in the repository)
#   scripts/startup.sh                 # builds both in release first
#   RUNS=11 scripts/startup.sh
#   NO_BUILD=1 scripts/startup.sh      # use the binaries already built
#
# ENVIRONMENT (optional)
#   RUNS            runs of each program (default 7)
#   STARTUP_DISPLAY the X display to start Xvfb on (default :97; it must be free)
#   BUDGET          the ratio the editor may reach (default 1.5)
#   TIMEOUT         seconds to wait for a first frame (default 60)
#
# NEEDS
#   apt-get install -y xvfb xauth xdotool

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS=${RUNS:-7}
DISPLAY_NAME=${STARTUP_DISPLAY:-:97}
BUDGET=${BUDGET:-1.5}
TIMEOUT=${TIMEOUT:-60}
OURS=target/release/journeymap
FLOOR=target/release/examples/empty_window

die() { echo "startup: $*" >&2; exit 1; }

for tool in Xvfb xdotool; do
    command -v "$tool" >/dev/null || die "$tool is missing (apt-get install -y xvfb xauth xdotool)"
done
if [[ -z ${NO_BUILD:-} ]]; then
    cargo build --release --quiet --bin journeymap --example empty_window
fi
[[ -x $OURS && -x $FLOOR ]] || die "build $OURS and $FLOOR first (cargo build --release --example empty_window)"

work=$(mktemp -d)
xvfb_pid=
app_pid=
cleanup() {
    [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
    [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# --- The display. -------------------------------------------------------------
if DISPLAY=$DISPLAY_NAME xdotool getdisplaygeometry >/dev/null 2>&1; then
    die "display $DISPLAY_NAME is already in use (set STARTUP_DISPLAY)"
fi
Xvfb "$DISPLAY_NAME" -screen 0 1600x1000x24 -nolisten tcp -noreset >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
    DISPLAY=$DISPLAY_NAME xdotool getdisplaygeometry >/dev/null 2>&1 && break
    kill -0 "$xvfb_pid" 2>/dev/null || die "Xvfb did not start on $DISPLAY_NAME"
    sleep 0.1
done
DISPLAY=$DISPLAY_NAME xdotool getdisplaygeometry >/dev/null 2>&1 || die "Xvfb on $DISPLAY_NAME takes no clients"

# --- One run: prints milliseconds from launch to the first painted frame. -----
run_once() {
    local program=$1 run_dir
    run_dir=$(mktemp -d "$work/run.XXXXXX")
    mkdir -p "$run_dir/home"
    (
        export HOME=$run_dir/home DISPLAY=$DISPLAY_NAME JOURNEYMAP_FIRST_FRAME=1
        unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME WAYLAND_DISPLAY
        date +%s%N >"$run_dir/launched"
        exec "$program" >/dev/null 2>"$run_dir/stderr"
    ) &
    app_pid=$!
    local waited=0 line=
    while :; do
        line=$(grep -m1 '^first-frame ' "$run_dir/stderr" 2>/dev/null || true)
        [[ -n $line ]] && break
        if ! kill -0 "$app_pid" 2>/dev/null; then
            cat "$run_dir/stderr" >&2
            die "$program exited before its first frame"
        fi
        if ((waited >= TIMEOUT * 100)); then
            die "$program showed no frame in $TIMEOUT s"
        fi
        sleep 0.01
        waited=$((waited + 1))
    done
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=
    local launched painted
    launched=$(cat "$run_dir/launched")
    painted=${line#first-frame }
    rm -rf "$run_dir"
    echo $(((painted - launched) / 1000))  # microseconds
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }

ours=()
floor=()
echo "launch -> first painted frame, ms ($RUNS runs each, alternating, on $DISPLAY_NAME)"
for i in $(seq "$RUNS"); do
    # Alternate which goes first, so neither always follows the other.
    if ((i % 2)); then
        a=$(run_once "$OURS"); b=$(run_once "$FLOOR")
    else
        b=$(run_once "$FLOOR"); a=$(run_once "$OURS")
    fi
    ours+=("$a")
    floor+=("$b")
    printf 'run %2d  journeymap %8s  empty_window %8s\n' "$i" "$(ms "$a")" "$(ms "$b")"
done

ours_median=$(printf '%s\n' "${ours[@]}" | median)
floor_median=$(printf '%s\n' "${floor[@]}" | median)
awk -v o="$ours_median" -v f="$floor_median" -v b="$BUDGET" 'BEGIN {
    r = o / f
    printf "median  journeymap %.1f ms  empty_window %.1f ms\n", o / 1000, f / 1000
    printf "ratio %.2fx (budget <= %.1fx): %s\n", r, b, (r <= b ? "holds" : "missed")
}'
