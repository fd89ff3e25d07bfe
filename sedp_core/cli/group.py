"""The root `sedp` group; plugin commands (sedp_register_commands) load only when asked for."""

from __future__ import annotations

import click


class PluginAwareGroup(click.Group):
    """The root group: plugin commands (sedp_register_commands) load only when a command outside the core's own is
    asked for, so `sedp --help` and core commands start without importing plugins; `sedp plugins` lists them."""

    _plugins_loaded = False

    def _load_plugin_commands(self) -> None:
        if not PluginAwareGroup._plugins_loaded:
            PluginAwareGroup._plugins_loaded = True
            from sedp_core.registry.manager import get_plugin_manager

            get_plugin_manager().hook.sedp_register_commands(cli=self)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None:
            self._load_plugin_commands()
            command = super().get_command(ctx, cmd_name)
        return command


@click.group(cls=PluginAwareGroup, context_settings={"help_option_names": ["-h", "--help"]},
             epilog="Plugins may add commands of their own: `sedp plugins` lists them.")
@click.version_option(package_name="sedp", prog_name="sedp")
def cli() -> None:
    """sedp: socio-economic development programs, from data to official Word documents.

    Typical use: `sedp init METHODOLOGY my.yaml`, edit it, `sedp validate my.yaml`, `sedp render my.yaml`.
    """
