"""Tests of the volunteer console."""
