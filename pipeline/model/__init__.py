"""Stage 3, model: checked rows -> what the document says (named tuples; sums computed)."""
