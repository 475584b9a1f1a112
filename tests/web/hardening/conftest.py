"""The tracking fixtures (accounts per role, a plan led by SIPO, an open period) for the hardening tests."""

from ..tracking.conftest import _fast_passwords, people, period, plan  # noqa: F401
