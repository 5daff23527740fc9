"""Text mining: read documents and turn Danish text into facts. Pure functions, no database."""
