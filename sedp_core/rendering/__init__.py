"""Rendering: a valid program becomes documents in one language.

`context` (what a template sees), `formatting` (numbers, money, dates per language), `filters` and
`filters_plugin` (template filters), `charts`, `templates` (checked .docx), `render` (docxtpl in a
sandbox), `numbering` (items by the document's own numbers), `typography` (non-breaking hyphens),
`fileio` (atomic, deterministic writing), `pdf` and `pdf_uno` (LibreOffice).
"""
