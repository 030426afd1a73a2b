"""namndplan: builds a nämnd's plan and follow-up reports (.docx) from standardised Excel
workbooks.

One folder per stage, imports only downward (see the README's architecture section):

    read/      workbook file -> RawWorkbook, every value with its Sheet!Cell
    check/     RawWorkbook -> typed rows + Findings (contract rules, sense checks)
    model/     typed rows -> what the document says (named tuples, sums computed)
    compose/   model + kommun profile + kommun texts -> docmodel.Document
    write/     docmodel.Document -> .docx from the kommun's layout.docx

``common/`` and ``spec/`` serve them all; ``workbooks/`` writes the workbooks; ``cli/`` is
the command line; ``build.py`` orchestrates a build or a batch.
"""


def __getattr__(name: str) -> str:
    """``pipeline.__version__``: the installed distribution's version, whose one source is
    ``version`` in pyproject.toml (read only when asked: importlib.metadata is not cheap)."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("namndplan")
    except PackageNotFoundError:  # a source tree on sys.path, not installed
        return "0+unknown"
