"""Synthetic data at national scale, for measuring (`flask demo scale`, `make bench`). Never in production."""
