#!/usr/bin/env python3
"""Write the ```<lang> blocks of a README, verbatim, as numbered files:
readme-blocks.py README.md python OUTDIR .py COUNT -> OUTDIR/block0.py, ...
Fails unless the README has exactly COUNT such blocks, so a quick start
cannot silently drop out of the tests."""
import pathlib
import re
import sys

readme, lang, out, ext, count = sys.argv[1:6]
text = pathlib.Path(readme).read_text(encoding="utf-8")
blocks = re.findall(rf"^```{re.escape(lang)}\n(.*?)^```", text, flags=re.S | re.M)
if len(blocks) != int(count):
    sys.exit(f"{readme}: expected {count} ```{lang} blocks, found {len(blocks)}")
for i, b in enumerate(blocks):
    (pathlib.Path(out) / f"block{i}{ext}").write_text(b, encoding="utf-8")
