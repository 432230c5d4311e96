"""The sequence of steps as text, as Markdown, and as an interactive navigator for a terminal.

Presentation only: the steps come from engine/explain_trace.py (each with its element's section,
its conclusions and whether they hold, its premises and why it comes where it does) and the
reasons from engine/explain.why_not. Every line for the terminal goes through
reports/escape.terminal, so nothing a case file says can drive the terminal.

The navigator is a line-command loop (the standard library's `cmd`): Enter for the next step,
`b` back, `g 40` or `g breach.triage` to jump, `/text` to search, `why` and `whynot` on the
current step, `list` for the elements by section, `q` to leave. Lines suit commands that take
an argument (a step number, an element, a search) and let a test, a pipe or a screen reader drive
it exactly as a person does.
"""
from __future__ import annotations

import cmd
import textwrap

from reports.escape import md_text, terminal
from reports.format import CaseWords

WIDTH = 100
VERDICT = {True: "holds", False: "does not hold", None: "superseded by a later step"}


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ",
                         break_long_words=False, break_on_hyphens=False) or [indent]


def premise_words(p: dict, words: CaseWords) -> str:
    if p["kind"] == "list":
        return f"{words.label(p['id'])} (read as a whole, {p['items']} in all)"
    if p["kind"] == "input":
        return words.label(p["id"]) + (" (unknown)" if p.get("unknown") else "")
    if p["kind"] == "finding":
        verdict = VERDICT[p.get("holds")] if p.get("holds") is not None else "concluded"
        return f"{p['id']}: {p.get('title') or 'finding'}, {verdict} (step {p['step']})"
    at = f" (measured at step {p['step']})" if p.get("step") else ""
    return words.label(p["id"]) + at


def conclusion_words(c: dict, words: CaseWords) -> list[str]:
    if c["kind"] == "finding":
        head = f"{c['id']} {VERDICT[c['holds']]}"
    else:
        head = f"measured: {words.label(c['id'])}"
    return [head] + ([words.prose(c["summary"])] if c.get("summary") else [])


def step_text(s: dict, words: CaseWords) -> str:
    out = [f"Step {s['step']} of {s['of']} · {s['section_title']}",
           f"  {s['rule']}: {s['title']}"]
    if s.get("principle") and s["principle"] != s["title"]:
        out += _wrap(f"Principle: {s['principle']}", "  ")
    for c in s["conclusions"] or [{"kind": "derived", "id": "nothing", "summary": ""}]:
        head, *rest = conclusion_words(c, words)
        out += _wrap(f"Concluded: {head}", "  ")
        for line in rest:
            out += _wrap(line, "    ")
    if s["premises"]:
        out += _wrap("Rests on: " + "; ".join(premise_words(p, words) for p in s["premises"]),
                     "  ")
    if s.get("parameters"):
        out += _wrap("Weights and thresholds used: " + ", ".join(s["parameters"]), "  ")
    out += _wrap(f"Why here: {s['why']}", "  ")
    return "\n".join(out) + "\n"


def trace_text(steps: list[dict], words: CaseWords) -> str:
    return "\n".join(step_text(s, words) for s in steps)


def trace_markdown(steps: list[dict], words: CaseWords) -> str:
    out = ["# The steps of the reasoning", "",
           "| Step | Element | Rule | Concluded | Why at this point |", "|---|---|---|---|---|"]
    for s in steps:
        concluded = "; ".join(" — ".join(conclusion_words(c, words)) for c in s["conclusions"])
        cells = [str(s["step"]), s["section_title"], f"{s['rule']} {s['title']}",
                 concluded or "nothing", s["why"]]
        out.append("| " + " | ".join(md_text(c) for c in cells) + " |")
    return "\n".join(out) + "\n"


# --- the navigator ----------------------------------------------------------------------------

HELP = """Commands (Enter alone repeats 'next'):
  n, next            the next step             b, back      the previous step
  g N, go N          go to step N              g ELEMENT    the next step deciding it
                                                            (breach.triage, causation, proximate)
  /TEXT, s TEXT      the next step whose text contains TEXT (again: / alone)
  why                why the current step concluded what it did (its checks and premises)
  whynot, w          why a conclusion of the current step does not hold
  list, l            the elements by section, with the step that decided each
  help, ?            this list                 q, quit      leave
"""


class TraceNavigator(cmd.Cmd):
    """Step through a result's reasoning: forwards, backwards, to a step or an element, by
    search; ask why and why-not on the step shown."""

    def __init__(self, result: dict, steps: list[dict], stdin, stdout, interactive: bool):
        super().__init__(stdin=stdin, stdout=stdout)
        self.use_rawinput = interactive
        self.result, self.steps, self.words = result, steps, CaseWords.of(result)
        self.at, self.last_search = 0, ""
        self.intro = (f"{len(steps)} steps, in the order the rule base took them; each says "
                      f"which element it decides. Type 'help' for the commands.\n")

    # --- output --------------------------------------------------------------------------
    def say(self, text: str) -> None:
        self.stdout.write(terminal(text if text.endswith("\n") else text + "\n"))

    def show(self) -> None:
        self.say(step_text(self.steps[self.at], self.words))

    def preloop(self) -> None:
        if self.intro:
            self.say(self.intro)
            self.intro = ""
        self.show()
        self._prompt()

    def _prompt(self) -> None:
        self.prompt = f"[step {self.at + 1}/{len(self.steps)}] > "

    def postcmd(self, stop, line):
        self._prompt()
        return stop

    def precmd(self, line: str) -> str:
        if not self.use_rawinput:     # piped or scripted: echo the command, as a terminal would
            self.say(line.strip())
        line = line.strip()
        if line.startswith("/"):
            return "search " + line[1:]
        if line.lower().replace(" ", "").startswith(("why-not", "whynot")):
            return "whynot"
        return line

    def emptyline(self):
        return self.do_next("")

    def default(self, line: str):
        self.say(f"unknown command {line.split()[0]!r}; type 'help' for the commands")

    # --- moving ----------------------------------------------------------------------------
    def _go(self, index: int) -> None:
        self.at = index
        self.show()

    def do_next(self, arg):
        if self.at + 1 >= len(self.steps):
            self.say("this is the last step; 'b' goes back, 'q' leaves")
            return
        self._go(self.at + 1)

    def do_back(self, arg):
        if self.at == 0:
            self.say("this is the first step")
            return
        self._go(self.at - 1)

    def do_go(self, arg):
        arg = arg.strip()
        if not arg:
            self.say("go where? a step number (g 40) or an element (g breach.triage)")
        elif arg.isdigit():
            n = int(arg)
            if not 1 <= n <= len(self.steps):
                self.say(f"there is no step {n}; steps run from 1 to {len(self.steps)}")
            else:
                self._go(n - 1)
        else:
            self.do_element(arg)

    def do_element(self, arg):
        """Jump to the next step that decides an element matching the text (its id, or its
        section's name)."""
        target = arg.strip().lower()
        if not target:
            self.do_list("")
            return
        hits = [i for i, s in enumerate(self.steps) if _decides(s, target)]
        if not hits:
            self.say(f"no step decides an element matching {arg.strip()!r}; 'list' shows them")
            return
        later = [i for i in hits if i > self.at]
        self._go(later[0] if later else hits[0])

    def do_search(self, arg):
        text = arg.strip() or self.last_search
        if not text:
            self.say("search for what? /TEXT")
            return
        self.last_search = text
        order = list(range(self.at + 1, len(self.steps))) + list(range(0, self.at + 1))
        needle = text.lower()
        for i in order:
            if needle in step_text(self.steps[i], self.words).lower():
                self._go(i)
                return
        self.say(f"no step mentions {text!r}")

    # --- asking ------------------------------------------------------------------------------
    def do_why(self, arg):
        s = self.steps[self.at]
        findings = {f["id"]: f for f in self.result["findings"]}
        out = []
        for c in s["conclusions"]:
            if c["kind"] == "derived":
                out += [f"Step {s['step']} measured {self.words.label(c['id'])}:"]
                out += _wrap(self.words.prose(c["summary"] or "(no value)"), "  ")
                continue
            if c["holds"] is None:
                out += [f"{c['id']} was concluded here and again at step {c['final_step']}, "
                        f"whose conclusion stands: 'g {c['final_step']}' shows it."]
                continue
            f = findings[c["id"]]
            out += [f"Why {c['id']} {VERDICT[c['holds']]} ({s['rule']}):"]
            out += _wrap(self.words.prose(f["summary"]), "  ")
            for check in f.get("checks", []):
                mark = "✓" if check["holds"] else "✗"
                out += _wrap(f"{mark} {check['condition']}: {self.words.prose(check['detail'])}",
                             "  ")
            if not c["holds"]:
                out.append("  ('whynot' gives the reasons it does not hold)")
        if s["premises"]:
            out.append("It rests on:")
            for p in s["premises"]:
                out += _wrap("- " + premise_words(p, self.words), "  ")
        self.say("\n".join(out) or "This step concluded nothing.")

    def do_whynot(self, arg):
        from engine.explain import why_not
        s = self.steps[self.at]
        failing = [c for c in s["conclusions"] if c["kind"] == "finding" and c["holds"] is False]
        if not failing:
            held = [c["id"] for c in s["conclusions"] if c["kind"] == "finding" and c["holds"]]
            self.say(f"{', '.join(held)} holds; 'why' shows the conditions it met." if held else
                     "This step decides no element that fails; 'why' shows what it concluded.")
            return
        out = []
        for c in failing:
            out.append(f"Why not: {c['id']} does not hold ({s['rule']})")
            for r in why_not(self.result, c["id"]):
                if r["kind"] == "absent":
                    line = f"✗ {self.words.label(r['missing'])} is missing: {r['cause']}"
                elif r["kind"] == "failed":
                    line = f"✗ not met: {r['condition']}: {self.words.prose(r['detail'])}"
                elif r["kind"] == "against":
                    line = f"✓ because {r['condition']}: {self.words.prose(r['detail'])}"
                else:
                    line = self.words.prose(r["condition"])
                out += _wrap(line, "  ")
        self.say("\n".join(out))

    def do_list(self, arg):
        from rules.doctrine import sections
        by_section: dict[str, list[str]] = {}
        for s in self.steps:
            for c in s["conclusions"]:
                if c["kind"] == "finding" and c["holds"] is not None:
                    by_section.setdefault(s["section"], []).append(
                        f"{c['id']} (step {s['step']}, {VERDICT[c['holds']]})")
        out = []
        for sec in sections():
            if sec.key in by_section:
                out.append(f"{sec.title}:")
                for line in by_section[sec.key]:
                    out.append(f"  {line}")
        self.say("\n".join(out))

    def do_help(self, arg):
        self.say(HELP)

    def do_quit(self, arg):
        return True

    def do_EOF(self, arg):
        self.say("")
        return True

    # short forms
    do_n, do_b, do_p, do_g, do_e, do_s = do_next, do_back, do_back, do_go, do_element, do_search
    do_w, do_l, do_q, do_h = do_whynot, do_list, do_quit, do_help

    def do_exit(self, arg):
        return True


def _decides(s: dict, target: str) -> bool:
    from rules.doctrine import section
    if target in s["section"].replace("_", " ") or target in section(s["section"]).title.lower():
        return any(c["kind"] == "finding" for c in s["conclusions"])
    return any(c["kind"] == "finding" and (c["id"].lower().startswith(target)
                                           or c["element"].lower().startswith(target))
               for c in s["conclusions"])
