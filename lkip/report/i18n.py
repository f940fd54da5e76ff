"""The label catalogue moved to ``lkip.i18n`` (the bottom layer, so that ``validate`` can use it
without importing ``report``); this module re-exports it for imports not yet changed. Add labels
in ``lkip/i18n.py``."""

from lkip.i18n import LABELS as LABELS
from lkip.i18n import LANGS as LANGS
from lkip.i18n import Lang as Lang
from lkip.i18n import kind_label as kind_label
from lkip.i18n import label as label
from lkip.i18n import severity_label as severity_label
