"""The `caresystem` command line."""
