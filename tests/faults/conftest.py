"""Fault tests run only under `make fault` (MELAYANI_FAULT=1): they spawn processes and mount file systems."""

import os

import pytest


def pytest_collection_modifyitems(config, items):
    if os.environ.get("MELAYANI_FAULT") == "1":
        return
    skip = pytest.mark.skip(reason="fault test: run with `make fault` (MELAYANI_FAULT=1)")
    for item in items:
        if "fault" in item.keywords:
            item.add_marker(skip)
