"""System of the integrated care system."""
