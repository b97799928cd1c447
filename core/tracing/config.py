"""What every traced process of a program run needs to know, handed down through the
environment: a spawned child, a fork server and its children all inherit it, whatever
start method the program picks (an argument could not reach a fork server's child)."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

ENV = "IPCSCOPE_TRACE"


@dataclass(frozen=True)
class TraceConfig:
    address: str            # the supervisor's socket (one channel per process)
    authkey_hex: str
    echo: bool = True       # prints also reach the real stdout / stderr (the command line)
    niceness: int = 0

    @property
    def authkey(self) -> bytes:
        return bytes.fromhex(self.authkey_hex)

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls, environ=os.environ) -> "TraceConfig | None":
        text = environ.get(ENV)
        if not text:
            return None
        try:
            return cls(**json.loads(text))
        except (TypeError, ValueError):
            return None
