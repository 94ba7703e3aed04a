"""Defaults that the light `afterword today` path needs without loading the config module."""

TODAY_DAYS = 7
MIN_ACTIVE_LEADS = 3
