"""Roster and unit-tree imports: validate every row first, then apply all of it in one transaction or nothing."""

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models import ImportRun, Role, Unit, User
from .tables import RowError, TableError, table_read
from .user_cache import users_forget
from .validators import normalize_nip, validate_nip

# The documented columns (README.md, "Roster import"); the header is matched case-insensitively.
ROSTER_COLUMNS = ["nip", "nama", "email", "jabatan", "pangkat", "golongan", "jenis_pegawai", "kode_unit"]
UNIT_COLUMNS = ["kode", "nama", "jenis", "kode_induk"]
UNIT_KIND_ALIASES = {
    "kementerian": Unit.Kind.MINISTRY,
    "instansi": Unit.Kind.MINISTRY,
    "unit_organisasi": Unit.Kind.ORGANISATION,
    "unor": Unit.Kind.ORGANISATION,
    "satuan_kerja": Unit.Kind.WORK_UNIT,
    "satker": Unit.Kind.WORK_UNIT,
}
CHUNK = 1000


@dataclass
class ImportResult:
    """What an import found and did; `applied` is False for a dry run and whenever a row was refused."""

    run: ImportRun | None = None
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    created: int = 0
    updated: int = 0
    deactivated: int = 0
    applied: bool = False


def _run_record(*, kind, actor, filename, dry_run, result: ImportResult, ip: str | None) -> ImportRun:
    run = ImportRun.objects.create(
        kind=kind,
        actor=actor if actor is not None and actor.pk else None,
        filename=filename[:255],
        dry_run=dry_run,
        rows=result.rows,
        created=result.created,
        updated=result.updated,
        deactivated=result.deactivated,
        errors=len(result.errors),
        applied=result.applied,
    )
    # The audit log keeps who, when, what file and the counts; never the rows themselves.
    log(
        instance=run,
        action=f"melayani.{kind}_import",
        user=actor if actor is not None and actor.pk else None,
        data={
            "filename": run.filename,
            "dry_run": dry_run,
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
            "deactivated": result.deactivated,
            "errors": len(result.errors),
            "applied": result.applied,
            "ip": ip,
        },
    )
    result.run = run
    return run


def _message(error: ValidationError) -> str:
    return " ".join(error.messages)


def _validate_roster_rows(table, *, units_by_code, allowed_unit_ids) -> tuple[list[dict], list[RowError]]:
    errors: list[RowError] = []
    valid: list[dict] = []
    first_row_of: dict[str, int] = {}
    for number, row in table.rows:
        row_errors: list[RowError] = []
        nip = normalize_nip(row["nip"])
        try:
            if (number, "nip") in table.rounded:
                raise ValidationError(
                    _(
                        "This NIP was stored as a number and the spreadsheet has rounded its last digits; "
                        "format the column as Text and type the NIP again."
                    )
                )
            validate_nip(nip)
        except ValidationError as error:
            row_errors.append(RowError(number, "nip", _message(error)))
        else:
            if nip in first_row_of:
                row_errors.append(
                    RowError(number, "nip", _("This NIP is also on row %(row)d.") % {"row": first_row_of[nip]})
                )
            else:
                first_row_of[nip] = number
        if not row["nama"]:
            row_errors.append(RowError(number, "nama", _("Enter the name with titles.")))
        elif len(row["nama"]) > 255:
            row_errors.append(RowError(number, "nama", _("A name has at most 255 characters.")))
        if row["email"]:
            try:
                validate_email(row["email"])
                if len(row["email"]) > 254:  # the validator allows 320; the column (and RFC 5321) 254
                    raise ValidationError("too long")
            except ValidationError:
                row_errors.append(
                    RowError(number, "email", _("%(value)s is not an email address.") % {"value": row["email"]})
                )
        for column, limit in (("jabatan", 255), ("pangkat", 64), ("golongan", 16)):
            if len(row[column]) > limit:
                row_errors.append(RowError(number, column, _("At most %(limit)d characters.") % {"limit": limit}))
        employment_type = row["jenis_pegawai"].upper()
        if employment_type not in User.EmploymentType.values:
            row_errors.append(
                RowError(
                    number,
                    "jenis_pegawai",
                    _("Employment type must be PNS or PPPK, not %(value)r.") % {"value": row["jenis_pegawai"]},
                )
            )
        unit = units_by_code.get(row["kode_unit"])
        if unit is None:
            row_errors.append(
                RowError(number, "kode_unit", _("No unit has the code %(code)r.") % {"code": row["kode_unit"]})
            )
        elif allowed_unit_ids is not None and unit.pk not in allowed_unit_ids:
            row_errors.append(
                RowError(number, "kode_unit", _("The unit %(code)s is outside your scope.") % {"code": unit.code})
            )
        if row_errors:
            errors.extend(row_errors)
            continue
        valid.append(
            {
                "nip": nip,
                "full_name": row["nama"],
                "email": row["email"],
                "position": row["jabatan"],
                "rank": row["pangkat"],
                "grade": row["golongan"],
                "employment_type": employment_type,
                "unit_id": unit.pk,
            }
        )
    return valid, errors


ROSTER_FIELDS = ["full_name", "email", "position", "rank", "grade", "employment_type", "unit_id"]


def roster_import(
    *,
    data: bytes,
    filename: str,
    actor: User | None = None,
    dry_run: bool = False,
    partial: bool = False,
    scope: "list[Unit] | None" = None,
    ip: str | None = None,
) -> ImportResult:
    """Create and update ASN by NIP and deactivate those who left; all or nothing unless `partial`.

    Who "left": an active person with a NIP, not staff, whose unit is one of the units named in the file's
    kode_unit column, and whose NIP is not in the file. People of other units are never touched, so a file
    for one satuan kerja cannot deactivate another. With `partial`, good rows are applied, bad rows are
    reported, and nobody is deactivated (an incomplete file says nothing about who left).
    `scope` (HR officers) limits the units the file may name to those subtrees.
    """
    result = ImportResult()
    try:
        table = table_read(data=data, filename=filename, required=ROSTER_COLUMNS)
    except TableError as error:
        result.errors = error.errors
        _run_record(kind=ImportRun.Kind.ROSTER, actor=actor, filename=filename, dry_run=dry_run, result=result, ip=ip)
        return result
    result.rows = len(table.rows)
    codes = {row["kode_unit"] for _number, row in table.rows}
    units_by_code = {unit.code: unit for unit in Unit.objects.filter(code__in=codes)}
    allowed_unit_ids = None
    if scope is not None:
        allowed_unit_ids = set()
        # Re-read the roots: a sorted tree renumbers paths when a sibling is added.
        for root in Unit.objects.filter(pk__in=[unit.pk for unit in scope]):
            allowed_unit_ids |= set(Unit.objects.filter(path__startswith=root.path).values_list("pk", flat=True))
    valid, result.errors = _validate_roster_rows(table, units_by_code=units_by_code, allowed_unit_ids=allowed_unit_ids)
    if result.errors and not partial:
        _run_record(kind=ImportRun.Kind.ROSTER, actor=actor, filename=filename, dry_run=dry_run, result=result, ip=ip)
        return result

    with transaction.atomic():
        existing: dict[str, User] = {}
        nips = [row["nip"] for row in valid]
        for start in range(0, len(nips), CHUNK):
            for user in User.objects.filter(nip__in=nips[start : start + CHUNK]):
                existing[user.nip] = user
        to_create, to_update = [], []
        for row in valid:
            user = existing.get(row["nip"])
            if user is None:
                to_create.append(
                    User(
                        nip=row["nip"],
                        username=row["nip"],
                        password=make_password(None),
                        is_active=True,
                        **{key: row[key] for key in ROSTER_FIELDS},
                    )
                )
                continue
            changed = not user.is_active or any(getattr(user, key) != row[key] for key in ROSTER_FIELDS)
            if changed:
                for key in ROSTER_FIELDS:
                    setattr(user, key, row[key])
                user.is_active = True
                to_update.append(user)
        leaving: list[int] = []
        if not result.errors:
            covered = [unit.pk for unit in units_by_code.values()]
            file_nips = set(nips)
            candidates = User.objects.filter(
                unit_id__in=covered, is_active=True, nip__isnull=False, is_staff=False, is_superuser=False
            ).values_list("pk", "nip")
            leaving = [pk for pk, nip in candidates.iterator(chunk_size=5000) if nip not in file_nips]
        result.created, result.updated, result.deactivated = len(to_create), len(to_update), len(leaving)
        if not dry_run:
            User.objects.bulk_create(to_create, batch_size=CHUNK)
            User.objects.bulk_update(to_update, [*ROSTER_FIELDS, "is_active"], batch_size=CHUNK)
            for start in range(0, len(leaving), CHUNK):
                User.objects.filter(pk__in=leaving[start : start + CHUNK]).update(is_active=False)
            # No save signals for bulk writes: the people who left are signed out at once, the others see their
            # new details (people.user_cache).
            users_forget(user_ids=[*leaving, *(user.pk for user in to_update)])
            if to_create:
                learners = Group.objects.get_or_create(name=Role.LEARNER.value)[0]
                new_ids = User.objects.filter(nip__in=[user.nip for user in to_create]).values_list("pk", flat=True)
                Membership = User.groups.through
                Membership.objects.bulk_create(
                    [Membership(user_id=pk, group_id=learners.pk) for pk in new_ids.iterator(chunk_size=CHUNK)],
                    batch_size=CHUNK,
                    ignore_conflicts=True,
                )
            result.applied = True
        _run_record(kind=ImportRun.Kind.ROSTER, actor=actor, filename=filename, dry_run=dry_run, result=result, ip=ip)
    return result


def _validate_unit_rows(table) -> tuple[list[dict], list[RowError]]:
    errors: list[RowError] = []
    valid: list[dict] = []
    first_row_of: dict[str, int] = {}
    file_codes = {row["kode"] for _number, row in table.rows if row["kode"]}
    known_codes = set(
        Unit.objects.filter(code__in={row["kode_induk"] for _n, row in table.rows}).values_list("code", flat=True)
    )
    for number, row in table.rows:
        row_errors = []
        code = row["kode"]
        if not code:
            row_errors.append(RowError(number, "kode", _("Enter the unit code.")))
        elif len(code) > 32:
            row_errors.append(RowError(number, "kode", _("A unit code has at most 32 characters.")))
        elif code in first_row_of:
            row_errors.append(
                RowError(number, "kode", _("This code is also on row %(row)d.") % {"row": first_row_of[code]})
            )
        else:
            first_row_of[code] = number
        if not row["nama"]:
            row_errors.append(RowError(number, "nama", _("Enter the unit name.")))
        elif len(row["nama"]) > 255:
            row_errors.append(RowError(number, "nama", _("A unit name has at most 255 characters.")))
        kind_key = row["jenis"].lower().replace(" ", "_") or Unit.Kind.WORK_UNIT
        kind = UNIT_KIND_ALIASES.get(kind_key, kind_key)
        if kind not in Unit.Kind.values:
            row_errors.append(
                RowError(
                    number,
                    "jenis",
                    _("Kind must be one of %(kinds)s, not %(value)r.")
                    % {"kinds": ", ".join(Unit.Kind.values), "value": row["jenis"]},
                )
            )
        parent = row["kode_induk"]
        if parent and parent == code:
            row_errors.append(RowError(number, "kode_induk", _("A unit cannot be its own parent.")))
        elif parent and parent not in file_codes and parent not in known_codes:
            row_errors.append(RowError(number, "kode_induk", _("No unit has the code %(code)r.") % {"code": parent}))
        if row_errors:
            errors.extend(row_errors)
            continue
        valid.append({"number": number, "code": code, "name": row["nama"], "kind": kind, "parent": parent})
    return valid, errors


def units_import(
    *, data: bytes, filename: str, actor: User | None = None, dry_run: bool = False, ip: str | None = None
) -> ImportResult:
    """Create units and update names, kinds and parents by code; all or nothing. Units not in the file stay."""
    result = ImportResult()
    try:
        table = table_read(data=data, filename=filename, required=UNIT_COLUMNS)
    except TableError as error:
        result.errors = error.errors
        _run_record(kind=ImportRun.Kind.UNITS, actor=actor, filename=filename, dry_run=dry_run, result=result, ip=ip)
        return result
    result.rows = len(table.rows)
    valid, result.errors = _validate_unit_rows(table)
    # Parents before children: repeatedly take rows whose parent is already placed; what is left is a cycle.
    placed = set(Unit.objects.filter(code__in=[row["parent"] for row in valid]).values_list("code", flat=True))
    in_file = {row["code"] for row in valid}
    placed -= in_file
    ordered, pending = [], list(valid)
    while pending:
        ready = [row for row in pending if not row["parent"] or row["parent"] in placed]
        if not ready:
            for row in pending:
                result.errors.append(RowError(row["number"], "kode_induk", _("The parent codes form a cycle.")))
            break
        ordered.extend(ready)
        placed |= {row["code"] for row in ready}
        pending = [row for row in pending if row not in ready]
    if result.errors:
        result.errors.sort(key=lambda error: error.row)
        _run_record(kind=ImportRun.Kind.UNITS, actor=actor, filename=filename, dry_run=dry_run, result=result, ip=ip)
        return result
    existing = {unit.code: unit for unit in Unit.objects.filter(code__in=in_file)}
    try:
        with transaction.atomic():
            for row in ordered:
                _unit_apply(row=row, existing=existing, dry_run=dry_run, result=result)
            result.applied = not dry_run
            _run_record(
                kind=ImportRun.Kind.UNITS, actor=actor, filename=filename, dry_run=dry_run, result=result, ip=ip
            )
    except _UnitMoveRefused as refused:
        result.created = result.updated = 0
        result.applied = False
        result.errors = [refused.error]
        _run_record(kind=ImportRun.Kind.UNITS, actor=actor, filename=filename, dry_run=dry_run, result=result, ip=ip)
    return result


class _UnitMoveRefused(Exception):
    def __init__(self, error: RowError):
        super().__init__(error.message)
        self.error = error


def _unit_apply(*, row: dict, existing: dict, dry_run: bool, result: ImportResult) -> None:
    from .services import unit_create

    unit = existing.get(row["code"])
    parent = Unit.objects.filter(code=row["parent"]).first() if row["parent"] else None
    if row["parent"] and parent is None:
        # Only in a dry run: the parent is a new unit of this same file, not created.
        if unit is None:
            result.created += 1
        else:
            result.updated += 1
        return
    if unit is None:
        result.created += 1
        if not dry_run:
            unit_create(code=row["code"], name=row["name"], kind=row["kind"], parent=parent)
        return
    unit.refresh_from_db()
    current_parent = unit.get_parent()
    moved = (current_parent.pk if current_parent else None) != (parent.pk if parent else None)
    if not (moved or unit.name != row["name"] or unit.kind != row["kind"]):
        return
    if moved and parent is not None and parent.path.startswith(unit.path):
        raise _UnitMoveRefused(
            RowError(
                row["number"],
                "kode_induk",
                _("%(parent)s lies below %(code)s; move it first.") % {"parent": parent.code, "code": unit.code},
            )
        )
    result.updated += 1
    if dry_run:
        return
    if moved and parent is not None:
        unit.move(parent, pos="sorted-child")
    elif moved:
        unit.move(Unit.get_first_root_node(), pos="sorted-sibling")
    unit_create(code=row["code"], name=row["name"], kind=row["kind"])
