"""Provides the ``madoguchi`` command: the composition root that wires the kiosk to a backend.

It is the only package that may import both ``kiosk`` and ``backend``; neither imports it.
"""
