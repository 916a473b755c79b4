"""Sphinx extension that ships MathJax 3 with the built book.

The HTML then typesets math without any network access: MathJax is taken from
the ``django-static-mathjax`` wheel (MathJax 3.2.2) and copied into
``_static/mathjax/`` of the output when the build finishes. The files are not
placed in the source ``_static`` folder because Jupyter Book adds every
JavaScript file found there to every page.
"""

import shutil
from pathlib import Path

MATHJAX_ENTRY = "tex-mml-chtml.js"
# The entry point loads these component folders on demand; the speech-rule
# engine (sre) is only needed for the assistive explorer, which is off by default.
MATHJAX_FOLDERS = ("input", "output", "ui", "a11y", "adaptors")


def _mathjax_source():
    import mathjax  # provided by django-static-mathjax

    source = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    if not (source / MATHJAX_ENTRY).is_file():
        raise RuntimeError(
            f"MathJax entry point {MATHJAX_ENTRY} not found in {source}; "
            "reinstall the book extra: pip install -e '.[book]'"
        )
    return source


def _set_mathjax_path(app, config):
    config.mathjax_path = f"mathjax/{MATHJAX_ENTRY}"


def _copy_mathjax(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    source = _mathjax_source()
    target = Path(app.outdir) / "_static" / "mathjax"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / MATHJAX_ENTRY, target / MATHJAX_ENTRY)
    for folder in MATHJAX_FOLDERS:
        shutil.copytree(source / folder, target / folder, dirs_exist_ok=True)


def _drop_duplicate_scripts(app, pagename, templatename, context, doctree):
    # Sphinx 7.4 lists an inline script twice when an extension adds it after the
    # builder exists (sphinx-thebe and sphinx-togglebutton do), and the second copy
    # of a `const` declaration is a JavaScript error on every page.
    seen = set()
    unique = []
    for script in context.get("script_files", []):
        if isinstance(script, str):
            key = (script, ())
        else:
            # An inline script has filename None or "" depending on how it was added.
            key = (str(script.filename or ""), tuple(sorted(script.attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app):
    app.connect("html-page-context", _drop_duplicate_scripts, priority=999)
    app.connect("config-inited", _set_mathjax_path, priority=900)
    app.connect("build-finished", _copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
