"""Stage 4, compose: model + kommun profile + kommun texts -> document model."""
