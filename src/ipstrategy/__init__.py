"""ipstrategy: the implementation machinery of a national intellectual-property strategy."""

__version__ = "0.1.0"
