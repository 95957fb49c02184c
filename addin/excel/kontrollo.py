"""Ribbon button of the add-in file `addin.excel.kontrollo.xlam`: its VBA (xlwings' quickstart `RunMain`) imports the
module named like the file and calls `main()`."""

from addin.excel.buttons import kontrollo


def main() -> None:
    """Run the button on the workbook that called it (`xw.Book.caller()`)."""
    kontrollo()
