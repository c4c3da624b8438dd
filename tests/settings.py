"""Settings that let a test app start in production mode: strong keys of its own, no provider, the
Redis that production requires (the login limits) and a public https address."""

import os

STRONG = "x7Gq2vN9pL4sR8tW1yZ3bC6dF0hJ5kM!"
STRONG_CPR_KEY = "c8Hr3wP0qM5tS9uX2zA4cD7eG1jK6nL@"
#: CI names its own database (.ci/run); a test that needs Redis skips without one, outside CI.
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
#: Where production is reached; its test client comes in there (tests/conftest.py, make_test_app).
PUBLIC_URL = "https://portal.example"
PRODUCTION = {
    "PORTAL_ENV": "production",
    "SECRET_KEY": STRONG,
    "CPR_KEY": STRONG_CPR_KEY,
    "REDIS_URL": TEST_REDIS_URL,
    "BASE_URL": PUBLIC_URL,
}
