"""`pse serve STUDY [--host HOST] [--port PORT] [--no-browser] [--allow-remote] [--library-study FILE]`."""

from __future__ import annotations

import click

from pse.serve.app import LOOPBACK


def _label(key: str, lang: str) -> str:
    from pse.i18n import label
    from pse.serve.app import LABELS

    return label(key, lang, LABELS)


@click.command(name="serve")
@click.argument("study_path", metavar="STUDY", type=click.Path(dir_okay=False, exists=True))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="Port (0: any free port).")
@click.option("--no-browser", is_flag=True, help="Do not open the browser.")
@click.option("--allow-remote", is_flag=True,
              help="Needed with a --host other than loopback: serve other machines (with an access token).")
@click.option("--library-study", "library_studies", multiple=True, type=click.Path(dir_okay=False, exists=True),
              help="Earlier study whose similar rows are offered as suggestions (repeatable).")
@click.option("--lang", type=click.Choice(["zh-TW", "en"]), default=None, help="Interface language.")
def serve_command(study_path, host, port, no_browser, allow_remote, library_studies, lang):
    """Edit STUDY's worksheets in the browser (live review session; every edit written at once)."""
    import secrets
    import socket
    import webbrowser

    import uvicorn

    from pse.serve.app import create_app
    from pse.serve.session import Session

    remote = host not in LOOPBACK
    if remote and not allow_remote:
        raise click.UsageError(f"--host {host} serves other machines: add --allow-remote to do so (an access token "
                               "will be printed)")
    session = Session(study_path, lang=lang, token=secrets.token_urlsafe(18) if remote else None,
                      library_studies=library_studies)
    if port == 0:
        with socket.socket() as probe:
            probe.bind((host if not remote else "0.0.0.0", 0))
            port = probe.getsockname()[1]
    shown = "127.0.0.1" if host in LOOPBACK else host
    if remote and host in ("0.0.0.0", "::"):
        shown = socket.gethostbyname(socket.gethostname())
    url = f"http://{shown}:{port}/" + (f"?token={session.token}" if session.token else "")
    click.echo(f"{_label('serving', session.lang)} {study_path}: {url}")
    if session.token:
        click.echo(f"{_label('token_notice', session.lang)} {session.token}")
    click.echo(f"{_label('projector_notice', session.lang)} {url}{'&' if session.token else '?'}view=projector")
    if not no_browser:
        webbrowser.open(url)
    uvicorn.run(create_app(session, remote=remote), host=host, port=port, log_level="warning")
