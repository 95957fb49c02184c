"""Matrica: plan workbooks, checks, figures and reports for Elbasan's social plans."""

__version__ = "0.1.0"
