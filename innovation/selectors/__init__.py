"""Reads of the innovation app, one module per part."""
