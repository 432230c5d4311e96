"""Apportionment as a tribunal does it (Restatement (Third) of Torts: Apportionment of Liability
§§8, 26 as the model).

- roots.py: every fault finding names the root failure it is part of; findings of one failure
  are one row, and aggravating facts about it raise that row's culpability.
- windows.py: for each root, the span of time whose harm it caused (its own counterfactual).
- tranches.py: the harm divided by time (and by head of loss where the case records heads).
- responsibility.py: within each tranche, responsibility split among the roots that caused it;
  the allocation is that responsibility weighted by the tranches' harm.
"""
