"""Test helpers for users and plugin authors: Hypothesis strategies and fixtures.

Install it with ``pip install "kppi_core[testing]"`` (pytest and Hypothesis).
"""
