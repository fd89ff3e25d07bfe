"""Data exchange, a side branch: a program as tables, in and out.

`tabular` and `tabular_read` (any program model as tables and back), `excel` and `excel_texts`
(workbooks), `opendata` (Frictionless data package), `survey` (XLSForm, KoboToolbox/ODK exports),
`pabulib` (.pb files for plugin exporters), `plugin` (the `.xlsx` reader and the core's exporters).
"""
