"""Evidence logs for the tests, written into tmp_path: small files whose every answer is known."""
from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

NY = ZoneInfo("America/New_York")
HEADER = ["timestamp", "severity", "rule", "asset", "status", "acknowledged_at", "escalated_at"]
SLA = {"critical": "15m", "high": "1h", "medium": "4h", "low": "24h"}
AFFECTED = ["vpn-gw-01", "fs-02"]
WINDOW = (datetime(2025, 3, 3, 2, 10, tzinfo=NY), datetime(2025, 3, 5, 0, 0, tzinfo=NY))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _plus(base: str, minutes: int | None) -> str:
    return "" if minutes is None else (at(base) + timedelta(minutes=minutes)).isoformat()


# (timestamp, severity, rule, asset, status, ack after (min), escalated after (min)); row = index+1
ALERTS = [
    ("2025-03-01T10:00:00-05:00", "high", "Brute force", "web-01", "closed", 30, 45),      # 1
    ("2025-03-01T11:00:00-05:00", "high", "Brute force", "web-01", "closed", 120, None),   # 2
    ("2025-03-01T12:00:00-05:00", "critical", "Old VPN alert", "vpn-gw-01", "closed", 10, 20),
    ("2025-03-02T09:00:00-05:00", "medium", "Port scan", "db-01", "open", None, None),      # 4
    ("2025-03-03T02:47:00-05:00", "high", "VPN login from new country", "vpn-gw-01", "open",
     None, None),                                                                          # 5
    ("2025-03-03T03:30:00-05:00", "critical", "Ransomware note", "fs-02", "escalated", 5, 180),
    ("2025-03-03T04:00:00-05:00", "low", "USB device", "ws-1", "closed", 25 * 60, None),    # 7
    ("2025-03-03T05:00:00-05:00", "high", "New admin", "ws-2", "open", None, None),         # 8
]


def alert_rows(alerts=ALERTS) -> list[list[str]]:
    return [[ts, sev, rule, asset, status, _plus(ts, ack), _plus(ts, esc)]
            for ts, sev, rule, asset, status, ack, esc in alerts]


def write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def telemetry_rows() -> tuple[list[list], dict]:
    """Hourly counts on 2025-03-01 (UTC) for three sources; returns rows and the rows that
    bound each expected silence."""
    rows, marks = [], {}
    for hour in range(24):
        stamp = f"2025-03-01T{hour:02d}:00:00Z"
        rows.append([stamp, "src-a", 10])
        rows.append([stamp, "src-b", 0 if 5 <= hour <= 14 else 7])
        if hour == 4:
            marks["b_last"] = len(rows)
        if hour == 15:
            marks["b_next"] = len(rows)
        if hour <= 10:
            rows.append([stamp, "src-c", 3])
            marks["c_last"] = len(rows)
    return rows, marks
