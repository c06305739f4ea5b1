"""Ingestion: extracts in a folder -> validated tables in DuckDB, rejected rows kept."""
