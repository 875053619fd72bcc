"""The municipal staff's workspace (/staff/): server-rendered pages in Japanese, served by the same
Django as the API. A user interface like the kiosk and the console: it uses the backend's services
in process, and the guidance and path renderers, and never imports Textual."""
