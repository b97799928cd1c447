"""IPC Scope's engine: traced multiprocessing, scenarios, supervisor, model.  No Qt."""
__version__ = "0.1.0"
