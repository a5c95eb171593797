"""Argon2id at OWASP's recommended cost: a sign-in costs tens of milliseconds of CPU, not hundreds (issue 7)."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """Argon2id with 19 MiB of memory, 2 passes, 1 lane: the first setting of OWASP's Password Storage Cheat Sheet.

    Django's own defaults (100 MiB, 8 lanes) cost as much CPU per sign-in as PBKDF2 with a million rounds. The
    algorithm name stays "argon2", so hashes made with other Argon2 costs still verify and are re-hashed at these
    costs on the next sign-in (must_update compares them), as PBKDF2 hashes are.
    """

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
