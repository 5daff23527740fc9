"""afdaek package."""
