"""The one error type for bad scenario and experiment input."""

from __future__ import annotations


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


def format_validation_error(file: str, error) -> ScenarioError:
    """Turn a pydantic ``ValidationError`` into a ScenarioError naming the first bad field."""
    errors = error.errors(include_url=False)
    first = errors[0]
    path = ".".join(str(part) for part in first["loc"])
    more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
    return ScenarioError(file, path, f"{first['msg']}{more}")
