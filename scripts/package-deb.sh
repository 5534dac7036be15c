#!/usr/bin/env bash
# Builds the Debian package: the release binary, the desktop entry, the MIME type, the
# thumbnailer and the icons (see [package.metadata.deb] in Cargo.toml). Needs cargo-deb:
#   cargo install cargo-deb --locked
# Writes target/debian/journeymap_<version>-1_<arch>.deb; install it with
#   sudo apt install ./target/debian/journeymap_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release
cargo deb --no-build --output target/debian/
