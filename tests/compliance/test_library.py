"""The compliance and health libraries as `pse library` rows: every entry with source, edition and checked."""

from __future__ import annotations

from pse.compliance.library import READERS as COMPLIANCE
from pse.health.library import READERS as HEALTH


def test_every_row_has_source_edition_and_checked():
    for (module, library), reader in {**COMPLIANCE, **HEALTH}.items():
        rows = reader()
        assert rows, library
        for row in rows:
            assert row.module == module and row.source and row.edition and row.checked in ("yes", "no"), row


def test_seed_values_are_listed():
    values = {(r.library, r.key): r.value for reader in {**COMPLIANCE, **HEALTH}.values() for r in reader()}
    assert values[("control_quantities:public_dangerous_goods", "acetone")] == "400 L"
    assert values[("inspection_intervals", "ex_electrical.monthly")] == "1 months; MR 31-1"
    assert values[("kim_lhc", "band.4")] == ">= 50"
    assert values[("thermography", "improve_c")] == "70 °C"
