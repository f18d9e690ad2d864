"""The one error type for bad scenario and experiment input."""

from __future__ import annotations

import re


class ScenarioError(Exception):
    """Invalid input: names the file and the field path, says what to fix.

    ``str(err)`` is a single line ``FILE: FIELD.PATH: message`` that the CLI prints as is.
    """

    def __init__(self, file: str, field_path: str, message: str):
        self.file = str(file)
        self.field_path = field_path or "(document)"
        self.message = message
        super().__init__(one_line(f"{self.file}: {self.field_path}: {message}"))


def one_line(text: str) -> str:
    """Escape line breaks and other unprintable characters (they come from untrusted input)."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def format_validation_error(file: str, error, named_fields: bool = False) -> ScenarioError:
    """Turn a pydantic ``ValidationError`` into a ScenarioError naming the first bad field.

    With ``named_fields``, a cross-field check's error points at the field its message names.
    """
    errors = error.errors(include_url=False)
    first = errors[0]
    loc = tuple(first["loc"])
    if named_fields:
        loc = _named_field(loc, first["msg"], first.get("input"))
    if first["type"] in ("union_tag_invalid", "union_tag_not_found"):
        loc = (*loc, str(first["ctx"]["discriminator"]).strip("'"))  # the key that chooses
    path = ".".join(str(part) for part in loc)
    more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
    return ScenarioError(file, path, f"{first['msg']}{more}")


_LEADING_FIELD = re.compile(r"^(?:Value error, )?([A-Za-z_]\w*(?:\.\w+)*)(?=[: ])")


def _named_field(loc: tuple, msg: str, data) -> tuple:
    """Extend ``loc`` by the field a cross-field check names first ("districts: ...").

    A model validator's error sits at the model's own path; its message starts with the
    field it is about. That field is added only when it is a key of the validated data.
    """
    match = _LEADING_FIELD.match(msg)
    if match is None or not isinstance(data, dict):
        return loc
    parts = match.group(1).split(".")
    return (*loc, *parts) if parts[0] in data else loc
