"""The op tag of every step that opens the warehouse. DuckDB lets one process at a time write a
database file, so under Dagster's multiprocess (or a cluster's) executor these steps run one at a
time (`tag_concurrency_limits`, pipeline/definitions.py), while the person shards, which read and
write files of their own, run side by side (pipeline/defs/shards.py)."""

WAREHOUSE = {"almp/warehouse": "1"}
