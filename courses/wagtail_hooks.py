"""Wagtail hooks of courses live in courses/hooks/, one module per concept; importing registers them."""

from .hooks import learning, publishing, workshops  # noqa: F401
