"""kppi_core: typed tools for women's political representation in Indonesia."""

__version__ = "0.1.0"
__all__ = ["__version__"]
