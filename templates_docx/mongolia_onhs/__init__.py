"""Word templates of the plugin (a package only so that they install with it)."""
