"""Readers: every file format afdaek reads, behind one guard (sources, guards), and the table
and survey exports read into records (tables, surveyxact)."""
