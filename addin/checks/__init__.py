"""The checks layer: the validation rules (`rules`, one small function each), running them (`validate`), findings
as records (`findings`) and the marked copy of a workbook (`marking`).

Imports: `addin.figures` (a rule uses the achievement engine) and the layers below it."""
