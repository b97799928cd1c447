"""One run's life in the window: Qt objects and threads, no widgets."""
