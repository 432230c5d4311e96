#!/usr/bin/env python3
"""Faultline's command line. It wires commands to facts/, engine/ and reports/; it decides
nothing itself. Exit codes: 0 success, 2 bad input or usage (one line on stderr), 1 a bug."""
from __future__ import annotations

import json
import os
import sys

import click

from facts.errors import FaultlineInputError

REPORT_FORMATS = ["md", "html", "docx", "pdf", "json"]


def say(text: str = "", nl: bool = True, err: bool = False) -> None:
    """Everything for the terminal goes out here: case text cannot carry an escape sequence
    (a title change, a reset) to it (reports/escape.terminal)."""
    from reports.escape import terminal
    click.echo(terminal(str(text)), nl=nl, err=err)
LISTING_FORMATS = ["text", "json"]


class Faultline(click.Group):
    """Turns known errors into one line and exit 2, and anything else into a labelled bug."""

    def main(self, *args, **kwargs):
        # click prints usage errors as several lines of usage text; the contract is one line.
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "faultline"
            say(f"error: {where}: {exc.format_message()}".replace("\n", " "), err=True)
            sys.exit(2)
        except click.exceptions.Abort:
            say("error: aborted", err=True)
            sys.exit(1)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except FaultlineInputError as exc:
            say(exc.one_line(), err=True)
            sys.exit(2)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            say("error: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 — the last line of defence says it is a bug
            detail = " ".join(str(exc).split())[:300]
            say(f"error: internal failure (a bug in Faultline, please report it): "
                f"{type(exc).__name__}: {detail}", err=True)
            sys.exit(1)


@click.group(cls=Faultline, context_settings={"help_option_names": ["-h", "--help"]})
def cli():
    """Faultline: who is at fault, and by how much, when a managed security provider misses a
    breach.

    \b
    Example:
      python cli.py analyze examples/harborview-missed-alerts.yaml
    """


def emit(text: str | bytes, output: str | None, inputs: tuple = ()) -> None:
    from reports.output import write_atomic
    if output:
        write_atomic(output, text, inputs)    # a file gets the document's own bytes
        say(f"wrote {output}", err=True)
    elif isinstance(text, bytes):
        raise FaultlineInputError("-o", "", "this format is binary; give -o FILE")
    else:
        say(text, nl=False)


def assume_option(command):
    return click.option(
        "--assume", type=click.Choice(["client", "provider"]), default=None,
        help="Take every disputed fact in this party's version (a disclosed choice, recorded in "
             "the result). Without it a disputed fact is unknown in the main run; the outcome "
             "range still covers every combination.")(command)


def evidence_root_option(command):
    return click.option("--evidence-root", metavar="DIR",
                        help="Folder the case's evidence and mapping paths are relative to and "
                             "must lie inside (default: the case file's folder).")(command)


def load_parameters(path: str | None):
    from rules.parameters import Parameters
    return Parameters.load(path)


def load_case(case_file: str, evidence_root: str | None = None, assume: str | None = None):
    """The case file read and validated, its references into the rule base's data (notice
    regimes and recipients) resolved: every command that reads a case reads it here."""
    from facts.loader import load_case as read_case
    from rules.case_references import check_case_references
    loaded = read_case(case_file, evidence_root, assume)
    check_case_references(loaded)
    return loaded


@cli.command()
@click.argument("case_file", metavar="CASE")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="md",
              show_default=True, help="Report format.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@click.option("--parameters", metavar="FILE", help="YAML file overriding weights and thresholds.")
@click.option("--audience", type=click.Choice(["expert", "mediator", "student"]),
              default="expert", show_default=True, help="Who the report is written for.")
@click.option("--expert", "expert_file", metavar="FILE",
              help="YAML file of the expert's details for the expert report (name, "
                   "qualifications, publications, testimony, compensation, ...); without it those "
                   "fields are marked blanks.")
@click.option("--template", "template_file", metavar="FILE.docx",
              help="A firm's Word document whose styles (and letterhead) the DOCX report uses.")
@evidence_root_option
@assume_option
def analyze(case_file, fmt, output, parameters, audience, evidence_root, assume, expert_file,
            template_file):
    """Analyze a case file and report who is at fault, in what proportion, and why.

    \b
    Examples:
      python cli.py analyze examples/harborview-missed-alerts.yaml
      python cli.py analyze examples/harborview-missed-alerts.yaml --format json -o result.json
      python cli.py analyze CASE --audience mediator --format docx -o brief.docx
      python cli.py analyze CASE --audience student --format pdf -o walkthrough.pdf
    """
    from engine.analyze import analyze as run_analysis
    from facts.loader import input_files
    from reports.catalogue_data import rule_catalogue
    from reports.expert_profile import load_expert
    from reports.render import BINARY, render
    if fmt in BINARY and not output:
        raise FaultlineInputError("-o", "", f"--format {fmt} is binary; give -o FILE")
    if template_file and fmt != "docx":
        raise FaultlineInputError("--template", "", "a Word template applies to --format docx only")
    expert = load_expert(expert_file)
    loaded = load_case(case_file, evidence_root, assume)
    # The mediator's brief says which facts move the outcome most, and the student's questions
    # what would have changed each result: that takes a sensitivity sweep.
    result = run_analysis(loaded, load_parameters(parameters),
                          decisive=audience in ("mediator", "student"),
                          unknowns=True)
    text = render(result, rule_catalogue(), audience, fmt, expert=expert, template=template_file)
    emit(text, output, (*input_files(loaded), parameters, expert_file, template_file))


@cli.command()
@click.argument("case_file", metavar="CASE")
@click.option("--set", "sets", multiple=True, metavar="PATH=VALUE",
              help="Change one fact; all --set together form one scenario named '--set'.")
@click.option("--scenario", "scenarios", multiple=True, metavar="FILE",
              help="An overlay file (a partial case, with optional name: and description:).")
@click.option("--parameters", metavar="FILE", help="YAML file overriding weights and thresholds.")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json", "docx", "pdf"]),
              default="md", show_default=True, help="docx and pdf need -o FILE.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@evidence_root_option
@assume_option
def whatif(case_file, sets, scenarios, parameters, fmt, output, evidence_root, assume):
    """Compare the case with scenarios: changed findings, shares, exposure, side by side.

    \b
    Examples:
      python cli.py whatif examples/harborview-missed-alerts.yaml \\
          --set client_governance.mfa.remote_access=false
      python cli.py whatif CASE --scenario settle-ack.yaml --format html -o whatif.html
    """
    from engine.whatif import compare, scenario_from_file, scenario_from_sets
    from facts.loader import input_files
    from reports.whatif_render import BINARY, render_whatif_document
    if fmt in BINARY and not output:
        raise FaultlineInputError("-o", "", f"--format {fmt} is binary; give -o FILE")
    loaded = load_case(case_file, evidence_root, assume)
    chosen = [scenario_from_sets(list(sets))] if sets else []
    chosen += [scenario_from_file(path) for path in scenarios]
    if not chosen:
        raise FaultlineInputError("whatif", "", "nothing to compare; give --set PATH=VALUE or "
                                                "--scenario FILE")
    comparison = compare(loaded, chosen, load_parameters(parameters))
    emit(render_whatif_document(comparison, fmt), output,
         (*input_files(loaded), parameters, *scenarios))


@cli.command()
@click.argument("case_file", metavar="CASE")
@click.option("--chart", metavar="FILE.svg", help="Also draw a tornado chart (SVG).")
@click.option("--format", "fmt", type=click.Choice(LISTING_FORMATS), default="text",
              show_default=True)
@click.option("--flip", metavar="FINDING", help="Find the smallest set of fact changes (up to 3) "
                                               "that reverses FINDING ('allocation': moves the "
                                               "provider's share across 50%).")
@click.option("--top", type=click.IntRange(1, 1000), default=15, show_default=True,
              help="How many facts to list.")
@click.option("--parameters", metavar="FILE", help="YAML file overriding weights and thresholds.")
@click.option("--modelling-choices", is_flag=True,
              help="Also halve and double each weight and threshold the run used, in a section "
                   "of its own (they are not facts a party could dispute).")
@evidence_root_option
@assume_option
def sensitivity(case_file, chart, fmt, flip, top, parameters, modelling_choices, evidence_root,
                assume):
    """Which facts move the outcome: perturb each fact, rank by effect, optionally find a flip.

    \b
    Examples:
      python cli.py sensitivity examples/harborview-missed-alerts.yaml --chart tornado.svg
      python cli.py sensitivity CASE --flip breach.triage.provider
      python cli.py sensitivity CASE --flip allocation --format json
      python cli.py sensitivity CASE --modelling-choices
    """
    from engine.sensitivity import analyze_sensitivity, sensitivity_text
    from facts.loader import input_files
    loaded = load_case(case_file, evidence_root, assume)
    params = load_parameters(parameters)
    report = analyze_sensitivity(loaded, params, flip=flip, top=top)
    choices = None
    if modelling_choices:
        from engine.sensitivity_choices import modelling_choices as choices_of
        choices = choices_of(loaded, params)
    if chart:
        from reports.charts import tornado_svg
        emit(tornado_svg(report, top), chart, (*input_files(loaded), parameters))
    if fmt == "json":
        from engine.canonical import dumps
        say(dumps({**report, **({"modelling_choices": choices} if choices else {})}), nl=False)
    else:
        from engine.sensitivity_choices import render as choices_text
        say(sensitivity_text(report, top) + (choices_text(choices, top) if choices else ""),
            nl=False)


@cli.command()
@click.argument("case_file", metavar="CASE")
@evidence_root_option
def validate(case_file, evidence_root):
    """Check a case file without analyzing it; prints a one-line summary.

    \b
    Example:
      python cli.py validate examples/harborview-missed-alerts.yaml
    """
    from facts.flatten import unknown_facts
    loaded = load_case(case_file, evidence_root)
    case = loaded.case
    say(f"ok: {case_file}: case {case.case.id}: {len(case.audit.findings)} audit findings, "
        f"{len(case.incident.alerts)} alerts, {len(loaded.notes.disputes)} disputed facts, "
        f"{len(unknown_facts(loaded))} unknown facts")


@cli.group()
def rules():
    """The rule catalogue: every rule with its authority and narrative.

    \b
    Examples:
      python cli.py rules list
      python cli.py rules show BREACH-004
      python cli.py rules list --format md -o docs/rules.md
    """


@rules.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text",
              show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")
def rules_list(fmt, output):
    """List every rule (id, area, title).

    \b
    Example:
      python cli.py rules list --format json
    """
    from reports.catalogue_data import rule_catalogue
    from reports.listings import rules_markdown, rules_text
    from rules.version import rulebase_version
    catalogue = rule_catalogue()
    if fmt == "json":
        text = json.dumps(list(catalogue.values()), indent=2, sort_keys=True) + "\n"
    elif fmt == "md":
        text = rules_markdown(catalogue, rulebase_version().split("+")[0])
    else:
        text = rules_text(catalogue)
    emit(text, output)


@rules.command("show")
@click.argument("rule_id")
@click.option("--format", "fmt", type=click.Choice(LISTING_FORMATS), default="text",
              show_default=True)
def rules_show(rule_id, fmt):
    """Show one rule in full.

    \b
    Example:
      python cli.py rules show CAUS-003
    """
    from facts.errors import did_you_mean
    from reports.catalogue_data import rule_catalogue
    from reports.listings import rule_text
    catalogue = rule_catalogue()
    rule = catalogue.get(rule_id.upper())
    if rule is None:
        raise FaultlineInputError("rules show", rule_id,
                                  f"no such rule{did_you_mean(rule_id.upper(), catalogue)}")
    say(json.dumps(rule, indent=2, sort_keys=True) if fmt == "json" else rule_text(rule),
               nl=fmt == "json")


@cli.command()
@click.argument("regime")
@click.option("--from", "trigger", required=True, metavar="TIMESTAMP",
              help="When the clock starts (ISO 8601 with a zone, or use --zone).")
@click.option("--actual", metavar="TIMESTAMP", help="When the act happened, to judge it.")
@click.option("--duty", metavar="ID", help="Which duty of the regime (default: its first with a "
                                           "fixed deadline).")
@click.option("--zone", metavar="IANA", help="Zone for timestamps written without an offset.")
@click.option("--as-of", "law_as_of", metavar="DATE",
              help="Read the law as it stood on this day (default: the trigger's day).")
@click.option("--format", "fmt", type=click.Choice(LISTING_FORMATS), default="text",
              show_default=True)
def deadline(regime, trigger, actual, duty, zone, law_as_of, fmt):
    """Compute a statutory deadline and show the arithmetic, under the law as it stood on the
    trigger's day (or on --as-of).

    \b
    Examples:
      python cli.py deadline us-sec-8k --from 2025-11-26T16:00-05:00 --actual 2025-12-05T16:00-05:00
      python cli.py deadline us-ca --duty individuals --from 2025-03-03T09:00-08:00 --as-of 2026-01-01
    """
    from datetime import date

    from facts.types import parse_timestamp
    from rules.legal_time import (
        NoFixedDeadline,
        NotInForce,
        UnknownRegime,
        regime_deadline,
        regime_duty,
    )
    try:
        start = parse_timestamp(trigger, zone)
        done = parse_timestamp(actual, zone) if actual else None
    except ValueError as exc:
        raise FaultlineInputError("deadline", "--actual" if actual and trigger else "--from",
                                  str(exc)) from None
    try:
        day = date.fromisoformat(law_as_of) if law_as_of else None
    except ValueError:
        raise FaultlineInputError("deadline", "--as-of", f"{law_as_of!r} is not a date; "
                                  "expected YYYY-MM-DD, such as 2026-01-01") from None
    try:
        used = regime_duty(regime, duty, start, day)
        computed, judged = regime_deadline(regime, duty, start, done, law_as_of=day)
    except (UnknownRegime, NoFixedDeadline, NotInForce) as exc:
        raise FaultlineInputError("deadline", regime, str(exc).strip("'\"")) from None
    pending = " — pending: not yet in force, so no lateness may be concluded" \
        if used.status == "pending" else ""
    heading = f"{regime} {used.id}: {used.citation} (version {used.period}){pending}"
    if fmt == "json":
        say(json.dumps({"regime": regime, "duty": used.id, "version": used.period,
                               "status": used.status, "citation": used.citation,
                               "deadline": computed.deadline.isoformat(),
                               "sentence": computed.sentence,
                               "on_time": judged.on_time if judged else None,
                               "assessment": judged.sentence if judged else None},
                              indent=2, sort_keys=True))
    else:
        say(heading + "\n" + computed.sentence + (f"\n{judged.sentence}" if judged else ""))


@cli.group(invoke_without_command=True)
@click.option("--format", "fmt", type=click.Choice(LISTING_FORMATS), default="text",
              show_default=True)
@click.pass_context
def jurisdictions(ctx, fmt):
    """List the notification regimes and the comparative-fault regimes.

    \b
    Examples:
      python cli.py jurisdictions
      python cli.py jurisdictions show us-hipaa
    """
    if ctx.invoked_subcommand:
        return
    from dataclasses import asdict

    from reports.listings import jurisdictions_text
    from rules.legal_time import list_rows, load_fault_regimes, regime_versions
    regimes = [{**asdict(r), "authority": r.authority, "slight_max_share": None,
                "unverified_fields": r.unverified_fields,
                "versions": [{"kind": v.kind, "period": v.period, "transition": v.transition,
                              "authority": v.authority} for v in regime_versions(r.id)]}
               for r in load_fault_regimes().values()]
    if fmt == "json":
        say(json.dumps({"notification": list_rows(), "fault_regimes": regimes},
                              indent=2, sort_keys=True, default=str))
    else:
        say(jurisdictions_text(list_rows(), regimes), nl=False)


@jurisdictions.command("show")
@click.argument("regime_id")
@click.option("--format", "fmt", type=click.Choice(LISTING_FORMATS), default="text",
              show_default=True)
def jurisdictions_show(regime_id, fmt):
    """Show one regime's profile in full: duties, triggers, deadlines, citations.

    \b
    Example:
      python cli.py jurisdictions show eu-gdpr
    """
    from reports.listings import profile_text
    from rules.legal_time import UnknownRegime, get_profile, profile_as_dict
    try:
        profile = profile_as_dict(get_profile(regime_id))
    except UnknownRegime as exc:
        raise FaultlineInputError("jurisdictions show", regime_id,
                                  str(exc).strip("'\"")) from None
    say(json.dumps(profile, indent=2, sort_keys=True) if fmt == "json"
               else profile_text(profile), nl=fmt == "json")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text",
              show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")
def parameters(fmt, output):
    """List every weight, threshold and default window, with its source.

    \b
    Example:
      python cli.py parameters --format md -o docs/parameters.md
    """
    from reports.listings import parameters_markdown
    from rules.parameters import Parameters
    entries = Parameters.load().entries()
    if fmt == "json":
        text = json.dumps([{**vars(p), "authorities": [c.resolved() for c in p.authorities]}
                           for p in entries], indent=2, sort_keys=True) + "\n"
    elif fmt == "md":
        text = parameters_markdown(entries)
    else:
        text = "".join(f"{p.key} = {p.value} {p.unit}\n    {p.description}\n" for p in entries)
    emit(text, output)


@cli.group()
def evidence():
    """Evidence exports (SIEM alerts, tickets, telemetry) turned into facts with provenance.

    \b
    Example:
      python cli.py evidence summarize examples/evidence/alerts.csv --kind alerts --sla high=1h
    """


@evidence.command("summarize")
@click.argument("file")
@click.option("--kind", type=click.Choice(["alerts", "tickets", "telemetry"]), required=True)
@click.option("--mapping", metavar="FILE", help="Column-mapping YAML for other exports.")
@click.option("--timezone", metavar="IANA", help="Zone for timestamps written without one.")
@click.option("--sla", default="", metavar="SEV=DUR,...", help="Triage windows, e.g. high=1h,critical=15m.")
@click.option("--affected-assets", metavar="A,B", help="Compromised assets (comma-separated).")
@click.option("--intrusion-window", metavar="START,END", help="Zoned ISO 8601 bounds.")
@click.option("--silence-threshold", metavar="DURATION", help="Shortest silent period reported.")
@click.option("--format", "fmt", type=click.Choice(LISTING_FORMATS), default="text",
              show_default=True)
def evidence_summarize(file, kind, mapping, timezone, sla, affected_assets, intrusion_window,
                       silence_threshold, fmt):
    """Summarize one evidence file: rows read, unusable rows, and the derived facts.

    \b
    Examples:
      python cli.py evidence summarize examples/evidence/alerts.csv --kind alerts --sla high=1h
      python cli.py evidence summarize examples/evidence/telemetry.csv --kind telemetry --format json
    """
    from facts.durations import Duration, DurationError
    from facts.evidence import format_text, summarize
    from facts.evidence.__main__ import parse_sla
    from facts.types import parse_timestamp
    try:
        window = None
        if intrusion_window:
            start, _, end = intrusion_window.partition(",")
            window = (parse_timestamp(start, timezone), parse_timestamp(end, timezone))
        threshold = Duration.parse(silence_threshold).as_timedelta() if silence_threshold else None
    except (ValueError, DurationError) as exc:
        raise FaultlineInputError("evidence summarize", "--intrusion-window" if window is None
                                  and intrusion_window else "--silence-threshold", str(exc)) \
            from None
    summary = summarize(file, kind, mapping=mapping, timezone=timezone, sla=parse_sla(sla) or None,
                        affected_assets=affected_assets.split(",") if affected_assets else None,
                        intrusion_window=window, silence_threshold=threshold, progress=True)
    if fmt == "json":
        say(json.dumps(summary.as_dict(), indent=2, ensure_ascii=False, sort_keys=True))
    else:
        say(format_text(summary), nl=False)


@cli.command()
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")
def schema(output):
    """Print the JSON Schema of a case file, for editors that validate YAML or JSON.

    \b
    Example:
      python cli.py schema -o case.schema.json
    """
    from facts.schema import case_schema
    emit(json.dumps(case_schema(), indent=2, sort_keys=True) + "\n", output)


@cli.command()
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout (a new file: "
                                                    "an existing one is never overwritten).")
def init(output):
    """Write a starter case file: every field, each commented with what it means and whether it
    is required; `unknown` where the record is silent. `validate` accepts it as written.

    \b
    Example:
      python cli.py init -o my-case.yaml
    """
    from pathlib import Path

    from facts.starter import starter_yaml
    if output and (Path(output).exists() or Path(output).is_symlink()):
        raise FaultlineInputError(output, "", "the file exists; init writes a new file and never "
                                              "overwrites one (choose another name)")
    emit(starter_yaml(), output)


@cli.command()
@click.argument("case_file", metavar="CASE")
@click.argument("finding_id", metavar="FINDING", required=False)
@click.option("--all", "whole", is_flag=True,
              help="Explain the whole allocation chain (allocation.fault_established.provider).")
@click.option("--depth", type=click.IntRange(0, None), metavar="N",
              help="Show N levels of premises below the finding.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text",
              show_default=True)
@click.option("--graph", metavar="FILE", help="Also draw the derivation: .svg/.png/.pdf (Graphviz), "
                                             ".dot, or .md (Mermaid).")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@click.option("--parameters", metavar="FILE", help="YAML file overriding weights and thresholds.")
@evidence_root_option
@assume_option
def explain(case_file, finding_id, whole, depth, fmt, graph, output, parameters, evidence_root,
            assume):
    """Explain one finding: the rule, its premises, down to the exhibits; and why not.

    \b
    Examples:
      python cli.py explain examples/harborview-missed-alerts.yaml breach.triage.provider
      python cli.py explain CASE disclosure.client.provider --format json
      python cli.py explain CASE breach.systemic.provider --graph chain.svg
      python cli.py explain CASE --all --graph full.svg
    """
    from engine.analyze import analyze as run_analysis
    from engine.explain import explain_tree, why_not
    from facts.loader import input_files
    from reports.explain_text import explain_markdown, explain_text
    if whole == bool(finding_id):
        raise FaultlineInputError("explain", "FINDING", "give one finding id or --all")
    finding_id = finding_id or "allocation.fault_established.provider"
    loaded = load_case(case_file, evidence_root, assume)
    result = run_analysis(loaded, load_parameters(parameters))
    inputs = (*input_files(loaded), parameters)
    tree = explain_tree(result, finding_id, depth)
    reasons = why_not(result, finding_id)
    if graph and output and os.path.realpath(graph) == os.path.realpath(output):
        raise FaultlineInputError("--graph", graph, "is also the -o file; give two files")
    if graph:
        from reports.graph import graph_outputs
        files, note = graph_outputs(tree, graph)
        for path, content in files:
            emit(content, path, inputs)
        if note:
            say(note, err=True)
    if fmt == "json":
        text = json.dumps({"finding": tree, "why_not": reasons}, indent=2, sort_keys=True,
                          ensure_ascii=False, default=str) + "\n"
    else:
        from reports.format import CaseWords
        text = (explain_markdown if fmt == "md" else explain_text)(
            tree, reasons, CaseWords.of(result).zone)
    emit(text, output, inputs)


@cli.command()
@click.argument("case_file", metavar="CASE")
@click.option("--interactive", is_flag=True,
              help="Step through it: Enter for the next step, b back, g N or g ELEMENT to jump, "
                   "/TEXT to search, why / whynot on the current step, help, q to quit.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text",
              show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@click.option("--parameters", metavar="FILE", help="YAML file overriding weights and thresholds.")
@evidence_root_option
@assume_option
def trace(case_file, interactive, fmt, output, parameters, evidence_root, assume):
    """Show the steps of the reasoning: each rule applied, the element it decides, what it
    concluded and whether that holds, what it rested on, and why it comes at that point.

    \b
    Examples:
      python cli.py trace examples/harborview-missed-alerts.yaml
      python cli.py trace examples/harborview-missed-alerts.yaml --interactive
      python cli.py trace CASE --format md -o trace.md
    """
    from engine.analyze import analyze as run_analysis
    from engine.explain import trace_steps
    from facts.loader import input_files
    from reports.format import CaseWords
    from reports.trace_view import TraceNavigator, trace_markdown, trace_text
    loaded = load_case(case_file, evidence_root, assume)
    result = run_analysis(loaded, load_parameters(parameters))
    steps = trace_steps(result)
    if interactive:
        if not steps:
            raise FaultlineInputError(case_file, "trace", "the run took no step")
        TraceNavigator(result, steps, sys.stdin, sys.stdout, sys.stdin.isatty()).cmdloop()
        return
    if fmt == "json":
        text = json.dumps(steps, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    else:
        words = CaseWords.of(result)
        text = trace_markdown(steps, words) if fmt == "md" else trace_text(steps, words)
    emit(text, output, (*input_files(loaded), parameters))


@cli.command()
@click.argument("case_files", metavar="[CASE]...", nargs=-1)
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the workbench is meant for this machine only.")
@click.option("--parameters", metavar="FILE", help="YAML file overriding weights and thresholds.")
@click.option("--odds", "odds_files", multiple=True, metavar="FILE",
              help="Start the settlement panel at these estimates (as settle --odds; one case).")
@click.option("--costs", "costs_file", metavar="FILE",
              help="Start the settlement panel at these costs (as settle --costs; one case).")
@evidence_root_option
def serve(case_files, port, host, parameters, odds_files, costs_file, evidence_root):
    """Open the workbench: a local web page to change facts and see the outcome move.

    \b
    Examples:
      python cli.py serve examples/harborview-missed-alerts.yaml
      python cli.py serve examples/*.yaml --port 9000
      python cli.py serve examples/harborview-missed-alerts.yaml \\
          --odds examples/odds/harborview-client.yaml \\
          --odds examples/odds/harborview-provider.yaml \\
          --costs examples/odds/harborview-costs.yaml
    """
    from workbench.server import address, build
    if not case_files:
        raise FaultlineInputError("serve", "", "name at least one case file, e.g. "
                                               "examples/harborview-missed-alerts.yaml")
    if (odds_files or costs_file) and len(case_files) != 1:
        raise FaultlineInputError("--odds" if odds_files else "--costs", "",
                                  "odds and costs files start one case's settlement panel; "
                                  "name one case file")
    params = load_parameters(parameters)
    loaded = [load_case(path, evidence_root) for path in case_files]
    try:
        app, server = build(loaded, params, host, port)
    except OSError as exc:
        raise FaultlineInputError("--port", str(port), f"cannot listen on {host}:{port}: "
                                                       f"{exc.strerror or exc}") from None
    if odds_files or costs_file:
        try:
            app.sessions[0].start_settlement(list(odds_files), costs_file)
        except FaultlineInputError:
            server.server_close()
            raise
    say(f"Faultline workbench on {address(server)} (Ctrl-C stops it)", err=True)
    say(address(server))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@cli.command()
@click.argument("case_file", metavar="CASE")
@click.option("--odds", "odds_files", multiple=True, metavar="FILE",
              help="Chances of each answer to the contested questions (YAML): one shared file, or "
                   "one per side (estimates_of: client / provider). Without one: even odds.")
@click.option("--costs", "costs_file", metavar="FILE",
              help="Each side's costs to a hearing, the share recoverable where costs shift, a "
                   "fee rule other than the forum's, offers (YAML; docs/settlement.md).")
@click.option("--seed", type=click.IntRange(0, 2 ** 63 - 1), default=None, metavar="N",
              help="Seed for sampling beyond the exact limit (default: fixed, stated).")
@click.option("--samples", type=click.IntRange(100, 100_000), default=None, metavar="N",
              help="Combinations drawn beyond the exact limit (default 1,000).")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="md",
              show_default=True, help="The mediator brief with the settlement analysis "
                                      "(md, html, docx, pdf), or the result with its settlement "
                                      "section (json).")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@click.option("--parameters", metavar="FILE", help="YAML file overriding weights and thresholds.")
@evidence_root_option
def settle(case_file, odds_files, costs_file, seed, samples, fmt, output, parameters,
           evidence_root):
    """What each side should expect from a hearing, and the settlement range.

    \b
    Examples:
      python cli.py settle examples/harborview-missed-alerts.yaml \\
          --odds examples/odds/harborview-client.yaml \\
          --odds examples/odds/harborview-provider.yaml \\
          --costs examples/odds/harborview-costs.yaml
      python cli.py settle CASE --odds neutral.yaml --format json -o settlement.json
    """
    from engine.settlement import settlement_result
    from facts.loader import input_files
    from reports.catalogue_data import rule_catalogue
    from reports.render import BINARY, render
    if fmt in BINARY and not output:
        raise FaultlineInputError("-o", "", f"--format {fmt} is binary; give -o FILE")
    loaded = load_case(case_file, evidence_root)
    result = settlement_result(loaded, load_parameters(parameters), list(odds_files), costs_file,
                               seed, samples, brief=fmt != "json")
    text = render(result, rule_catalogue(), "mediator", fmt)
    emit(text, output, (*input_files(loaded), parameters, *odds_files, costs_file))


def run() -> None:
    """Run the command line and leave without tearing the interpreter down: once the output is
    written and flushed nothing is left to do, and freeing a built rule network and a validated
    case object by object takes a noticeable part of a short command."""
    try:
        cli()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if isinstance(exc.code, str):
            sys.stderr.write(exc.code + "\n")
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass  # the reader went away (e.g. `| head`); there is no one left to tell
    os._exit(code)


if __name__ == "__main__":
    run()
