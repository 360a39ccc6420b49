"""`pse serve` command line: loopback by default, other hosts only with --allow-remote."""

from __future__ import annotations

from click.testing import CliRunner

from pse.cli import cli


def test_remote_host_needs_allow_remote(study):
    result = CliRunner().invoke(cli, ["serve", str(study), "--host", "0.0.0.0", "--no-browser"])
    assert result.exit_code == 2
    assert "--allow-remote" in result.output


def test_serve_is_a_registered_command():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--library-study" in result.output and "127.0.0.1" in result.output


def test_help_imports_no_server_framework():
    import subprocess
    import sys

    code = ("import sys; from pse.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('starlette', 'uvicorn', 'openpyxl', 'pandas', 'numpy', 'pydantic') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
