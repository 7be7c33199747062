"""Rapport: practise the therapeutic relationship with simulated clients."""

__version__ = "0.1.0"
