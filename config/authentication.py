from rest_framework import authentication


class SessionAuthentication(authentication.SessionAuthentication):
    """The browser session, answering 401 (not 403) to a request that is not signed in, so clients know to
    sign in rather than that they lack a right."""

    def authenticate_header(self, request) -> str:
        return 'Session realm="api"'
