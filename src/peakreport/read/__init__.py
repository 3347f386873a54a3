"""Stage 1 of 5, read: an export, exactly as downloaded, into a table of text and a map of
its columns.

Finds the encoding, delimiter, header row and platform (`presets`) of a registration or
survey export, reads every cell as text with its source row number (`load`), and decides
which column feeds each canonical field (`mapping`, weighing header words against the
shape of the values: `fields`, `shapes`, `values`, `dates`). `source.read_source` is the
stage's one entry. Nothing here decides whether a row counts: that is the data stage's.

May import: the shared modules at the package's top (errors, text, i18n, territory,
params, privacy, bundle). Never a later stage.
"""
