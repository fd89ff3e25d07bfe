"""Schema, a side branch: JSON Schemas from the program models, and reviewers' views of them.

`export` (generation, export, drift check), `annotations` (origin and codelists), `doc` (Markdown),
`diff` (changes between two versions).
"""
