"""Provides the pure routing of guided flows, shared by the kiosk and the backend.

A flow's ``next`` is data: one node id, or a list of routes tried in order. A route may name a
predicate (Python, registered here, unit-tested) and carry valid-from / valid-until dates, so a
rule change switches on its day with no expression language inside the content. The backend uses
this module to check flows; the kiosk uses it to move through them. It imports neither.
"""
