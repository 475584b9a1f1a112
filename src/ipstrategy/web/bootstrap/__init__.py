"""Loading the bundled corpus and the demo data: composition over every domain area.

``corpus`` syncs the registry, imports the five plans and the indicator observations (``ipstrategy
init``); ``demo`` adds each area's demo accounts and sample records (``init --demo``). An area
that brings demo data adds one call in ``demo.demo_data_load``.
"""
