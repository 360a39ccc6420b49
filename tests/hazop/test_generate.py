"""`pse hazop generate`: exactly the meaningful deviations, idempotent, comments kept, nothing overwritten."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from conftest import WORKSHEETS
from pse.cli import cli
from pse.hazop.generate import generate
from pse.model import load_study

STUDY = """\
# a comment that must survive
study: {title: generate}
nodes:
  - id: N-01
    name: Reactor
    parameters: [pressure, level]   # studied parameters
  - {id: N-02, name: Pump, parameters: [flow]}
deviations:
  - id: MY-HP        # filled in by the team: never touched
    node: N-01
    guide_word: more
    parameter: pressure
    name: Overpressure of the reactor
    notes: reviewed 2026-11-20
"""


def test_generation_yields_exactly_the_meaningful_deviations(write_study):
    path = write_study(STUDY)
    result = generate(path)
    study = load_study(path)
    pairs = sorted((d.node, d.guide_word, d.parameter) for d in study.deviations)
    assert pairs == sorted([
        ("N-01", "more", "pressure"), ("N-01", "less", "pressure"),
        ("N-01", "no", "level"), ("N-01", "more", "level"), ("N-01", "less", "level"),
        ("N-02", "no", "flow"), ("N-02", "more", "flow"), ("N-02", "less", "flow"), ("N-02", "as well as", "flow"),
        ("N-02", "part of", "flow"), ("N-02", "reverse", "flow"), ("N-02", "other than", "flow")])
    assert len(result.deviations) == 11
    kept = study.get("MY-HP")
    assert kept.name == "Overpressure of the reactor" and kept.notes == "reviewed 2026-11-20"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# a comment that must survive\n")
    assert "parameters: [pressure, level]   # studied parameters" in text
    assert 'guide_word: "no"' in text          # quoted: a bare `no` is false in YAML 1.1


def test_second_generate_changes_nothing(write_study):
    path = write_study(STUDY)
    generate(path, suggest=True)
    first = path.read_bytes()
    again = generate(path, suggest=True)
    assert again.deviations == [] and again.suggestions == [] and again.files == []
    assert path.read_bytes() == first


def test_restricted_library_generates_only_the_allowed_guide_words(write_study):
    path = write_study(STUDY.replace("nodes:", "hazop: {use_guide_words: [more, less]}\nnodes:", 1))
    generate(path)
    study = load_study(path)
    assert {d.guide_word for d in study.deviations} == {"more", "less"}


def test_study_extends_the_parameter_library(write_study):
    path = write_study("""
        study: {title: t}
        hazop:
          parameters:
            viscosity:
              name: {en: Viscosity, zh-TW: 黏度}
              deviations: {more: {en: High viscosity, zh-TW: 黏度過高}}
        nodes: [{id: N1, name: n, parameters: [viscosity]}]
        """)
    generate(path)
    study = load_study(path)
    assert [(d.guide_word, d.parameter) for d in study.deviations] == [("more", "viscosity")]


def test_cli_generate_on_the_bundled_study_is_idempotent(tmp_path):
    for item in WORKSHEETS.glob("electronics-plant*"):
        (shutil.copytree if item.is_dir() else shutil.copy)(item, tmp_path / item.name)
    study = tmp_path / "electronics-plant.yaml"
    parts = sorted((tmp_path / "electronics-plant").glob("*.yaml"))
    before = [p.read_bytes() for p in parts]
    result = CliRunner().invoke(cli, ["hazop", "generate", str(study), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "nothing to add" in result.output             # the bundled study was generated already
    assert [p.read_bytes() for p in parts] == before
    loaded = load_study(study)
    reactor = sorted((d.guide_word, d.parameter) for d in loaded.deviations if d.node == "N-01")
    assert reactor == sorted([("more", "pressure"), ("less", "pressure"), ("more", "temperature"),
                              ("less", "temperature"), ("no", "flow"), ("more", "flow"), ("less", "flow"),
                              ("as well as", "flow"), ("part of", "flow"), ("reverse", "flow"), ("other than", "flow"),
                              ("no", "level"), ("more", "level"), ("less", "level")])
    assert loaded.get("DEV-01-HP").name == "High pressure"    # the seed's own row is kept as written
