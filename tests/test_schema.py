"""The JSON Schema from 'argmap schema' accepts what argmap loads and refuses what it refuses."""

import datetime
import re
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from argmap import MapError, load_map, load_map_text, map_file_schema, run_checks

ROOT = Path(__file__).resolve().parent.parent


def plain(value):
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value.isoformat() if isinstance(value, datetime.date) else value


def yaml_data(text: str):
    return plain(YAML(typ="safe", pure=True).load(text))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = map_file_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"```yaml\n(map:.*?)```", readme, re.DOTALL).group(1)


def test_showcase_and_readme_example_are_valid(validator) -> None:
    showcase = (ROOT / "maps" / "sco-expansion.yaml").read_text(encoding="utf-8")
    for text in (showcase, readme_example()):
        assert [error.message for error in validator.iter_errors(yaml_data(text))] == []


@pytest.mark.parametrize(
    "text",
    [
        "map: {title: x}\nstatements: {C-1: {kind: claim, text: t}}\n",
        "map: {title: x}\nstatements: {C1: {kind: opinion, text: t}}\n",
        "map: {title: x}\nstatements: {C1: {kind: claim, text: t, colour: red}}\n",
        "map: {title: x}\nstatements: {E1: {kind: evidence, text: t, credibility: 7}}\n",
        "statements: {}\n",
        "map: {title: x}\ninferences: {I1: {premises: [], conclusion: C1}}\n",
        "map: {title: x}\ngroups: {G1: {label: g, members: []}}\n",
        "map: {title: x}\nsources: {S1: {title: s, file: a.txt, text: b}}\n",
        "map: {title: '  '}\n",
        "map: {title: x}\nstatements: {C1: {kind: claim, text: t, key: 'yes'}}\n",
    ],
)
def test_invalid_maps_are_refused(validator, text: str) -> None:
    assert list(validator.iter_errors(yaml_data(text)))
    with pytest.raises(MapError):  # argmap refuses them too
        load_map_text(text, "m.yaml")


@pytest.fixture
def readme_example_file(tmp_path: Path) -> Path:
    """The README's example saved as maps/example.yaml, beside a copy of seeds/ it may read."""
    (tmp_path / "maps").mkdir()
    (tmp_path / "seeds").mkdir()
    # As in this repository, the project allows maps to read sources from seeds/.
    (tmp_path / "argmap.toml").write_text('source-roots = ["seeds"]\n', encoding="utf-8")
    seed = next((ROOT / "seeds").glob("*.txt"))
    (tmp_path / "seeds" / seed.name).write_bytes(seed.read_bytes())
    map_file = tmp_path / "maps" / "example.yaml"
    map_file.write_text(readme_example(), encoding="utf-8")
    return map_file


def test_readme_example_checks_without_errors_or_warnings(readme_example_file: Path) -> None:
    findings = run_checks(load_map(readme_example_file))
    assert [f.code for f in findings] == ["P004"]


def test_readme_example_draws_each_link_once_and_counts_its_quotes(readme_example_file: Path) -> None:
    from argmap import Analysis, build_dot

    analysis = Analysis(load_map(readme_example_file))
    dot = build_dot(analysis.graph)
    assert '"statement E1" -> "statement C1"' not in dot  # E1 reaches C1 through I1 only
    [coverage] = [f for f in run_checks(analysis) if f.code == "P004"]
    assert "2 of 37" in coverage.message  # the two whole sentences it quotes
