"""`make bench`: the portal under load at national scale, against a bare Flask app, in one run."""
