"""How a value reads in every output: one function per kind of value, used by the rules'
narratives, the reports (Markdown, HTML, DOCX, PDF) and the command line alike, so a boolean, a
time, an amount or a duration never reads two ways.

It lives at the bottom of the import order (facts/) because rule narratives need it too. It returns
plain text: escaping for the output a value lands in is the template layer's job (reports/).

The choices, stated once:
- yes / no for booleans; "not recorded" for a value the record leaves out; "unknown" for a fact the
  case file says is unknown.
- Times: 'Mon 2025-03-03 02:47 EST' — weekday, ISO date, 24-hour clock, then the zone's
  abbreviation where the zone has one (IANA zones: EST, EDT, GMT, BST, CET), else its offset as
  'UTC-05:00'. Reports convert every time to the case's zone first, so one case reads one way.
- Amounts: 'USD 14,200,000.00' (ISO currency code, thousands grouped, two decimals).
- Shares: '95.06%'. Durations in words: '30 minutes', '2 days, 3 hours and 5 minutes'.
- Lists: 'a, b and c' (or 'a, b or c').
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from facts.unknown import UNKNOWN as _UNKNOWN

NOT_RECORDED = "not recorded"
UNKNOWN = "unknown"
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DURATION_TEXT = re.compile(r"^\d+\s*(s|m|h|d|w|mo|bd|business days?)$")


# --- yes / no, numbers, money, shares ------------------------------------------------------

def yes_no(value) -> str:
    if value is _UNKNOWN:
        return UNKNOWN
    if value is None:
        return NOT_RECORDED
    if isinstance(value, str) and value.lower() == UNKNOWN:
        return UNKNOWN
    return "yes" if value else "no"


def _decimal(value) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value).replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def number(value, places: int | None = None) -> str:
    """'14,200,000'; with `places`, that many decimals ('3.2062')."""
    amount = _decimal(value)
    if amount is None:
        return str(value)
    if places is None:
        places = 0 if amount == amount.to_integral_value() else max(0, -amount.as_tuple().exponent)
    return f"{amount:,.{places}f}"


def money(value, currency: str = "USD") -> str:
    amount = _decimal(value)
    if amount is None:
        return str(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}{currency} {abs(amount):,.2f}"


def percent(share, places: int = 2) -> str:
    """A share held as a decimal fraction ('0.9506') as '95.06%'."""
    amount = _decimal(share)
    if amount is None:
        return str(share)
    return f"{amount * 100:.{places}f}%"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'1 alert', '3 alerts', '0 alerts' (grouped: '1,200 rows')."""
    return f"{number(n)} {noun if n == 1 else (plural or noun + 's')}"


# --- lists -------------------------------------------------------------------------------------

def listing(items, conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'. Empty gives 'none'."""
    words = [str(i) for i in items]
    if not words:
        return "none"
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


# --- times -------------------------------------------------------------------------------------

def zone_of(name: str | None) -> tzinfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def zone_name(moment: datetime) -> str:
    """The zone's abbreviation where it has a lettered one (EST, BST), else 'UTC-05:00'."""
    name = moment.tzname() or ""
    if re.fullmatch(r"[A-Z]{2,5}", name):
        return name
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def parse_time(value, zone: tzinfo | None = None) -> datetime | None:
    """An aware datetime from a datetime or ISO text; text without an offset takes `zone` (as
    the case file's own timestamps do), else None. None for anything that is not a time."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str) and _ISO_TIME.match(value.strip()):
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone) if zone is not None else None
    return moment


def timestamp(value, zone: tzinfo | str | None = None) -> str:
    """'Mon 2025-03-03 02:47 EST', in `zone` when given (seconds shown only when not zero)."""
    if value is None:
        return "never"
    if value is _UNKNOWN:
        return UNKNOWN
    if isinstance(zone, str):
        zone = zone_of(zone)
    moment = parse_time(value, zone)
    if moment is None:
        return str(value)
    if zone is not None:
        moment = moment.astimezone(zone)
    seconds = ":%S" if moment.second else ""
    return moment.strftime(f"%a %Y-%m-%d %H:%M{seconds} ") + zone_name(moment)


def day(value) -> str:
    """A calendar date: 'Thu 2023-06-01'."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str) and _ISO_DATE.match(value):
        value = date.fromisoformat(value)
    return value.strftime("%a %Y-%m-%d") if isinstance(value, date) else str(value)


# --- durations ---------------------------------------------------------------------------------

_UNIT_NAMES = {"seconds": "second", "minutes": "minute", "hours": "hour", "days": "day",
               "weeks": "week", "months": "month", "business_days": "business day"}


def duration(value) -> str:
    """A contractual or statutory period in words: '30 minutes', '4 business days', '1 month';
    an elapsed length (timedelta or seconds) as '2 days, 3 hours and 5 minutes'."""
    if isinstance(value, timedelta):
        return elapsed(value)
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return elapsed(timedelta(seconds=float(value)))
    from facts.durations import Duration, DurationError
    try:
        parsed = Duration.parse(value)
    except DurationError:
        return str(value)
    return count(parsed.amount, _UNIT_NAMES[parsed.unit])


def elapsed(delta: timedelta) -> str:
    """'2 days, 3 hours and 5 minutes'; under a minute, the seconds; the sign is the caller's."""
    seconds = int(abs(delta.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [count(n, unit) for n, unit in ((days, "day"), (hours, "hour"), (minutes, "minute"))
             if n]
    if not parts:
        parts = [count(secs, "second")]
    return listing(parts)


# --- names and labels --------------------------------------------------------------------------

ROLE_WORDS = {"provider": "the provider", "client": "the client"}


def humanize(key: str) -> str:
    """'known_to_provider' → 'known to provider'; 'sla' stays 'SLA'."""
    words = str(key).replace("_", " ").replace("-", " ").strip()
    return re.sub(r"\b(sla|mfa|edr|siem|soc|ir|vpn|ad|id|cve|url|ip)\b",
                  lambda m: m.group(1).upper(), words)


_ITEM = re.compile(r"^(?P<list>[\w.]+)\[(?P<id>[^\]]+)\](?:\.(?P<rest>.+))?$")
_LIST_NOUNS = {"incident.alerts": "alert", "incident.outages": "outage",
               "incident.notices": "notice", "incident.statements": "statement",
               "audit.findings": "audit finding", "audit.tests": "test",
               "recommendations": "recommendation", "parties.non_parties": "non-party",
               "evidence": "evidence file", "incident.harm.accrual": "harm accrual"}


def fact_label(fact_id: str, label: str | None = None) -> str:
    """A fact's short human label: the model's label when the result carries one, else one made
    from its path ('incident.alerts[AL-1007].acknowledged_at' → 'alert AL-1007: acknowledged at')."""
    if label:
        return label
    match = _ITEM.match(fact_id)
    if match:
        noun = _LIST_NOUNS.get(match["list"], humanize(match["list"].rsplit(".", 1)[-1]).rstrip("s"))
        head = f"{noun} {match['id']}"
        return f"{head}: {humanize(match['rest'].replace('.', ' '))}" if match["rest"] else head
    parts = fact_id.split(".")
    if parts[0] == "derived":
        parts = parts[1:]
    if len(parts) > 2:
        parts = parts[-2:]
    return humanize(" ".join(parts))


# --- any value ----------------------------------------------------------------------------------

def value(v, zone: tzinfo | str | None = None, currency: str | None = None,
          key: str = "") -> str:
    """Any fact value in words: booleans yes/no, times in the zone, amounts (when `key` says it is
    one) with the currency, lists 'a, b and c', mappings 'label: value; ...'. Never a repr."""
    if v is _UNKNOWN:
        return UNKNOWN
    if v is None:
        return NOT_RECORDED
    if isinstance(v, bool):
        return yes_no(v)
    if isinstance(v, str):
        if v.lower() == UNKNOWN:
            return UNKNOWN
        if parse_time(v, zone_of(zone) if isinstance(zone, str) else zone):
            return timestamp(v, zone)
        if _ISO_DATE.match(v):
            return day(v)
        if currency and is_amount_key(key) and _decimal(v) is not None:
            return money(v, currency)
        if _DURATION_TEXT.match(v):
            return duration(v)
        return v
    if isinstance(v, (int, float, Decimal)):
        if currency and is_amount_key(key):
            return money(v, currency)
        return number(v)
    if isinstance(v, dict):
        shown = [(k, x) for k, x in sorted(v.items()) if x not in (None, "", [], {}) and k != "id"]
        if not shown:
            return "none"
        return "; ".join(f"{humanize(k)}: {value(x, zone, currency, k)}" for k, x in shown)
    if isinstance(v, (list, tuple)):
        return listing([value(x, zone, currency, key) for x in v]) if v else "none"
    return str(v)


AMOUNT_WORDS = ("amount", "cap", "fees", "cost", "fine", "pays", "bears", "total", "harm",
                "damages", "recover", "loss", "premium", "ransom")
NOT_AMOUNT_WORDS = ("share", "rate", "factor", "pct", "percent", "count", "residents", "points",
                    "weight", "multiplier", "rows")


def is_amount_key(key: str) -> bool:
    key = str(key).lower()
    return any(w in key for w in AMOUNT_WORDS) and not any(w in key for w in NOT_AMOUNT_WORDS)
