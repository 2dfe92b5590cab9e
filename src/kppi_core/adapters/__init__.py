"""Built-in sources and exporters. Each reads or writes model objects."""
