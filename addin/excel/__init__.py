"""The Excel edge: worksheet functions (`functions`), ribbon buttons over an `xw.Book` (`buttons`), one module per
add-in file (`kontrollo`, `llogarit`, `raport`, `vit_i_ri`) and the ribbon XML (`customUI.xml`).

Imports: anything in `addin` and xlwings; nothing in the core imports this package."""
