"""Hypothesis strategies for hostile YAML: generated documents, known-bad snippets, mutations.

Mutations start from every shipped scenario, overlay and experiment file (plus an example
experiment) and edit them as text (drop, repeat, swap, cut, indent, splice) or as data (replace,
delete, add anywhere). Used by test_fuzz_loader.py; valid scenarios are in strategies.py.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

import yaml
from hypothesis import strategies as st
from strategies import OVERLAY_FILES, ROOT, SHIPPED

# An experiment like the sweeps engineer's examples; mutated together with any shipped ones.
EXAMPLE_EXPERIMENT = """\
name: fuzz_example
description: two organisation models under fiscal uncertainty
scenario: ../scenarios/wetter_buergertreff.yaml
levers:
  - {name: org, overlays: [org_citizen_association, org_cooperative]}
  - {name: staff, path: facility.staff_fte, values: [0.5, 1.0]}
uncertainties:
  - {name: tfr, path: demography.tfr, low: 1.2, high: 1.6}
outcomes: [viable, {name: utilisation_mean, direction: maximize}]
design: {kind: latin_hypercube, samples: 8}
replications: 2
master_seed: 11
years: 3
"""


# --- hostile YAML --------------------------------------------------------------------------
#: Inputs that break naive YAML loaders or loose schemas.
NASTY_SNIPPETS = [
    "a: &a [x, x]\nb: *a\n",
    "a: &a x\n",
    "!!python/object/apply:os.system ['echo x']",
    "x: !!python/name:os.system ''",
    "x: !!binary aGVsbG8=",
    "x: !!set {a, b}",
    "x: !!omap [a: 1]",
    "x: !!timestamp 2024-13-45",
    "x: 2024-02-30",
    "x: " + "9" * 5000,
    "x: 0x" + "f" * 5000,
    "x: .nan",
    "x: -.inf",
    "x: 1e400",
    "[" * 200,
    "{a: " * 200,
    "- " * 200 + "x",
    "%YAML 1.1\n---\nx: 1\n",
    "%TAG !e! tag:example.com,2000:\n---\nx: !e!foo 1\n",
    "--- a\n--- b\n",
    "? [a, b]\n: 1\n",
    "? {a: 1}\n: 1\n",
    "x: 1\nx: 2\n",
    "\t x: 1",
    "x: '\\x00'",
    'x: "\\ud800"',
    "\ufeffx: 1",
    "x: ~\n",
    "x: <<\n",
    "<<: {a: 1}\n",
    "x: !!str\n",
    "x: !!int 1.5",
    "x: !!float abc",
    "x: !!timestamp abc",
    "x: !!bool maybe",
    "x: !!int",
    "x: !local 1",
    "extends: ../../../../etc/passwd",
    "extends: /etc/passwd",
    "extends: overlays/../../x.yaml",
    "overlays: ['../../x']",
    "overlays: [ageing, ageing, ageing]",
    "set: {'a..b': 1}",
    "set: {'town.districts.²': 1}",
    "set: {'town.districts.99999999999999999999.name': 1}",
    "set: {'': 1}",
    "set: {1: 2}",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["0", "1e999", ".nan", "yes", "no", "~", "null", "2025-01-01", "-1"]),
)
yaml_data = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.text(max_size=20), inner, max_size=5),
    ),
    max_leaves=30,
)


class _NoAliasDumper(yaml.SafeDumper):
    """Writes shared objects twice instead of as anchors and aliases."""

    def ignore_aliases(self, data) -> bool:  # noqa: D102 - PyYAML hook
        return True


def dump(doc: Any) -> str:
    """YAML text of plain data, without anchors."""
    return yaml.dump(doc, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False)


@functools.cache
def shipped_texts() -> dict[str, str]:
    """Text of every shipped scenario, overlay and experiment file, plus the example experiment."""
    paths = [*SHIPPED, *OVERLAY_FILES, *sorted((ROOT / "experiments").glob("*.yaml"))]
    texts = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in paths}
    texts["experiments/fuzz_example.yaml"] = EXAMPLE_EXPERIMENT
    return texts


@st.composite
def text_mutation(draw, text: str) -> str:
    """One edit of a YAML text: drop, repeat, swap, truncate, indent, or splice in junk."""
    lines = text.splitlines(keepends=True) or [""]
    i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    junk = draw(st.one_of(st.sampled_from(NASTY_SNIPPETS), st.text(max_size=40)))
    kind = draw(st.sampled_from(["drop", "repeat", "swap", "cut", "indent", "splice", "replace"]))
    if kind == "drop":
        del lines[i]
    elif kind == "repeat":
        lines.insert(i, lines[i])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "cut":
        return text[: draw(st.integers(0, len(text)))]
    elif kind == "indent":
        lines[i] = " " * draw(st.integers(1, 4)) + lines[i]
    elif kind == "splice":
        lines.insert(i, junk + "\n")
    else:
        pos = draw(st.integers(0, max(0, len(lines[i]) - 1)))
        lines[i] = lines[i][:pos] + junk + lines[i][pos + len(junk) // 2 :]
    return "".join(lines)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every key/index path inside a parsed document."""
    out = [prefix]
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in items:
        out += _paths(child, (*prefix, key))
    return out


@st.composite
def data_mutation(draw, doc: Any) -> Any:
    """One edit of a parsed document: replace, delete or add a value somewhere in it."""
    doc = copy.deepcopy(doc)
    path = draw(st.sampled_from(_paths(doc)))
    if not path:
        return draw(yaml_data)
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    kind = draw(st.sampled_from(["replace", "delete", "add"]))
    if kind == "replace":
        parent[path[-1]] = draw(yaml_data)
    elif kind == "delete":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[draw(st.text(min_size=1, max_size=20))] = draw(yaml_data)
    else:
        parent.append(draw(yaml_data))
    return doc


@st.composite
def hostile_documents(draw) -> tuple[str, str]:
    """``(name, text)``: a shipped file mutated as text or as data, or generated YAML."""
    texts = shipped_texts()
    name = draw(st.sampled_from(sorted(texts)))
    kind = draw(st.sampled_from(["text", "data", "generated", "snippet"]))
    if kind == "text":
        text = texts[name]
        for _ in range(draw(st.integers(1, 3))):
            text = draw(text_mutation(text))
        return name, text
    if kind == "data":
        doc = yaml.safe_load(texts[name])
        for _ in range(draw(st.integers(1, 3))):
            doc = draw(data_mutation(doc))
        return name, dump(doc)
    if kind == "generated":
        return name, dump(draw(yaml_data))
    return name, draw(st.sampled_from(NASTY_SNIPPETS))
