"""Open data: everything public as one Frictionless data package and one JSON file, at ``/data/`` (docs/api.md)."""
