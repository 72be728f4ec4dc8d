"""Staff passwords: Argon2id through argon2-cffi, and the rules for a new one."""
from __future__ import annotations

import re
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
MAX_LENGTH = 256
NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,38}[a-z0-9]$")


class WeakInput(ValueError):
    """A name or password that cannot be used; the message says why."""


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    return PasswordHasher()            # the library's current defaults (Argon2id, RFC 9106 low-memory profile)


def check_name(name: str) -> str:
    """The account name in canonical (lower-case) form."""
    canonical = name.strip().lower()
    if not NAME.match(canonical):
        raise WeakInput("A staff name is 3 to 40 letters, digits, dots, dashes or underscores, "
                        "starting and ending with a letter or digit (for example j.smith).")
    return canonical


def check_password(password: str, name: str) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakInput(f"The password is too short: use at least {MIN_LENGTH} characters "
                        "(a few unrelated words work well).")
    if len(password) > MAX_LENGTH:
        raise WeakInput(f"The password is too long: at most {MAX_LENGTH} characters.")
    if password != password.strip():
        raise WeakInput("The password starts or ends with a space; remove it (spaces are easy to mistype there).")
    if len(set(password.lower())) < 5:
        raise WeakInput("The password repeats too few characters; use at least 5 different ones.")
    if name and name.lower() in password.lower():
        raise WeakInput("The password must not contain the staff name.")


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify(stored_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher().check_needs_rehash(stored_hash)


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """Verified against when the name is unknown, so a wrong name takes as long as a wrong password."""
    return _hasher().hash("not a real password, only for timing")
