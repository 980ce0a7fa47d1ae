"""Self-contained widgets of the facilitation UI."""
