"""Stage 2 of 5, data: which rows count, and who is who.

Turns a read table into canonical columns and sets aside the rows that cannot be used,
each with its source row and reason (`validate`); merges registration rows into people
and survey rows into responses (`link`); `prepare` runs both for a forum's exports.
Also here: the rejected rows as a safe CSV (`rejected`) and the params file that
`peakreport init` writes from two exports (`params_writer`).

May import: the read stage and the shared modules. Never measure, notebook or publish.
"""
