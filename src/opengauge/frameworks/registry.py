"""Every framework the audit evaluates, in display order. Adding one touches only this file
(plus its module and its definition TOML)."""

from __future__ import annotations

from opengauge.frameworks import Framework
from opengauge.frameworks.mof import FRAMEWORK as MOF
from opengauge.frameworks.openwashing import FRAMEWORK as OPENWASHING
from opengauge.frameworks.osai import FRAMEWORK as OSAI
from opengauge.frameworks.osaid import FRAMEWORK as OSAID
from opengauge.frameworks.safety import FRAMEWORK as SAFETY

BUILTIN_FRAMEWORKS: tuple[Framework, ...] = (MOF, OSAID, OSAI, OPENWASHING, SAFETY)
