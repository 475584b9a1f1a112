"""Background jobs: work over a few seconds runs in ``ipstrategy worker``, and the user sees its progress.

See ``docs/web.md`` ("Background jobs") for the one way to enqueue work and report progress.
"""
