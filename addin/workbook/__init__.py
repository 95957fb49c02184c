"""The workbook layer: where things are in a Matrica workbook (`layout`), building it (`build`), reading its values
(`reader`, `monitoring`), adding a year (`newyear`), the report's words typed on the Narrativa sheet
(`narrative`) and the marked example data (`example`).

Imports: `addin.plan`, `addin.common`; openpyxl and python-calamine."""
