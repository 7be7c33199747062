"""The pure engine: rules of play, sessions, and what the client's face shows. No pygame, no I/O."""
