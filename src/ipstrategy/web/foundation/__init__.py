"""What every area of the web application stands on: the error tree, roles, the audit log,
pagination (``pagination``, ``api_pages``).

Layer 1 of the layering (docs/adr/0004-layering.md): it may import the core and Django, never a
domain app (agencies, plans, indicators, tracking, accounts, ...) nor anything above them.
"""
