"""JSON Schemas of the records and the archive's DDL (numbered migrations), shipped as package data."""
