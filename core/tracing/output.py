"""What a traced process writes to sys.stdout and sys.stderr becomes events of that
process (PRINT lines and STDERR lines, as the scenarios' prints), and, on the command
line, still reaches the terminal as it would under `python`."""
from __future__ import annotations

import sys

from ipcscope.core import sink
from ipcscope.core.events import Kind


class TeeStream:
    """A text stream that records whole lines and writes through (or not) to the real
    one; anything else (fileno, buffer, encoding, isatty) is the real stream's."""

    def __init__(self, stream, kind: int, echo: bool):
        self._stream, self._kind, self._echo = stream, kind, echo
        self._partial = ""

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if self._echo:
            self._stream.write(text)
        if "\n" in text:
            lines = (self._partial + text).split("\n")
            self._partial = lines.pop()
            for line in lines:
                sink.emit(self._kind, text=line)
        else:
            self._partial += text
        return len(text)

    def flush(self) -> None:
        if self._partial:
            sink.emit(self._kind, text=self._partial)
            self._partial = ""
        if self._echo:
            self._stream.flush()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self._stream.isatty()

    def __getattr__(self, name):
        return getattr(self._stream, name)


def capture(echo: bool) -> None:
    if sys.stdout is not None and not isinstance(sys.stdout, TeeStream):
        sys.stdout = TeeStream(sys.stdout, Kind.PRINT, echo)
    if sys.stderr is not None and not isinstance(sys.stderr, TeeStream):
        sys.stderr = TeeStream(sys.stderr, Kind.STDERR, echo)
