"""Make assets/fonts: the OFL Noto fonts Rapport ships for the scripts Noto Sans lacks, and their coverage.

Run by hand when the fonts change, with fontTools (not a dependency of the game):

    python3 -m venv /tmp/fontvenv && /tmp/fontvenv/bin/pip install fonttools
    apt-get install fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji
    /tmp/fontvenv/bin/python docs/make_fonts.py

The Latin, Greek, Cyrillic and Devanagari text is drawn with the Noto Sans that pygame_gui ships (a
dependency); Arabic, Hebrew, CJK and emoji come from Debian's fonts-noto-* packages, subset:

- CJK: one face (Noto Sans CJK SC) cut to the characters a name or a line is likely to use: GB 2312
  level 1 (3,755 common simplified Chinese characters), Big5 level 1 (5,401 common traditional
  ones), JIS X 0208 level 1 kanji (2,965), the 2,350 Hangul syllables of KS X 1001, kana, CJK
  punctuation, full-width forms, and every CJK character in the shipped scenarios. Text outside it
  is drawn as a box and `validate --strict` warns about it.
- Emoji: Noto Color Emoji cut to the faces, hands, hearts and a few common symbols; other emoji are
  drawn as their name in brackets.

It writes assets/fonts/coverage.json: for each font, the code point ranges it has a glyph for. The game
reads it to choose a font for each character without opening every font, and the validator reads it to
warn about characters no font covers.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "fonts"
NOTO = Path("/usr/share/fonts/truetype/noto")
CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def pygame_gui_data() -> Path:
    for path in (ROOT / ".venv" / "lib").glob("python3*/site-packages/pygame_gui/data"):
        return path
    sys.exit("pygame_gui not found in .venv")


def codec_chars(codec: str, lead: range, trail: range | list[int]) -> set[int]:
    chars: set[int] = set()
    for a in lead:
        for b in trail:
            try:
                text = bytes([a, b]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                chars.add(ord(text))
    return chars


def cjk_set() -> set[int]:
    chars = codec_chars("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))  # level 1 hanzi
    chars |= codec_chars("euc_jp", range(0xB0, 0xD0), range(0xA1, 0xFF))  # level 1 kanji
    chars |= codec_chars("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF))  # the 2,350 Hangul syllables
    trail = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    chars |= codec_chars("big5", range(0xA4, 0xC7), trail)  # Big5's 5,401 common traditional characters
    for low, high in (
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0x3040, 0x30FF),  # hiragana, katakana
        (0x3130, 0x318F),  # Hangul compatibility jamo
        (0xFF00, 0xFFEF),  # full-width forms
    ):
        chars |= set(range(low, high + 1))
    chars |= {0x20, 0x00A0}  # a space inside a run of CJK stays in it
    for path in (ROOT / "scenarios").glob("*.yaml"):
        chars |= {ord(c) for c in path.read_text(encoding="utf-8") if is_cjk(ord(c))}
    return chars


def is_cjk(cp: int) -> bool:
    return 0x2E80 <= cp <= 0x9FFF or 0xAC00 <= cp <= 0xD7AF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF


EMOJI = (
    list(range(0x1F600, 0x1F650))  # emoticons
    + list(range(0x1F44A, 0x1F451))  # hands
    + list(range(0x1F493, 0x1F4A0))  # hearts
    + [0x2764, 0x2728, 0x2B50, 0x1F525, 0x1F31E, 0x1F308, 0x1F327, 0x1F338, 0x1F389, 0x1F381, 0x1F4AA]
    + [0x1F914, 0x1F917, 0x1F922, 0x1F923, 0x1F924, 0x1F929, 0x1F92A, 0x1F92F, 0x1F970, 0x1F971, 0x1F972]
    + [0x1F973, 0x1F974, 0x1F975, 0x1F976, 0x1F97A, 0x1F97B, 0x1F9D0, 0x1F91D, 0x1F64C]
)


def run_subset(
    src: Path, dest: Path, unicodes: set[int] | list[int], font_number: int = 0, *, bitmaps: bool = False
) -> None:
    options = subset.Options()
    options.font_number = font_number
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False
    options.drop_tables += ["DSIG"]
    if bitmaps:
        options.drop_tables = [t for t in options.drop_tables if t not in ("CBDT", "CBLC")]
    font = subset.load_font(str(src), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)
    subset.save_font(font, str(dest), options)


def ranges(cmap: set[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for cp in sorted(cmap):
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def cmap_of(path: Path) -> set[int]:
    font = TTFont(str(path), fontNumber=0)
    return set(font.getBestCmap())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    arabic = set(range(0x0600, 0x0700)) | set(range(0x0750, 0x0780)) | set(range(0xFB50, 0xFE00))
    arabic |= set(range(0xFE70, 0xFF00)) | set(range(0x20, 0x40))
    arabic |= {0x00A0, 0x200C, 0x200D, 0x200E, 0x200F, 0x25CC, 0x060C, 0x061B, 0x061F}
    run_subset(NOTO / "NotoSansArabic-Regular.ttf", OUT / "NotoSansArabic-Regular.ttf", arabic)
    shutil.copyfile(NOTO / "NotoSansHebrew-Regular.ttf", OUT / "NotoSansHebrew-Regular.ttf")
    index = [f["name"].getDebugName(4) for f in TTCollection(str(CJK)).fonts].index("Noto Sans CJK SC")
    run_subset(CJK, OUT / "NotoSansCJKsc-Subset.otf", cjk_set(), index)
    run_subset(NOTO / "NotoColorEmoji.ttf", OUT / "NotoColorEmoji-Subset.ttf", EMOJI, bitmaps=True)

    data = pygame_gui_data()
    fonts = [
        # name, files by style (relative to assets/fonts, or "pygame_gui:" for pygame_gui's data), script tag
        ("noto-sans", {s: f"pygame_gui:NotoSans-{n}.ttf" for s, n in STYLES.items()}, data / "NotoSans-Regular.ttf"),
        ("noto-sans-arabic", {"regular": "NotoSansArabic-Regular.ttf"}, OUT / "NotoSansArabic-Regular.ttf"),
        ("noto-sans-hebrew", {"regular": "NotoSansHebrew-Regular.ttf"}, OUT / "NotoSansHebrew-Regular.ttf"),
        ("noto-sans-cjk", {"regular": "NotoSansCJKsc-Subset.otf"}, OUT / "NotoSansCJKsc-Subset.otf"),
        ("noto-color-emoji", {"regular": "NotoColorEmoji-Subset.ttf"}, OUT / "NotoColorEmoji-Subset.ttf"),
    ]
    table = {
        "about": "Which code points each font Rapport draws with has a glyph for, in the order fonts are tried. "
        "Made by docs/make_fonts.py.",
        "fonts": [{"name": name, "files": files, "ranges": ranges(cmap_of(path))} for name, files, path in fonts],
    }
    (OUT / "coverage.json").write_text(json.dumps(table, separators=(",", ":")) + "\n", encoding="utf-8")
    for path in sorted(OUT.iterdir()):
        print(f"{path.stat().st_size:>10,}  {path.name}")


STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bolditalic": "BoldItalic"}

if __name__ == "__main__":
    main()
