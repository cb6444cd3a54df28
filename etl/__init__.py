"""ETL: turns hospital exports into the DuckDB warehouse (shared/contracts.md)."""
