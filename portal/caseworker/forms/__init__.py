"""The caseworker's forms, one module per page or journey."""
