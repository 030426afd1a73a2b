"""What the stages are told: the workbook contract, the kommun profile (the document's
shape) and the kommun folder's configuration."""
