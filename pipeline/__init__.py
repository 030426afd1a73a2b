"""namndplan: builds a nämnd's plan (.docx) from a standardised Excel input workbook.

Stages, one module each, I/O only at the edges:

    read      (xlsx: lxml + openpyxl's rules)  workbook -> RawWorkbook, every value with
                                  its Sheet!Cell
    validate  (cerberus)          RawWorkbook -> typed rows + Findings
    model                         typed rows -> Plan (named tuples)
    compose   (jinja2)            Plan + kommun texts -> docmodel.Document
    write_docx (python-docx, lxml) docmodel.Document -> .docx from templates/layout.docx
"""

__version__ = "0.1.0"
