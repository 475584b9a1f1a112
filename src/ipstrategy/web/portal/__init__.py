"""The portal: the home page and the pages that read across areas.

Composition layer (docs/adr/0003-layering.md): it may import every domain area (plans,
indicators, agencies, tracking, ...), and no domain area imports it. The home page (plans tree,
headline indicators, task status), the search, and a department's page (the registry's facts with
the plans' tasks) live here because each needs more than one area.
"""
