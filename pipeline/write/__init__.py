"""Stage 5, write: document model + the kommun's layout.docx -> .docx (chart, TOC page
numbers from a LibreOffice layout pass, PDF); the accessibility checks of what is written."""
