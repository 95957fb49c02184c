"""Ribbon button of the add-in file `addin.excel.vit_i_ri.xlam`: its VBA (xlwings' quickstart `RunMain`) imports the
module named like the file and calls `main()`."""

from addin.excel.buttons import vit_i_ri


def main() -> None:
    """Run the button on the workbook that called it (`xw.Book.caller()`)."""
    vit_i_ri()
