"""Points 3, 4 and 8 of issue 15: strict numbers, bounded resources, one-line errors for hostile input."""

from __future__ import annotations

import os

import pytest

from reliability.helpers import invoke, one_line_error

BOMB = "a0: &a0 [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))

CASES = {
    # point 3: numbers that are not numbers
    "boolean_frequency": ("study: {title: T}\nlopa:\n  criteria:\n    - {severity: 1, tolerable_frequency_per_yr: yes}\n",
                          "boolean"),
    "infinite_rate": ("study: {title: T}\nsifs:\n  - id: F-1\n    description: d\n    sensors: {description: s, "
                      "architecture: 1oo1, lambda_du_per_h: .inf, proof_test_interval_h: 8760}\n", "finite"),
    "nan_outline": ("study: {title: T}\nrooms:\n  - {id: R-1, name: r, outline: [[0, 0], [.nan, 1], [1, 1]]}\n",
                    "finite"),
    "zero_override": ("study: {title: T}\nlopa:\n  initiating_events:\n    bpcs_loop_failure: {frequency_per_yr: 0}\n",
                      "cannot happen"),
    "pfd_above_one": ("study: {title: T}\nsifs:\n  - id: F-1\n    description: d\n    sensors: {description: s, "
                      "architecture: 1oo1, lambda_du_per_h: 0.01, proof_test_interval_h: 8760}\n", "PFDavg"),
    # point 4: resources
    "alias_bomb": (BOMB, "aliases"),
    "recursive_alias": ("study: &a\n  title: [*a]\n", "recursive alias"),
    "deep_nesting": ("study: " + "[" * 600 + "]" * 600 + "\n", "nested deeper"),
    "include_absolute": ("study: {title: T}\ninclude: [/etc/passwd]\n", "outside the study's folder"),
    "include_device": ("study: {title: T}\ninclude: [/dev/zero]\n", "outside the study's folder"),
    "include_parent": ("study: {title: T}\ninclude: [../x.yaml]\n", "outside"),
    # point 8: text and IDs
    "control_character": ('study: {title: "a\\x07b"}\n', "U+0007"),
    "bom_inside_text": ('study: {title: "a\\ufeffb"}\n', "U+FEFF"),
    "zero_width_id": ('study: {title: T}\nrecommendations:\n  - {id: "R\\u200b-1", text: t}\n', "U+200B"),
    "cyrillic_id": ("study: {title: T}\nrecommendations:\n  - {id: \u0421-1, text: t}\n", "look-alike"),
    "fullwidth_id": ("study: {title: T}\nrecommendations:\n  - {id: \uff33-1, text: t}\n", "normal form"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_study_gives_one_line_error(tmp_path, name, monkeypatch):
    text, expected = CASES[name]
    (tmp_path / "x.yaml").write_text("recommendations: []\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bad.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sub")
    line = one_line_error(invoke("check", "bad.yaml"))
    assert line.startswith("bad.yaml"), line
    assert expected in line, line


def test_file_starting_with_byte_order_mark_is_read(tmp_path):
    (tmp_path / "s.yaml").write_text("\ufeffstudy:\n  title: T\n", encoding="utf-8")
    assert invoke("check", tmp_path / "s.yaml").exit_code == 0


def test_symlink_loop_include_and_named_pipe(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.symlink("loop2", "loop1")
    os.symlink("loop1", "loop2")
    os.mkfifo("pipe.yaml")
    (tmp_path / "s.yaml").write_text("study: {title: T}\ninclude: [loop1, pipe.yaml]\n")
    result = invoke("check", "s.yaml")
    one_line_error(result)
    assert "symlink loop" in result.output and "not a regular file" in result.output


def test_include_outside_is_allowed_by_the_option(tmp_path, monkeypatch):
    monkeypatch.delenv("PSE_ALLOW_INCLUDE_OUTSIDE", raising=False)
    (tmp_path / "other.yaml").write_text("recommendations:\n  - {id: R-1, text: t}\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "s.yaml").write_text("study: {title: T}\ninclude: [../other.yaml]\n")
    assert invoke("check", tmp_path / "sub" / "s.yaml").exit_code == 1
    assert invoke("--allow-include-outside", "check", tmp_path / "sub" / "s.yaml").exit_code == 0
    os.environ.pop("PSE_ALLOW_INCLUDE_OUTSIDE", None)


def test_refused_include_never_echoes_its_content(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:SECRET-HASH:19000:0:99999:7:::\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "s.yaml").write_text(f"study: {{title: T}}\ninclude: [{secret}]\n")
    result = invoke("check", tmp_path / "sub" / "s.yaml")
    assert "SECRET" not in result.output


def test_oversized_study_refused_before_parsing(tmp_path, monkeypatch):
    from pse.model import loader

    monkeypatch.setattr(loader, "MAX_STUDY_BYTES", 100)
    (tmp_path / "s.yaml").write_text("study: {title: T}\n# " + "x" * 200 + "\n")
    assert "limit" in one_line_error(invoke("check", tmp_path / "s.yaml"))


def test_task_step_ids_are_in_the_uniqueness_check(tmp_path):
    (tmp_path / "s.yaml").write_text(
        "study: {title: T}\nrecommendations:\n  - {id: X-1, text: t}\n"
        "tasks:\n  - id: T-1\n    name: n\n    steps:\n      - {id: X-1, name: step}\n")
    assert "duplicate ID 'X-1'" in invoke("check", tmp_path / "s.yaml").output


def test_broken_pipe_keeps_the_error_exit_code(tmp_path):
    import subprocess
    import sys

    for i in range(200):
        (tmp_path / f"b{i}.yaml").write_text('study: {title: "\\x07"}\n')
    script = (f"{sys.executable} -m pse check {tmp_path}/b*.yaml 2>&1 | head -1 >/dev/null; "
              "exit ${PIPESTATUS[0]}")
    assert subprocess.run(["bash", "-c", script], timeout=60).returncode == 1
