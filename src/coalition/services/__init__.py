"""Application services: the operations the command line and the app share.

They sit above the domain, the store and the minutes, and below `commands/` and `tui/`.
No Textual here.
"""
