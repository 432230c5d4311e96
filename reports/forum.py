"""Which court's rules the expert report is written to, and what follows from them: the contents
the rules require, the declaration the expert signs, and the paper size.

A forum in the United States gets the structure of Fed. R. Civ. P. 26(a)(2)(B) and an unsworn
declaration in the words of 28 U.S.C. § 1746; England and Wales (governing law `UK`, `GB`, `GB-ENG`,
`GB-WLS`) gets CPR Part 35 and PD 35: the expert's declaration of duty and the statement of truth.
Elsewhere the report keeps the same contents with a neutral declaration, marked for the expert to
replace with the forum's own form. The expert file may name the rules (`forum_rules: frcp | cpr35 |
other`) where the governing law does not say where the case is heard.

A state court's own rule can ask for less than the federal rule (New York's CPLR 3101(d)(1)(i)
asks for the substance of the facts and opinions); the report meets the federal list, which is the
most demanding, and says so. An arbitration (a forum named as an arbitration or a tribunal) is
bound by neither: the report follows the same structure and says the tribunal's orders govern.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ENGLAND_AND_WALES = {"UK", "GB", "GB-ENG", "GB-WLS", "UK-ENG", "UK-WLS"}
RULES = ("frcp", "cpr35", "other")


@dataclass(frozen=True)
class Forum:
    rules: str            # frcp | cpr35 | other
    name: str             # the forum as the case names it, or the governing law's place
    page: str             # Letter | A4
    rules_title: str      # the rules the structure follows, in words
    cites: tuple[str, ...]          # 'KEY PINPOINT' of the rules the structure and declaration follow
    declaration_title: str
    declaration: tuple[str, ...]    # paragraphs the expert signs
    note: str             # one sentence on how the structure meets the forum's rules

    @property
    def page_mm(self) -> tuple[float, float]:
        return (215.9, 279.4) if self.page == "Letter" else (210.0, 297.0)


def forum_of(case: dict, chosen: str | None = None) -> Forum:
    """The forum's rules: as the expert chose them, else from the governing law."""
    law = str(case.get("governing_law") or "").upper()
    name = str(case.get("forum") or "")
    rules = chosen or ("frcp" if law.split("-")[0] == "US" else
                       "cpr35" if law in ENGLAND_AND_WALES else "other")
    arbitral = bool(re.search(r"arbitra|tribunal", name, re.IGNORECASE))
    if rules == "frcp":
        note = ("This report is arranged to contain what Fed. R. Civ. P. 26(a)(2)(B) requires of a "
                "retained expert's report: the opinions with their basis and reasons, the facts or "
                "data considered, the exhibits, the expert's qualifications and publications of "
                "the previous 10 years, the cases of the previous 4 years and the compensation. ")
        note += ("The forum is an arbitration, which the federal rule does not bind: the report "
                 "follows it as the fullest common standard, subject to the tribunal's own orders."
                 if arbitral else "Where the forum is a state court whose rule asks for less, "
                 "the report gives at least what that rule asks.")
        return Forum(
            rules, name or "a court in the United States", "Letter",
            "Federal Rules of Civil Procedure, Rule 26(a)(2)(B)",
            ("us-frcp-26 26(a)(2)(B)", "us-usc-28-1746 (2)"),
            "Declaration",
            ("I declare under penalty of perjury that the foregoing is true and correct.",),
            note)
    if rules == "cpr35":
        return Forum(
            rules, name or "the courts of England and Wales", "A4",
            "Civil Procedure Rules, Part 35 and Practice Direction 35",
            ("uk-cpr-pd35 PD 35 para. 3.2", "uk-cpr-pd35 PD 35 para. 3.2(9)",
             "uk-cpr-pd35 PD 35 para. 3.3", "uk-cpr-pd35 CPR 35.3"),
            "Expert's declaration and statement of truth",
            (("I understand that my duty is to help the court on the matters within my expertise, "
              "and that this duty overrides any obligation to those instructing or paying me. I "
              "have complied with that duty. I am aware of the requirements of Part 35 and "
              "Practice Direction 35 and of the Guidance for the Instruction of Experts in Civil "
              "Claims."),
             ("I confirm that I have made clear which facts and matters referred to in this report "
              "are within my own knowledge and which are not. Those that are within my own "
              "knowledge I confirm to be true. The opinions I have expressed represent my true "
              "and complete professional opinions on the matters to which they refer."),
             ("I understand that proceedings for contempt of court may be brought against anyone "
              "who makes, or causes to be made, a false statement in a document verified by a "
              "statement of truth without an honest belief in its truth.")),
            "This report is arranged to contain what Practice Direction 35 para. 3.2 requires: the "
            "expert's qualifications, the material relied on, the material instructions, which "
            "facts are within the expert's own knowledge, the summary of conclusions and any "
            "qualification to an opinion, with the declaration and statement of truth of paras. "
            "3.2(9) and 3.3.")
    return Forum(
        "other", name or f"a forum applying the law of {law or 'the contract'}", "A4",
        "the forum's own rules on expert evidence", (), "Declaration",
        (("[To be replaced by the declaration the forum requires.] I confirm that the facts "
          "stated in this report are true to the best of my knowledge and that the opinions "
          "expressed are my own."),),
        "This report follows the contents common to expert reports (opinions with their basis, "
        "materials considered, assumptions, qualifications and a declaration); the expert should "
        "check it against the forum's own rules.")
