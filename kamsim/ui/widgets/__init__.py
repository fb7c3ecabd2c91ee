"""Drawing helpers that pygame_gui does not have: tables, sparklines, charts, the DMU network."""
