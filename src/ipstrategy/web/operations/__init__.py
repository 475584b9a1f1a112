"""Running the system in production: deploy checks, friendly error pages, database faults, serving.

Cross-cutting and composed from the areas (the deploy checks ask the indicators area for its CJK
font), so it sits with the composition layer: no area imports it.
"""
