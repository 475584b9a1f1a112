"""One exception tree for the core, so callers can catch exactly what they can handle."""

from __future__ import annotations


class IpStrategyError(Exception):
    """Base class of every error the core raises on purpose."""


class DocumentError(IpStrategyError):
    """A document cannot be read: missing, unsupported, empty, binary or undecodable.

    The message always names the file and the reason, on one line, so the CLI can print it as is.
    """

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class RegistryError(IpStrategyError):
    """The department registry file is malformed (names the file, line and field)."""
