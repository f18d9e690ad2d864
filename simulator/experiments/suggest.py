"""Suggestions for misspelt names: the closest valid field, path, overlay or outcome.

Every check that refuses a name adds ``did you mean 'x'?`` when a close valid name exists
(:func:`difflib.get_close_matches`), so a typo costs one glance, not a search.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

CUTOFF = 0.6


def did_you_mean(word: str, options: Iterable[Any]) -> str:
    """``"; did you mean 'x'?"`` for the closest of ``options``, or ``""`` if none is close."""
    names = [str(o) for o in options]
    close = difflib.get_close_matches(str(word), names, n=1, cutoff=CUTOFF)
    return f"; did you mean {close[0]!r}?" if close else ""


def path_suggestion(doc: Any, dotted: str) -> str:
    """For a dotted path that does not exist in ``doc``: the closest existing path, as a hint.

    Walks the path; each part that is missing is replaced by the closest key of that mapping
    (or the closest index, ``instrument`` or ``id`` of that list). The hint names the whole
    corrected path if it exists, else the path up to the first corrected part.
    """
    node, fixed = doc, []
    for part in dotted.split("."):
        options = _children(node)
        if options is None:
            break
        if part not in options:
            close = difflib.get_close_matches(part, list(options), n=1, cutoff=CUTOFF)
            if not close:
                break
            part = close[0]
        fixed.append(part)
        node = options[part]
    if not fixed or ".".join(fixed) == dotted:
        return ""
    return f"; did you mean {'.'.join(fixed)!r}?"


def _children(node: Any) -> dict[str, Any] | None:
    """What a path part can name below ``node``: mapping keys, or list indices and item keys."""
    if isinstance(node, dict):
        return {str(k): v for k, v in node.items()}
    if isinstance(node, list):
        out = {str(i): item for i, item in enumerate(node)}
        for item in node:
            for key in ("id", "instrument"):
                if isinstance(item, dict) and isinstance(item.get(key), str):
                    out[item[key]] = item
        return out
    return None


_QUOTED = re.compile(r"'([^']+)'")


def pydantic_hint(error: dict, field_names: Iterable[str]) -> str:
    """A suggestion for the first error of a pydantic ``ValidationError``.

    Unknown keys (``extra_forbidden``) are matched against ``field_names``; wrong choices
    (``literal_error``, ``union_tag_invalid``) against the choices pydantic lists.
    """
    kind = error.get("type")
    loc = error.get("loc") or ()
    if kind == "extra_forbidden" and loc:
        return did_you_mean(str(loc[-1]), field_names)
    ctx = error.get("ctx") or {}
    expected = str(ctx.get("expected") or ctx.get("expected_tags") or "")
    given = ctx.get("tag", error.get("input"))
    if kind in ("literal_error", "union_tag_invalid") and isinstance(given, str):
        return did_you_mean(given, _QUOTED.findall(expected))
    return ""
