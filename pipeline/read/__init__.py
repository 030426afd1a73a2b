"""Stage 1, read: a workbook file -> RawWorkbook, every value with its Sheet!Cell."""
