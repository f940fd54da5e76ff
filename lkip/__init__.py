"""lkip: finds where an Indonesian government performance report (LKIP/LKjIP) contradicts itself."""

__version__ = "0.1.0"
