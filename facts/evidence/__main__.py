"""`python -m facts.evidence FILE --kind alerts`: a stand-in for `cli.py evidence summarize`
until the command line has it, so the benchmark can time the summary as a user would run it.

Exit codes follow the command line's: 0 success, 2 bad input (one line on stderr), 1 a bug.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime

from facts.durations import Duration, DurationError
from facts.errors import FaultlineInputError


def parse_sla(text: str) -> dict[str, Duration]:
    """'high=1h,critical=15m' -> {'high': Duration(1, 'hours'), ...}."""
    result = {}
    for part in filter(None, text.split(",")):
        name, _, window = part.partition("=")
        try:
            result[name.strip()] = Duration.parse(window)
        except DurationError as exc:
            raise FaultlineInputError("--sla", name.strip(), str(exc)) from None
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m facts.evidence",
                                     description="Summarize an evidence file into facts.")
    parser.add_argument("file")
    parser.add_argument("--kind", required=True, choices=["alerts", "tickets", "telemetry"])
    parser.add_argument("--mapping")
    parser.add_argument("--timezone")
    parser.add_argument("--sla", default="", help="e.g. high=1h,critical=15m")
    parser.add_argument("--affected-assets", help="comma-separated asset names")
    parser.add_argument("--intrusion-window", help="START,END as zoned ISO 8601")
    parser.add_argument("--silence-threshold", help="e.g. 4h")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    args = parser.parse_args(argv)
    from facts.evidence import format_text, summarize
    try:
        window = None
        if args.intrusion_window:
            start, _, end = args.intrusion_window.partition(",")
            window = (datetime.fromisoformat(start), datetime.fromisoformat(end))
        threshold = (Duration.parse(args.silence_threshold).as_timedelta()
                     if args.silence_threshold else None)
        summary = summarize(
            args.file, args.kind, mapping=args.mapping, timezone=args.timezone,
            sla=parse_sla(args.sla) or None, intrusion_window=window, silence_threshold=threshold,
            affected_assets=args.affected_assets.split(",") if args.affected_assets else None,
            progress=True)
    except FaultlineInputError as exc:
        print(exc.one_line(), file=sys.stderr)
        return 2
    except (ValueError, DurationError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        sys.stdout.write(json.dumps(summary.as_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(format_text(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
