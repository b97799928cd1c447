"""A program that imports multiprocessing and does nothing: what tracing costs to start
and to stop."""
import multiprocessing  # noqa: F401
