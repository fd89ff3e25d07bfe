"""The core's own contributions, registered as ordinary plugins (datasette/llm style)."""
