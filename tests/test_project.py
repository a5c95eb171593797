"""Project-wide rules: import direction, translations, settings."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def test_domain_apps_import_one_way():
    """people → courses → quizzes → records → certificates → reports; the import-linter contract must hold."""
    result = subprocess.run([str(BIN / "lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_indonesian_catalogue_is_complete_and_compiled(tmp_path):
    """Every interface string has an Indonesian translation, and the committed .mo matches the .po."""
    po = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"
    compiled = tmp_path / "django.mo"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(compiled), str(po)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C"},
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
    assert compiled.read_bytes() == (po.parent / "django.mo").read_bytes(), "run `make messages` and commit the .mo"


def test_production_settings_refuse_a_missing_secret_key():
    """Production must never start with a default or empty SECRET_KEY."""
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_process_starts_without_the_pdf_stack():
    """Web, worker and export processes stay light (export memory goal): WeasyPrint, pyHanko and segno load on use."""
    script = (
        "import sys, django; django.setup(); from django.urls import resolve; resolve('/'); "
        "print(sorted(m for m in ('weasyprint', 'pyhanko', 'segno', 'pypdfium2') if m in sys.modules))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
