"""Ribbon button Buxheti. The ribbon's tag names this module: the classic add-in's VBA (RibbonMyAddin.RunMain)
imports it and calls `main()`; the xlwings Lite bundle's `@script` calls `lite(book)` (scripts/build_lite.py)."""

import xlwings as xw

from addin.excel.buttons import LITE, buxheti


def main() -> None:
    """Run the button on the workbook that called it (`xw.Book.caller()`)."""
    buxheti()


def lite(book: xw.Book) -> str:
    """Run the button in xlwings Lite on the script's book; returns the message shown."""
    return buxheti(book, host=LITE)
