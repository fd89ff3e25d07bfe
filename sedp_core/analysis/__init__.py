"""Analysis of validated programs, beside rendering: what changed between two versions of a program
(`compare.py`), written as report documents (`report_docx.py`)."""
