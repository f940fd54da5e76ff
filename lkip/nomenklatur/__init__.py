"""The Permendagri 90/2019 nomenklatur: the packaged list (data), name keys (text), matching (matcher)."""

from lkip.nomenklatur.data import describe, load
from lkip.nomenklatur.matcher import ACCEPT, SUGGEST, Context, Match, match, matcher

__all__ = ["ACCEPT", "SUGGEST", "Context", "Match", "describe", "load", "match", "matcher"]
