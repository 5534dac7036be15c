#!/usr/bin/env bash
# subset-cjk-font.sh: build the bundled Chinese font subset.
#
# WHAT IT MAKES
#   assets/fonts/NotoSansCJKsc-Subset.otf   a single-face OpenType (CFF) font
#   assets/fonts/LICENSE-NotoSansCJK.txt     its licence (SIL OFL 1.1)
#   egui's default fonts have no CJK glyphs. This subset is the fallback that
#   renders Chinese (and kana) text in the app.
#
# SOURCE
#   The "Noto Sans CJK SC" face of
#   /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc, from the Debian
#   package fonts-noto-cjk (SIL OFL 1.1). The script looks the face index up by
#   name with fontTools; it does not assume one. The licence text comes from
#   /usr/share/doc/fonts-noto-cjk/copyright in the same package.
#
# CHARACTER SET (the code point list is generated below)
#   - all of GB 2312 (Simplified Chinese: 6,763 hanzi + symbols)
#   - Big5 symbols 0xA140-0xA3BF and Big5 level-1 common Traditional hanzi
#     0xA440-0xC67E
#   - U+0020-00FF Latin-1, U+2000-206F general punctuation,
#     U+3000-303F CJK symbols and punctuation, U+3040-30FF Hiragana/Katakana,
#     U+FF00-FFEF half-width and full-width forms
#   - a few sentences that must always work (REQUIRED_TEXT below)
#   - every character used by the bundled templates (assets/templates/*.ron)
#   Characters that the source face does not have (the emoji in the templates,
#   for example) are skipped and listed. egui's own emoji fonts cover those.
#
# WHAT IT DROPS
#   CFF hinting, vertical-layout tables (vhea, vmtx, VORG), BASE, the name
#   records other than 0-6, 13 and 14, and every OpenType layout feature except
#   the ones a horizontal shaper applies by default (LAYOUT_FEATURES). Above
#   all it drops 'locl', which would pull in about 8,000 Japanese, Korean and
#   Traditional glyph variants that egui never asks for.
#
# NEEDS
#   apt-get install -y fonts-noto-cjk      # the source font + licence
#   pip install fonttools                  # python3 -m fontTools.subset
#   (brotli is only needed for WOFF2 output, which this script does not make)
#
# USAGE (from the repository root)
#   scripts/subset-cjk-font.sh
#   The output is deterministic: the same source font, the same fontTools
#   version and the same templates give byte-identical files. Run it again
#   whenever the templates change, so that their characters stay covered.
#
# ENVIRONMENT (optional)
#   NOTO_CJK_TTC  path of NotoSansCJK-Regular.ttc (default: the Debian path)
#   PYTHON        the Python interpreter to use (default: python3)

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SRC=${NOTO_CJK_TTC:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
DEB_COPYRIGHT=/usr/share/doc/fonts-noto-cjk/copyright
PYTHON=${PYTHON:-python3}
FACE_NAME="Noto Sans CJK SC"
OUT_DIR=assets/fonts
OUT_FONT=$OUT_DIR/NotoSansCJKsc-Subset.otf
OUT_LICENSE=$OUT_DIR/LICENSE-NotoSansCJK.txt
TEMPLATES_DIR=assets/templates

# These must be in the subset. The script fails if any of them is missing.
REQUIRED_TEXT='別整天研究私域了,客戶體驗才是業務增長的驅動力 顾客体验旅程触点痛点机会'

# Horizontal-shaping features that harfrust (egui's shaper) applies by default.
LAYOUT_FEATURES=ccmp,rlig,calt,clig,liga,rclt,curs,dist,kern,mark,mkmk

die() { echo "subset-cjk-font: $*" >&2; exit 1; }

[[ -r $SRC ]] || die "missing $SRC (apt-get install -y fonts-noto-cjk)"
[[ -r $DEB_COPYRIGHT ]] || die "missing $DEB_COPYRIGHT (apt-get install -y fonts-noto-cjk)"
"$PYTHON" -c 'import fontTools.subset' 2>/dev/null \
    || die "fontTools is not importable by $PYTHON (pip install fonttools)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- 1. Find the face index of "Noto Sans CJK SC" in the collection. --------
face_index=$("$PYTHON" - "$SRC" "$FACE_NAME" <<'PY'
import sys
from fontTools.ttLib import TTCollection

path, wanted = sys.argv[1], sys.argv[2]
matches = [
    i
    for i, font in enumerate(TTCollection(path, lazy=True))
    if font["name"].getDebugName(4) == wanted  # full font name
]
if len(matches) != 1:
    sys.exit(f"expected one face named {wanted!r} in {path}, found {matches}")
print(matches[0])
PY
)
echo "source: $SRC, face $face_index ($FACE_NAME)"
if command -v dpkg-query >/dev/null 2>&1; then
    echo "package: fonts-noto-cjk $(dpkg-query -W -f='${Version}' fonts-noto-cjk 2>/dev/null || echo '?')"
fi
echo "fontTools: $("$PYTHON" -c 'import fontTools; print(fontTools.version)')"

# --- 2. Generate the code point list. ---------------------------------------
"$PYTHON" - "$work/unicodes.txt" "$TEMPLATES_DIR" "$REQUIRED_TEXT" <<'PY'
import glob
import os
import sys

out_path, templates_dir, required_text = sys.argv[1:4]


def double_byte(codec, first, last):
    """Code points of every double-byte code first..last that decodes in codec."""
    cps = set()
    for code in range(first, last + 1):
        try:
            cps.add(ord(bytes([code >> 8, code & 0xFF]).decode(codec)))
        except (UnicodeDecodeError, TypeError):
            pass  # unassigned byte pair, or one that decodes to 2+ chars
    return cps


def template_chars():
    chars = set()
    for path in sorted(glob.glob(os.path.join(templates_dir, "*.ron"))):
        with open(path, encoding="utf-8") as f:
            chars |= {ord(c) for c in f.read() if ord(c) >= 0x20}
    return chars


groups = [
    ("GB 2312 (all rows)", double_byte("gb2312", 0xA1A1, 0xF7FE)),
    ("Big5 symbols 0xA140-0xA3BF", double_byte("big5", 0xA140, 0xA3BF)),
    ("Big5 level-1 hanzi 0xA440-0xC67E", double_byte("big5", 0xA440, 0xC67E)),
    ("Latin-1 U+0020-00FF", set(range(0x0020, 0x00FF + 1))),
    ("General punctuation U+2000-206F", set(range(0x2000, 0x206F + 1))),
    ("CJK symbols and punctuation U+3000-303F", set(range(0x3000, 0x303F + 1))),
    ("Hiragana and Katakana U+3040-30FF", set(range(0x3040, 0x30FF + 1))),
    ("Half-width and full-width forms U+FF00-FFEF", set(range(0xFF00, 0xFFEF + 1))),
    ("Required text", {ord(c) for c in required_text}),
    ("Characters used by the bundled templates", template_chars()),
]

seen = set()
with open(out_path, "w", encoding="ascii") as out:
    for label, cps in groups:
        new = sorted(cps - seen)
        seen |= cps
        print(f"  {label}: {len(cps)} code points ({len(new)} new)")
        out.write(f"# {label}\n")
        for i in range(0, len(new), 16):
            out.write(" ".join(f"U+{cp:04X}" for cp in new[i : i + 16]) + "\n")
print(f"  total requested: {len(seen)} code points")
PY

# --- 3. Subset. -------------------------------------------------------------
"$PYTHON" -m fontTools.subset "$SRC" \
    --font-number="$face_index" \
    --unicodes-file="$work/unicodes.txt" \
    --output-file="$work/font.otf" \
    --layout-features="$LAYOUT_FEATURES" \
    --no-hinting \
    --drop-tables+=VORG,vhea,vmtx,BASE \
    --name-IDs=0,1,2,3,4,5,6,13,14 \
    --name-languages=0x409 \
    --no-recalc-timestamp

# --- 4. Verify the result. --------------------------------------------------
"$PYTHON" - "$SRC" "$face_index" "$work/font.otf" "$work/unicodes.txt" \
    "$TEMPLATES_DIR" "$REQUIRED_TEXT" <<'PY'
import glob
import os
import sys
import unicodedata
from fontTools.ttLib import TTFont

src_path, face_index, out_path, unicodes_path, templates_dir, required_text = sys.argv[1:7]
src_cmap = TTFont(src_path, fontNumber=int(face_index), lazy=True).getBestCmap()
out = TTFont(out_path)
out_cmap = out.getBestCmap()


def describe(cps):
    return ", ".join(
        f"U+{cp:04X} {chr(cp)} {unicodedata.name(chr(cp), '?')}" for cp in sorted(cps)
    )


# Every requested code point that the source face has must be in the subset.
requested = set()
with open(unicodes_path, encoding="ascii") as f:
    for line in f:
        requested |= {int(tok[2:], 16) for tok in line.split("#")[0].split()}
lost = {cp for cp in requested if cp in src_cmap and cp not in out_cmap}
if lost:
    sys.exit(f"subset lost code points the source has: {describe(lost)}")

missing = {ord(c) for c in required_text if ord(c) not in out_cmap}
if missing:
    sys.exit(f"required characters missing from the subset: {describe(missing)}")

not_in_source = set()
for path in sorted(glob.glob(os.path.join(templates_dir, "*.ron"))):
    with open(path, encoding="utf-8") as f:
        chars = {ord(c) for c in f.read() if ord(c) >= 0x20}
    absent = {cp for cp in chars if cp not in out_cmap}
    assert all(cp not in src_cmap for cp in absent)  # implied by the check above
    not_in_source |= absent
if not_in_source:
    print("template characters not in Noto Sans CJK (left to other fonts): "
          + describe(not_in_source))

print(f"glyphs: {out['maxp'].numGlyphs}, cmap entries: {len(out_cmap)}, "
      f"tables: {' '.join(sorted(t for t in out.keys() if t != 'GlyphOrder'))}")
PY

# --- 5. Licence text: the font's copyright notice + the OFL from Debian. ----
"$PYTHON" - "$SRC" "$face_index" "$DEB_COPYRIGHT" "$work/LICENSE.txt" <<'PY'
import sys
from fontTools.ttLib import TTFont

src_path, face_index, copyright_path, out_path = sys.argv[1:5]
notice = TTFont(src_path, fontNumber=int(face_index), lazy=True)["name"].getDebugName(0)

# The Debian copyright file holds the OFL as a stand-alone paragraph: a
# "License: SIL-1.1" line followed by the text indented by one space, with
# " ." for blank lines. ("Files:" paragraphs also have a "License: SIL-1.1"
# line, but nothing indented after it.)
ofl, inside = [], False
with open(copyright_path, encoding="utf-8") as f:
    for line in f.read().splitlines():
        if line == "License: SIL-1.1":
            inside, ofl = True, []
        elif inside and line.startswith(" "):
            ofl.append("" if line.strip() == "." else line[1:])
        elif inside and ofl:
            break
        else:
            inside = False
if not any("SIL OPEN FONT LICENSE Version 1.1" in line for line in ofl):
    sys.exit(f"no SIL OFL 1.1 text found in {copyright_path}")

with open(out_path, "w", encoding="utf-8", newline="\n") as out:
    out.write(
        "NotoSansCJKsc-Subset.otf is a subset of Noto Sans CJK SC Regular\n"
        "(NotoSansCJK-Regular.ttc, Debian package fonts-noto-cjk).\n"
        "\n"
        f"Copyright {notice.lstrip('© ').rstrip('.')}.\n"
        "Noto is a trademark of Google Inc.\n"
        "\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "This license is copied below, and is also available with a FAQ at:\n"
        "https://openfontlicense.org\n"
        "\n"
    )
    out.write("\n".join(ofl).rstrip("\n") + "\n")
PY

# --- 6. Install. ------------------------------------------------------------
mkdir -p "$OUT_DIR"
cp "$work/font.otf" "$OUT_FONT"
cp "$work/LICENSE.txt" "$OUT_LICENSE"
size=$(wc -c <"$OUT_FONT")
echo "wrote $OUT_FONT ($size bytes)"
echo "wrote $OUT_LICENSE"
if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$OUT_FONT" "$OUT_LICENSE"
fi
