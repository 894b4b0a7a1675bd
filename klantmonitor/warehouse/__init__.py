"""The DuckDB warehouse: functions registered on dbt's connection, and its dbt plugin."""
