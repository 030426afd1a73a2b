"""namndplan: builds a nämnd's plan (.docx) from a standardised Excel input workbook.

Stages, one module each, I/O only at the edges:

    read      (xlsx: lxml + openpyxl's rules)  workbook -> RawWorkbook, every value with
                                  its Sheet!Cell
    validate  (cerberus)          RawWorkbook -> typed rows + Findings
    model                         typed rows -> Plan (named tuples)
    compose   (jinja2)            Plan + kommun texts -> docmodel.Document
    write_docx (python-docx, lxml) docmodel.Document -> .docx from templates/layout.docx
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
