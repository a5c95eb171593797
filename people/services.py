"""Writes about people: accounts, units, roles and HR scopes."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .models import Role, Unit, UnitScope, User
from .roles import ROLE_PERMISSIONS
from .validators import normalize_nip, validate_nip


@transaction.atomic
def roles_sync() -> None:
    """Make the role groups exist with exactly the permissions the code gives them."""
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        permissions = []
        for dotted in ROLE_PERMISSIONS[role]:
            app_label, codename = dotted.split(".", 1)
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is not None:
                permissions.append(permission)
        group.permissions.set(permissions)


@transaction.atomic
def unit_create(*, code: str, name: str, parent: Unit | None = None, kind: str = Unit.Kind.WORK_UNIT) -> Unit:
    """Add a unit under its parent, or update the name of an existing code (idempotent)."""
    existing = Unit.objects.filter(code=code).first()
    if existing is not None:
        if existing.name != name or existing.kind != kind:
            existing.name, existing.kind = name, kind
            existing.save(update_fields=["name", "kind"])
        return existing
    if parent is None:
        return Unit.add_root(code=code, name=name, kind=kind)
    parent.refresh_from_db()
    return parent.add_child(code=code, name=name, kind=kind)


@transaction.atomic
def person_create(
    *,
    nip: str,
    full_name: str,
    password: str | None,
    unit: Unit | None,
    email: str = "",
    position: str = "",
    role: Role = Role.LEARNER,
) -> User:
    """Create or update an ASN account keyed by NIP; the NIP is also the sign-in name."""
    nip = normalize_nip(nip)
    validate_nip(nip)
    user = User.objects.filter(nip=nip).first() or User(nip=nip, username=nip)
    user.full_name = full_name
    user.email = email
    user.position = position
    user.unit = unit
    if password is not None:
        user.set_password(password)
    elif user.pk is None:
        user.set_unusable_password()
    user.full_clean(exclude=["password", "username"])
    user.save()
    user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    return user


@transaction.atomic
def staff_create(
    *,
    username: str,
    full_name: str,
    password: str,
    role: Role,
    unit: Unit | None = None,
    scope: list[Unit] | None = None,
    email: str = "",
) -> User:
    """Create or update a staff account with a plain username, its role and (for HR) its unit scope."""
    user = User.objects.filter(username=username).first() or User(username=username)
    user.full_name = full_name
    user.email = email
    user.unit = unit
    user.is_staff = role in (Role.TRAINER, Role.LEAD_TRAINER, Role.HR, Role.ADMIN)
    user.is_superuser = role == Role.ADMIN
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    for unit_in_scope in scope or []:
        UnitScope.objects.get_or_create(user=user, unit=unit_in_scope)
    return user


def sign_in_lock_reset(*, username: str, actor: User) -> int:
    """Unlock one NIP/username locked by django-axes; logged so an unlock can be traced. Returns locks removed."""
    from axes.utils import reset
    from wagtail.log_actions import log

    with transaction.atomic():
        removed = reset(username=username)
        if removed:
            log(instance=actor, action="melayani.sign_in_unlock", user=actor, data={"username": username})
    return removed


PASSWORD_SETUP_LINKS_PER_HOUR = 3


def password_setup_throttle(*, nip: str) -> bool:
    """True while a NIP may get another password link this hour, so nobody can flood a person's mailbox."""
    from django.core.cache import cache

    key = f"melayani:password-setup:{nip}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) <= PASSWORD_SETUP_LINKS_PER_HOUR
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=3600)
        return True
