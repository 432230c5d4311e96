"""Acquired systems as an entry cause, decided from dates and assets (GOV-010): the acquisition and
the connection precede the intrusion with no assessment by then, and the entry asset is acquired."""
from __future__ import annotations

from tests.casefmt.support import base_raw, finding, one_line_error, run

CL = "crestline-client-governance"   # intrusion 2024-10-14 01:12 (America/Chicago)
ACQ = {"id": "ACQ-1", "acquired": "2024-06-03", "systems": ["acq-vpn-01", "acq-erp-01"],
       "connected": "2024-07-15", "assessed": "never"}


def _case(entry="acq-vpn-01", **changes) -> dict:
    raw = base_raw(CL)
    raw["client_governance"]["acquisitions"] = [{**ACQ, **changes}]
    if entry is not None:
        raw["incident"]["vector"]["entry_asset"] = entry
    return raw


def _gov(raw) -> dict:
    return finding(run(raw), "governance.acquired_systems.client")


def test_connected_unassessed_before_the_intrusion_and_entered_through():
    f = _gov(_case())
    assert f["holds"] and f["values"]["causal_link"] == "entry"
    assert "acq-vpn-01" in f["summary"]


def test_an_entry_elsewhere_is_no_entry_cause():
    f = _gov(_case(entry="hq-vpn-01"))
    assert f["holds"] and f["values"]["causal_link"] == "none"


def test_an_unrecorded_entry_asset_leaves_the_link_unknown():
    f = _gov(_case(entry=None))
    assert f["holds"] and f["values"]["causal_link"] == "unknown"


def test_dates_after_the_intrusion_or_an_assessment_before_it_clear_the_client():
    assert not _gov(_case(acquired="2024-11-01", connected="2024-11-05"))["holds"]
    assert not _gov(_case(connected="2024-10-20"))["holds"]
    assert not _gov(_case(connected="never"))["holds"]
    assert not _gov(_case(assessed="2024-07-01"))["holds"]      # due diligence counts
    assert _gov(_case(assessed="2024-10-30"))["holds"]          # assessed only afterwards


def test_an_unknown_date_is_not_shown():
    f = _gov(_case(assessed="unknown"))
    assert not f["holds"]
    assert f["unknowns"] == ["client_governance.acquisitions[ACQ-1].assessed"]


def test_words_in_the_entry_point_no_longer_decide():
    raw = base_raw(CL)
    raw["incident"]["vector"]["entry_point"] = "contractor account on the acquired subsidiary's VPN"
    raw["client_governance"]["acquired_systems_assessed"] = False
    f = _gov(raw)
    assert f["holds"] and f["values"]["causal_link"] == "unknown"   # was 'entry', from the words


def test_bad_acquisition_values_are_one_line_errors(tmp_path):
    one_line_error(_case(connected="2024-05-01"), tmp_path,
                   "client_governance.acquisitions[ACQ-1].connected", "before the acquisition")
    one_line_error(_case(acquired="June"), tmp_path,
                   "client_governance.acquisitions[ACQ-1].acquired", "date")
    raw = _case()
    raw["client_governance"]["acquisitions"].append(dict(ACQ))
    one_line_error(raw, tmp_path, "duplicate")
