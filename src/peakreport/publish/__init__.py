"""Stage 5 of 5, publish: the executed report, exported, checked and put in place.

`run` orchestrates `peakreport run` and `programme`: the data written (metrics.json,
rejected rows), the notebook executed by Papermill in a kernel (`execute`), the HTML
page (`html`), the PDF printed by Chromium (`pdf`, over the DevTools client in
`chromium`), the privacy scan, then one publish step from a private staging folder
(`staging`), with progress on a terminal (`progress`). `batch` runs many forums;
`nbconvert` offers the same HTML and PDF as nbconvert exporters.

May import: every earlier stage and the shared modules.
"""
