"""Flask extensions, created unbound here and bound to the app in create_app()."""

from flask import request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect


def client_address() -> str:
    # Behind the proxy, ProxyFix has already put the client's address here.
    return request.remote_addr or "unknown"


babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=client_address)
