"""``explainer bench``: measured speed and memory, so "fast enough for a school laptop" is a number.

Each measure lives in its own module and returns plain data; ``report`` runs them in one go and
prints a table or JSON. Every app run uses a throw-away data folder, so benchmarking never
touches a learner's progress, and every timing is a median (or a percentile) of several runs,
because one run on a shared classroom machine says little.
"""
