"""The report layer: the annual monitoring report's context and its rendering to Word and HTML (`render`), and its
charts (`charts`: SVG in pure Python, PNG through matplotlib imported only when drawn).

Imports: `addin.checks`, `addin.figures` and the layers below; jinja2, docxtpl, matplotlib only inside functions."""
