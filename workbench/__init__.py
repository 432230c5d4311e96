"""The workbench: a local web page over the same engine and results as the command line
(`python cli.py serve CASE ...`). Imported by cli.py only; see docs/workbench.md."""
