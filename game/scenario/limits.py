"""Every limit Rapport puts on a scenario file, in one place.

A file within these limits loads (if it is otherwise valid); a file beyond any of
them gets an error at the place that breaks it, never a crash, a hang or a
runaway use of memory. The format reference promises at least text fields of
2,000 characters, conditions of 500 characters nested 32 deep, integers up to
10**9 in absolute value and 10,000 nodes, all within a file of 1 MiB; the other
counts are Rapport's own and are documented in the authoring guide ("Limits").

The counts bound the work that comes after loading: the validator's graph, the
engine's start-up, `explore` and `graph` all grow with nodes, choices and rules,
so none of them can be made to run away by a file that loaded.
"""

from __future__ import annotations

MAX_FILE_BYTES = 1024 * 1024
"""A scenario file is at most 1 MiB; a reader never reads more than this and one byte."""

MAX_YAML_DEPTH = 64
"""Nesting of YAML collections, the root mapping counting as level 1."""

MAX_TEXT = 2_000
"""Characters in any one text value: a line, a reply, feedback, a title, a note, a label."""

MAX_NAME = 200
"""Characters in a name, id or slug: node, choice and rule ids, meters, flags, skills, outcomes, keys."""

MAX_CONDITION_LENGTH = 500
"""Characters in one condition (`when`, `expect`)."""

MAX_CONDITION_DEPTH = 32
"""Parentheses nested inside one condition."""

MAX_INTEGER = 10**9
"""The largest absolute value of any whole number: meters, effects, ages, seeds, numbers in conditions."""

MAX_NODES = 10_000
"""Nodes in one scenario."""

MAX_CHOICES = 100
"""Replies in one node."""

MAX_ALSO = 20
"""Other phrasings of one reply under `also:` (free text matches them as that reply)."""

MAX_SAY_VARIANTS = 100
"""Items in one node's `say` list."""

MAX_RULES = 1_000
"""Entries under `rules`."""

MAX_CHECKS = 1_000
"""Entries under `checks`."""

MAX_CHECK_CHOICES = 10_000
"""Shown numbers in one check's `choices`."""

MAX_METERS = 100
"""Meters declared under `meters`."""

MAX_FLAGS = 1_000
"""Flags declared under `flags`."""

MAX_SKILLS = 100
"""Extra skills declared under `skills`."""

MAX_LIST_ITEMS = 100
"""Items in `learning_objectives`, `debrief` and `skills_focus`."""
