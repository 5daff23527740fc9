"""The letter profiles afdaek checks by (each profile's checklist is in
data/letters_checklist.toml): one light module, so the CLI can offer them without loading the
checks."""

PROFILES = ("indkaldelse", "foerste_indkaldelse", "partshoering", "afgoerelse", "generelt")
"""Every profile a letter can be checked as."""

SUMMONS_PROFILES = ("indkaldelse", "foerste_indkaldelse")
"""The profiles of a summons (the checklist of a meeting: purpose, time, place …)."""
