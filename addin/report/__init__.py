"""The report layer: the annual monitoring report. `context` reads the workbook once and assembles the context,
`sections` fills it with one function per template section (named like it), `phrases` writes values, targets and
labels the same way everywhere, `render` fills the templates (Word and HTML) and writes the files, `charts` draws
(SVG in pure Python, PNG through matplotlib imported only when drawn); `budget_export` writes the budget view.

Imports: `addin.checks`, `addin.figures` and the layers below; jinja2, docxtpl, matplotlib only inside functions."""
