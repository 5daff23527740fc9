"""Word reports: pure context builders over the store, rendered through docxtpl templates."""
