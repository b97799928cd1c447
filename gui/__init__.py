"""IPC Scope's window (PySide6 + pyqtgraph) on top of core/."""
