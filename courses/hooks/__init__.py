"""Wagtail hooks of courses, one module per concept; courses/wagtail_hooks.py imports them."""
