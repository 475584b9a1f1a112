"""Operating at national scale: synthetic demo data in bulk, roll-ups, caching, backup and restore.

A composition area: it reads and writes every domain app's tables (in bulk, bypassing per-row
services where the issue asks for bulk paths) and is imported by no domain app.
"""
