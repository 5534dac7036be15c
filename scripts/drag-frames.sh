#!/usr/bin/env bash
# drag-frames.sh: frame times of the real window while a card is dragged on a big map.
#
# Builds the release editor and examples/window_drag.rs, then runs it: the editor under a private
# Xvfb (1600 x 1000) on a generated map of TOUCHPOINTS touchpoints (default 10 000), with
# JOURNEYMAP_FRAME_TIMES=1; a card is dragged with xdotool at the fit zoom, at 100 % and at 5.5 %,
# the map is saved after each drag and checked for the move; prints the frames' times (median,
# p95).
#
# USAGE (from anywhere in the repository)
#   scripts/drag-frames.sh [TOUCHPOINTS]
#   DRAG_KEEP=some/folder scripts/drag-frames.sh   # keep the log, the maps and screenshots
#   NO_BUILD=1 scripts/drag-frames.sh              # use the binaries already built
#
# ENVIRONMENT (optional)
#   DRAG_DISPLAY    the X display to start Xvfb on (default :96; it must be free)
#   JOURNEYMAP_BIN  the editor to run (default target/release/journeymap)
#
# NEEDS
#   apt-get install -y xvfb xauth xdotool imagemagick

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

for tool in Xvfb xdotool import; do
    command -v "$tool" >/dev/null \
        || { echo "drag-frames: $tool is missing (apt-get install -y xvfb xauth xdotool imagemagick)" >&2; exit 1; }
done
if [[ -z ${NO_BUILD:-} ]]; then
    cargo build --release --quiet --bin journeymap --example window_drag
fi
exec target/release/examples/window_drag "$@"
