"""List the files of the book's table of contents (_toc.yml).

Usage: ``python scripts/toc.py [--notebooks]`` prints one path per line,
relative to the repository root, in reading order.
"""

import argparse
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = (".ipynb", ".md")


def _resolve(entry):
    base = ROOT / entry
    for suffix in SUFFIXES:
        if base.with_suffix(suffix).is_file():
            return base.with_suffix(suffix)
    if base.is_file():
        return base
    raise FileNotFoundError(f"_toc.yml lists {entry!r}, but no {entry}.ipynb or {entry}.md exists")


def _walk(node):
    if isinstance(node, dict):
        if "file" in node:
            yield node["file"]
        for key in ("parts", "chapters", "sections"):
            for child in node.get(key, []):
                yield from _walk(child)


def toc_files():
    """Return the paths of every file listed in _toc.yml, in reading order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    entries = [toc["root"], *_walk(toc)]
    return [_resolve(entry) for entry in entries]


def toc_notebooks():
    """Return the notebooks (.ipynb) listed in _toc.yml, in reading order."""
    return [path for path in toc_files() if path.suffix == ".ipynb"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", action="store_true", help="list only .ipynb files")
    args = parser.parse_args()
    paths = toc_notebooks() if args.notebooks else toc_files()
    for path in paths:
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
