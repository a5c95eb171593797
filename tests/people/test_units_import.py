"""Unit-tree import: parents before children, moves, cycles and unknown parents refused, all or nothing."""

import pytest
from django.core.management import call_command

from people.importing import units_import
from people.models import Unit
from tests import factories

HEADER = "kode,nama,jenis,kode_induk"


def data(*rows):
    return ("\n".join([HEADER, *rows]) + "\n").encode()


@pytest.mark.django_db
def test_children_listed_before_their_parent_are_placed_under_it():
    result = units_import(data=data("SDA,Sumber Daya Air,organisation,PU", "PU,Kementerian,kementerian,"), filename="u")
    assert result.applied and result.created == 2
    assert Unit.objects.get(code="SDA").get_parent().code == "PU"
    assert Unit.objects.get(code="PU").kind == Unit.Kind.MINISTRY


@pytest.mark.django_db
def test_reimport_renames_and_moves_by_code():
    a = factories.UnitFactory(code="A", name="A")
    b = factories.UnitFactory(code="B", name="B")
    factories.UnitFactory(code="C", name="C", parent=a)

    result = units_import(data=data("C,Cee,work_unit,B"), filename="u")

    assert result.updated == 1
    moved = Unit.objects.get(code="C")
    assert moved.name == "Cee" and moved.get_parent() == b


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rows", "column"),
    [
        (("X,Ex,work_unit,NOPE",), "kode_induk"),
        (("X,Ex,galaxy,",), "jenis"),
        (("X,Ex,work_unit,", "X,Again,work_unit,"), "kode"),
        (("X,,work_unit,",), "nama"),
        (("X,Ex,work_unit,Y", "Y,Why,work_unit,X"), "kode_induk"),
    ],
)
def test_bad_rows_import_nothing(rows, column):
    result = units_import(data=data("OK,Fine,ministry,", *rows), filename="u")
    assert not result.applied and result.errors and result.errors[0].column == column
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_dry_run_counts_and_changes_nothing():
    result = units_import(data=data("PU,Kementerian,ministry,", "SDA,SDA,organisation,PU"), filename="u", dry_run=True)
    assert (result.created, result.applied) == (2, False)
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_the_shipped_sample_imports(tmp_path):
    call_command("import_units", "docs/samples/units.csv")
    assert Unit.objects.get(code="SDA").get_parent().code == "KEMENPU"
