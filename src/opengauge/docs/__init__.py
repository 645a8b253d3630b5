"""Documentation parsing and checking: front matter, Markdown structure, section tables."""
