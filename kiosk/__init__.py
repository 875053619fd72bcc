"""Provides the Madoguchi kiosk: a Textual app that talks to the backend only over HTTP."""
