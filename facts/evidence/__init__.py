"""Evidence from logs: SIEM alerts, tickets and telemetry turned into facts with provenance.

`summarize(path, kind, ...)` reads one file and returns an `EvidenceSummary`; see docs/evidence.md.
Importing this package is cheap: pyarrow and numpy are imported when a file is read.
"""
from __future__ import annotations

from facts.evidence.provenance import DerivedEvidence, EvidenceSummary
from facts.evidence.summary import format_text, summarize

__all__ = ["DerivedEvidence", "EvidenceSummary", "format_text", "summarize"]
