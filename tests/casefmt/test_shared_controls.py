"""A shared control domain is examined for both parties, each on its own part (DUTY-009 and the
rules that read the division by asset): the entry asset and an audit finding's asset decide whose
part failed; without a division a failure is examined against both."""
from __future__ import annotations

import copy

from tests.casefmt.support import base_raw, finding, one_line_error, run

HV = "harborview-missed-alerts"   # entry over the contractor VPN; the client enforced no MFA there
PARTS = {"provider": "runs MFA on the VPN gateway it manages", "client": "MFA for staff accounts"}


def _shared_mfa(division: str | None = None) -> dict:
    raw = base_raw(HV)
    raw["client_governance"]["mfa"]["remote_access"] = False
    raw["contract"]["responsibilities"].update(mfa="shared", identity_access="shared")
    raw["incident"]["vector"]["entry_asset"] = "vpn-gw-01"
    if division:
        raw["contract"]["shared_parts"] = {"mfa": {**PARTS, "assets": {"vpn-gw-01": division}}}
    return raw


def _holds(result, fid) -> bool:
    f = finding(result, fid)
    assert f is not None, fid
    return f["holds"]


def test_without_a_division_the_failure_is_examined_against_both():
    result = run(_shared_mfa())
    assert _holds(result, "breach.identity_control.provider")
    assert _holds(result, "governance.mfa.client")
    part = finding(result, "duty.shared_part.client.mfa")
    assert not part["holds"] and "examined against both" in part["summary"]


def test_the_entry_asset_given_to_the_client_is_the_clients_part_only():
    result = run(_shared_mfa("client"))
    assert not _holds(result, "breach.identity_control.provider")
    assert _holds(result, "governance.mfa.client")
    part = finding(result, "duty.shared_part.provider.mfa")
    assert part["holds"] and part["values"]["entry_part"] == "client"
    assert "runs MFA on the VPN gateway it manages" in part["summary"]


def test_the_entry_asset_given_to_the_provider_is_the_providers_part_only():
    result = run(_shared_mfa("provider"))
    assert _holds(result, "breach.identity_control.provider")
    assert not _holds(result, "governance.mfa.client")


def test_the_division_moves_the_allocation_the_way_the_part_goes():
    both = run(_shared_mfa())["allocation"]
    to_client = run(_shared_mfa("client"))["allocation"]
    to_provider = run(_shared_mfa("provider"))["allocation"]
    assert float(to_client["client"]) > float(both["client"]) > float(to_provider["client"])


def test_an_asset_outside_the_division_leaves_the_failure_with_both():
    raw = _shared_mfa("client")
    raw["incident"]["vector"]["entry_asset"] = "other-gw"
    result = run(raw)
    assert _holds(result, "breach.identity_control.provider")
    assert _holds(result, "governance.mfa.client")


def test_no_shared_domain_no_shared_part():
    raw = base_raw("crestline-client-governance")
    f = finding(run(raw), "duty.shared_part.provider")
    assert f is not None and not f["holds"]


def _shared_audit(responsible: str, asset: str | None = None, division: str | None = None):
    raw = base_raw(HV)
    raw["contract"]["responsibilities"]["backup"] = "shared"
    if division:
        raw["contract"]["shared_parts"] = {"backup": {"provider": "backs up the servers it "
                                                      "manages", "client": "backs up the EHR",
                                                      "assets": {"ehr-db-01": division}}}
    item = {"id": "A-9", "category": "backup", "responsible": responsible, "severity": "high",
            "description": "Backups of the EHR database untested.", "control_domain": "backup",
            "first_observed": "2024-09-01", "known_before_incident": True, "remediated": "never"}
    if asset:
        item["asset"] = asset
    raw["audit"]["findings"].append(item)
    return run(raw)


def test_a_shared_audit_finding_attributed_to_both_is_examined_for_both():
    result = _shared_audit("shared")
    assert _holds(result, "breach.audit.provider.A-9")
    assert _holds(result, "governance.audit.client.A-9")


def test_a_shared_audit_finding_is_the_part_of_the_side_the_auditor_names():
    result = _shared_audit("client")
    assert finding(result, "breach.audit.provider.A-9") is None
    assert _holds(result, "governance.audit.client.A-9")
    result = _shared_audit("provider")
    assert _holds(result, "breach.audit.provider.A-9")
    assert finding(result, "governance.audit.client.A-9") is None


def test_the_division_by_asset_decides_over_the_auditors_label_and_names_the_part():
    result = _shared_audit("provider", asset="ehr-db-01", division="client")
    assert finding(result, "breach.audit.provider.A-9") is None
    client = finding(result, "governance.audit.client.A-9")
    assert client["holds"] and "backs up the EHR" in client["summary"]
    assert _holds(result, "duty.attribution_conflict.provider.A-9")   # the auditor said provider


def test_parts_for_a_domain_the_matrix_does_not_share_are_refused(tmp_path):
    raw = base_raw(HV)
    raw["contract"]["shared_parts"] = {"patching": dict(PARTS)}
    one_line_error(raw, tmp_path, "contract.shared_parts.patching", "gives patching to the client")
    raw = copy.deepcopy(_shared_mfa("client"))
    raw["contract"]["shared_parts"]["mfa"]["assets"]["vpn-gw-01"] = "vendor"
    one_line_error(raw, tmp_path, "contract.shared_parts.mfa.assets")
    raw = _shared_mfa("client")
    del raw["contract"]["shared_parts"]["mfa"]["client"]
    one_line_error(raw, tmp_path, "contract.shared_parts.mfa.client")
