"""Modules loaded on first use, so that a command pays only for what it runs."""

from __future__ import annotations

import importlib
from typing import Any


class LazyModule:
    """Stands for the module ``name`` and imports it when one of its attributes is first read.

    Unlike :class:`importlib.util.LazyLoader`, nothing half-loaded is put in
    ``sys.modules``, where other code walking the modules (pydantic reading
    docstrings through :mod:`inspect`) would load it in the middle of
    another import.
    """

    def __init__(self, name: str) -> None:
        """Take the module's full name; nothing is imported yet."""
        self._name = name
        self._module: Any = None

    def __getattr__(self, attribute: str) -> Any:
        """The module's attribute, importing the module the first time.

        Raises:
            ModuleNotFoundError: there is no such module.
            AttributeError: the module has no such attribute.
        """
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attribute)
