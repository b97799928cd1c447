"""Raises in the main process, after printing a line."""
print("before")


def fail():
    raise ValueError("boom")


fail()
