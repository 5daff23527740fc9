"""Danish language: the spaCy pipeline with lemmas and normal forms (nlp), dates, readability
(LIX), names and the pseudonymisation of personal data."""
