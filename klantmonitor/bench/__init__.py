"""The benchmark of the nightly run (``klantmonitor bench``, ``make bench``).

A generated day of a million feedback answers through the nightly job, stage by stage, against
the floor (:mod:`klantmonitor.bench.floor`: the same essential work as one DuckDB script), and
backfills of growing length to separate the fixed cost per run from the cost per day. The report
goes to ``docs/benchmarks.md``.
"""
