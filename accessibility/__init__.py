"""Provides the accessibility core: kana readings, furigana, plain-Japanese checks and read-aloud.

Pure functions and engines behind small interfaces; it imports neither the kiosk nor the backend.
"""
