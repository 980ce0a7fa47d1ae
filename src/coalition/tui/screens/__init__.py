"""The app's screens: Home, Session, Minutes preview, Playbooks and Help."""
