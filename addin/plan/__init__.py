"""The plan layer: the plan model and its loader (`model`) and the plans' reviewable CSV text (`data/`, described
in `data/SCHEMA.md`).

Imports: `addin.common` only."""
