"""Input: a file becomes plain data with the file location of every value (`LoadedData`).

`loader` (size limit, decoding, positions, alias bombs, XML-forbidden characters), `limits`,
`readers` (the core's YAML and JSON readers, a plugin), `yaml_reader` (a user's YAML by libyaml, with positions),
`formats` (the one message for a file no reader takes), `datafiles` (plugins' own YAML data).
"""
