"""Everything drawn on the shared time axis."""
