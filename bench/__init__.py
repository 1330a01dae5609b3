"""Benchmarks: ours beside baselines, measured in one run. Never imported by ``service``."""
