"""Sphinx extension that lays out the PDF edition like the table of contents.

Sphinx's LaTeX builder inlines every page into one document. Of the captions of
the root page's toctrees (the parts of ``_toc.yml``) it keeps only the first, as
the title of the table of contents. It also moves the reference list to the very
end of the document. For the LaTeX builder only, this extension

- keeps "Contents" as the title of the table of contents,
- starts a ``\\part`` named after the caption before the first page of each
  captioned toctree,
- puts ``\\appendix`` before the toctree captioned "Appendix" instead of a part,
  so its chapters are lettered A, B, ... after the numbered chapters, and
- moves the reference list back into the page that holds the ``{bibliography}``
  directive, wherever that page is in the table of contents.

The HTML builder is not affected.
"""

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.util.texescape import escape

APPENDIX_CAPTION = "Appendix"


def _latex_for_caption(caption):
    if caption == APPENDIX_CAPTION:
        return "\\appendix\n"
    # A caption such as "Part I. Learning models" becomes the part title "Learning models",
    # because LaTeX prints "Part I" itself.
    title = caption
    if caption.startswith("Part ") and ". " in caption:
        title = caption.split(". ", 1)[1]
    return f"\\part{{{escape(title)}}}\n"


def _first_page_captions(env):
    """Map the first page of each captioned toctree of the root page to its caption."""
    root = env.get_doctree(env.config.root_doc)
    captions = {}
    for toctree in root.findall(addnodes.toctree):
        caption = toctree.get("caption")
        pages = [page for _title, page in toctree["entries"]]
        if caption and pages:
            captions[pages[0]] = caption
    return captions


def _insert_parts(doctree, captions):
    # In the document that the LaTeX builder assembled, each inlined page is wrapped
    # in a start_of_file node that names the page.
    for page in list(doctree.findall(addnodes.start_of_file)):
        caption = captions.get(page["docname"])
        if caption is None:
            continue
        raw = nodes.raw("", _latex_for_caption(caption), format="latex")
        page.parent.insert(page.parent.index(page), raw)


def _move_reference_list(doctree):
    pages = {page["docname"]: page for page in doctree.findall(addnodes.start_of_file)}
    for references in list(doctree.findall(thebibliography)):
        # Sphinx's citation domain stores in each citation the page that defines it.
        names = {citation.get("docname") for citation in references.findall(nodes.citation)}
        # NOTE: a list gathered from several bibliography pages stays at the end.
        if len(names) != 1 or next(iter(names)) not in pages:
            continue
        references.parent.remove(references)
        pages[next(iter(names))].append(references)


def _arrange_document(app, doctree, docname):
    if app.builder.format != "latex" or docname != app.config.root_doc:
        return
    _insert_parts(doctree, _first_page_captions(app.env))
    _move_reference_list(doctree)


def _keep_contents_title(app):
    if app.builder.format == "latex":
        app.builder.get_contentsname = lambda indexfile: ""


def setup(app):
    app.connect("builder-inited", _keep_contents_title)
    app.connect("doctree-resolved", _arrange_document)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
