"""`sedp serve`: the web application (sedp_core/web, docs/web.md) on uvicorn, started in this process."""

from __future__ import annotations

import click

from sedp_core.cli.group import cli
from sedp_core.i18n import N_, pick_language, translation

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@cli.command(help=N_("Start the web page on this computer: officers upload their workbook or program file, see what "
                     "to correct, and download the documents. It is reachable only from this computer unless "
                     "--host says otherwise. Stop it with Ctrl+C; the uploaded files are deleted then."))
@click.option("--host", default="127.0.0.1", show_default=True,
              help=N_("Address to listen on; 0.0.0.0 lets every computer of the network reach the page."))
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help=N_("Port to listen on."))
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help=N_("Worker processes that check and render files."))
@click.option("--ttl", "ttl", type=click.IntRange(min=60), default=3600, show_default=True,
              help=N_("Seconds an upload and its documents are kept before they are deleted."))
def serve(host: str, port: int, workers: int, ttl: int) -> None:
    import uvicorn

    from sedp_core.web import WebSettings, create_app

    t = translation(pick_language(None))
    shown = f"[{host}]" if ":" in host else host
    click.echo(t.gettext("sedp web page: http://{host}:{port}/").format(host=shown, port=port))
    if host in LOCAL_HOSTS:
        click.echo(t.gettext("Only this computer can open it (use --host 0.0.0.0 to let others in the office reach "
                             "it)."))
    else:
        click.secho(t.gettext("Warning: every computer that can reach this one on the network can open the page and "
                              "upload files. Use this only on a network you trust."), fg="yellow", err=True)
    click.echo(t.gettext("Stop it with Ctrl+C."))
    app = create_app(WebSettings(ttl_seconds=ttl, workers=workers))
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False, server_header=False)
