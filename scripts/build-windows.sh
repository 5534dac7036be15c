#!/usr/bin/env bash
# Cross-builds the Windows editor, journeymap.exe with its icon embedded, from Linux with the
# distribution's MinGW-w64. Needs (Debian):
#   apt-get install -y gcc-mingw-w64-x86-64
#   rustup target add x86_64-pc-windows-gnu
# Writes target/x86_64-pc-windows-gnu/release/journeymap.exe (cold, about 5 minutes on two
# cores, after a 300 MB download of MinGW and the target's standard library). Not run by CI,
# which has neither; run it by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu
if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
    echo "build-windows: MinGW-w64 is missing: apt-get install -y gcc-mingw-w64-x86-64" >&2
    exit 2
fi
if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    echo "build-windows: the Rust target is missing: rustup target add $target" >&2
    exit 2
fi
cargo build --release --target "$target"
exe="target/$target/release/journeymap.exe"
# The icon is a resource of the .exe.
if command -v x86_64-w64-mingw32-objdump >/dev/null \
    && ! x86_64-w64-mingw32-objdump -h "$exe" | grep -q '\.rsrc'; then
    echo "build-windows: $exe has no resources: the icon was not embedded" >&2
    exit 1
fi
echo "built $exe"
