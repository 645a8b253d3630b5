"""Knowledge shared by the evidence layer and the analyzers, kept as data."""
