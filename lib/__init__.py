"""Django-free packages at the bottom of the layers.

- ``lib.text``: the one Japanese text pipeline (Sudachi analysis, readings, full-text query
  parsing and snippets) used for profiles, requests, search queries and evaluation.
- ``lib.engine``: the matching engine (TF-IDF index, ranking, explanations) over stored terms.
- ``lib.slots``: the availability encoding (weekday × time band), the only place that knows it.

Nothing here imports Django or any app of the project; the apps import these.
"""
