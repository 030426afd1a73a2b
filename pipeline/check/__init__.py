"""Stage 2, check: RawWorkbook -> typed rows + findings (contract rules and sense checks)."""
