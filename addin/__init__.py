"""Matrica: plan workbooks, checks, figures and reports for Elbasan's social plans.

One folder per layer; imports run one way, from the edges down (tests/test_layers.py enforces it):

    edges: cli.py, excel/  ->  report/  ->  checks/  ->  figures/  ->  workbook/  ->  plan/  ->  common/

The core (everything but `excel/`) never imports xlwings, and imports pandas, matplotlib or docxtpl only inside
the functions that need them: start-up dominates a button press.
"""

__version__ = "0.1.0"
