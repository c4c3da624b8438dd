"""Settings that let a test app start in production mode: strong keys of its own, no provider and a
public https address."""

STRONG = "x7Gq2vN9pL4sR8tW1yZ3bC6dF0hJ5kM!"
STRONG_CPR_KEY = "c8Hr3wP0qM5tS9uX2zA4cD7eG1jK6nL@"
#: Where production is reached; its test client comes in there (tests/conftest.py, make_test_app).
PUBLIC_URL = "https://portal.example"
PRODUCTION = {
    "PORTAL_ENV": "production",
    "SECRET_KEY": STRONG,
    "CPR_KEY": STRONG_CPR_KEY,
    "BASE_URL": PUBLIC_URL,
}
