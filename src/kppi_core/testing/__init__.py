"""Test helpers for users and plugin authors: Hypothesis strategies and fixtures.

Importing this package needs the ``test`` extra (Hypothesis, pytest).
"""
