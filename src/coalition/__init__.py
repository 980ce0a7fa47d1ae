"""coalition: run Kotter and business-IT alignment workshops from the terminal."""

__version__ = "0.1.0"
