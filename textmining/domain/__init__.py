"""Domain extractors: minutes, case notes and journals, sanction events, letters and plain
language, recommendations and survey comments."""
