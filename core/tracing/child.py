"""Imported first by every spawned child of a traced program (its command line says so)
and by a fork server (as a preloaded module): installs tracing from the environment."""
from ipcscope.core.tracing.install import install_from_environment

install_from_environment()
