"""Fixtures: the known alerts log written into tmp_path."""
from __future__ import annotations

from pathlib import Path

import pytest

from evidence_logs import HEADER, alert_rows, write_csv


@pytest.fixture
def alerts_csv(tmp_path) -> Path:
    return write_csv(tmp_path / "alerts.csv", HEADER, alert_rows())
