"""The `cfcoach` command line (Typer). Heavy front-ends are imported only when used."""
