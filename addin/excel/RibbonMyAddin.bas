Attribute VB_Name = "RibbonMyAddin"
' Matrica's ribbon callback. scripts/build_addin.py writes this source into matrica.xlam in place of the RunMain of
' xlwings' ribbon template (same module, stored as source only: Excel compiles it when it opens the add-in).
' Every button of addin/excel/customUI.xml calls RunMain; the button's tag names the Python module to run, e.g.
' addin.excel.kontrollo, whose main() runs that button on the active workbook.
Sub RunMain(control As IRibbonControl)
    RunPython "import " & control.Tag & "; " & control.Tag & ".main()"
End Sub
