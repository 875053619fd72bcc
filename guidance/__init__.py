"""The guidance format in one place: the content files read and checked, translated, and rendered
into the release document that the backend serves and the kiosk parses back.

Pure Python (no Django, no Textual, no HTTP), so the backend, the kiosk and the CLI share one
definition of a flow; pyproject.toml's import contracts keep it so.
"""
