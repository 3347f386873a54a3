"""Stage 3 of 5, measure: the numbers, exactly as SPEC.md defines them.

`analysis.analyse` is one forum read, checked and measured: its metrics.json
(`metrics`), warnings on data that look wrong (`sanity`), the data-quality summary
`peakreport validate` prints (`summary`), and the report's aggregates — counts and
shares, never rows — that the notebook draws (`aggregates`). `programme` measures
several forums together.

May import: the read and data stages and the shared modules. Never notebook or publish.
Nothing here draws or writes a report.
"""
