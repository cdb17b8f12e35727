"""The ACH reports, kept importable here: they live in :mod:`argmap.report.ach`."""

from argmap.report.ach import *  # noqa: F403
from argmap.report.ach import __all__  # noqa: F401
