"""Pure checks for personal numbers, shared by the kiosk and the backend."""
