"""The demo's example data (Egebjerg Kommune, synthetic), shipped with afdaek as the package
`afdaek_examples` so that `afdaek demo` works from an installed package too. The .py files
beside the data are the scripts that wrote it (make_examples.py, make_stil.py)."""
