"""Every framework the audit evaluates, in display order. Adding one touches only this file."""

from __future__ import annotations

from opengauge.frameworks import FrameworkFn
from opengauge.frameworks.mof import mof_framework
from opengauge.frameworks.openwashing import openwashing_framework
from opengauge.frameworks.osai import osai_framework
from opengauge.frameworks.osaid import osaid_framework
from opengauge.frameworks.safety import safety_framework

BUILTIN_FRAMEWORKS: tuple[FrameworkFn, ...] = (
    mof_framework,
    osaid_framework,
    osai_framework,
    openwashing_framework,
    safety_framework,
)
