"""The headless domain: sessions, their items, playbooks and facilitation rules.

Nothing in this package imports Textual or TinyDB.
"""
