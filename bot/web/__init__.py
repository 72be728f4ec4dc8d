"""The web front: the demo council page with the chat widget, and the work-coach console (port 8000)."""
