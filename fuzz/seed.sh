#!/usr/bin/env bash
# Fills the fuzz corpora with seeds: every template as map text and as a small PNG and SVG,
# the published fixtures, and a few clips. Run from the repository's root:
#   fuzz/seed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/journeymap
mkdir -p fuzz/corpus/{ron_loader,png_reader,svg_reader,clip_reader,mermaid_reader,csv_reader,pdf_reader}
for name in $($bin templates); do
  $bin new "$name" -o "fuzz/corpus/ron_loader/$name.ron"
done
cp tests/fixtures/*.ron tests/fixtures/published/*.ron fuzz/corpus/ron_loader/
for name in restaurant-en silk-shop-zh; do
  $bin export "fuzz/corpus/ron_loader/$name.ron" -o "fuzz/corpus/png_reader/$name.png" --scale 1
  $bin export "fuzz/corpus/ron_loader/$name.ron" -o "fuzz/corpus/svg_reader/$name.svg"
  $bin export "fuzz/corpus/ron_loader/$name.ron" -o "fuzz/corpus/pdf_reader/$name.pdf"
done
printf '(format: "journeymap-clip", version: 2, notes: [(id: 1, anchor: Journey, text: "a")])' \
  > fuzz/corpus/clip_reader/notes.ron
printf '(format: "journeymap-clip", version: 2, touchpoints: [(touchpoint: (id: 2, title: "t"), scores: {"As-is": 1})])' \
  > fuzz/corpus/clip_reader/cards.ron
cp tests/fixtures/mermaid/*.mmd fuzz/corpus/mermaid_reader/
for name in restaurant-en silk-shop-zh hotel-stay-zh; do
  $bin export "fuzz/corpus/ron_loader/$name.ron" -o "fuzz/corpus/mermaid_reader/$name.mmd" 2>/dev/null
  $bin export "fuzz/corpus/ron_loader/$name.ron" -o "fuzz/corpus/csv_reader/$name.csv" 2>/dev/null
done
printf '阶段;触点;渠道;评分：现状;Risks\n发现;看到广告;微信;2;"没人\n看"\n' > fuzz/corpus/csv_reader/drafted.csv
echo "seeded: $(find fuzz/corpus -type f | wc -l) files"
