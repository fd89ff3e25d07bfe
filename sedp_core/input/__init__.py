"""Input: a file becomes plain data with the file location of every value (`LoadedData`).

`loader` (size limit, decoding, positions, alias bombs, XML-forbidden characters), `limits`,
`readers` (the core's YAML and JSON readers, a plugin), `datafiles` (plugins' own YAML data).
"""
