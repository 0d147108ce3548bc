"""Speed, latency and extraction figures, each measured beside its reference in the same run.

Run from the repository root as modules (`python -m benchmarks.lexrank_speed`), so that they
import the test suite's fakes and servers (`tests.support`) without touching `sys.path`.
"""
