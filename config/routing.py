"""WebSocket routes; each app that streams something adds its consumer here."""

websocket_urlpatterns: list = []
