"""Provides the volunteer console: a Textual app for デジタル推進委員 who help residents at the kiosks
of their site. It meets the backend only over HTTP (``console.client``), like the kiosk."""
