"""The facilitation UI (Textual). Only `coalition` and `coalition run` import this package."""
