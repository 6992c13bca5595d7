"""Models of this app (to be filled)."""
