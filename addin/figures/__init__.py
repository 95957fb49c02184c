"""The figures layer: costs (`costs`), indicator achievement and ratings (`achievement`), the year's summary
(`summary`) and the one-screen overview (`overview`), computed from the workbook's tables.

Imports: `addin.workbook`, `addin.plan`, `addin.common`; heavy libraries only inside the functions that need them."""
