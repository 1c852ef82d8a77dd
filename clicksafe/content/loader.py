"""Reads content files (front matter and body of `<id>.<lang>.md`, YAML data) with line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .model import Problem

FILE_NAME = re.compile(r"^(?P<id>[a-z0-9][a-z0-9-]*)\.(?P<lang>[a-z]{2})\.(?:md|yaml)$")
FENCE = "---"

Lines = dict[tuple[Any, ...], int]


@dataclass(frozen=True)
class Source:
    """One Markdown file as written: where it is, its front matter and its body."""

    folder: str
    id: str
    lang: str
    path: Path
    meta: dict[str, Any]
    lines: Lines
    body: str
    body_line: int

    def line_of(self, *key: Any) -> int:
        """The line a front-matter key stands on (its file's first line when it is absent)."""
        while key and key not in self.lines:
            key = key[:-1]
        return self.lines.get(key, 1)


def parse_yaml(text: str, path: Path, first_line: int = 1) -> tuple[Any, Lines, list[Problem]]:
    """YAML data and the line of every mapping key and list item in it."""
    try:
        data, node = _load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        reason = getattr(error, "problem", None) or str(error)
        return None, {}, [Problem(path, line, f"invalid YAML: {reason}")]
    lines: Lines = {}
    _collect_lines(node, (), lines, first_line)
    return data, lines, []


# libyaml's parser when PyYAML was built with it (the wheels are): several times faster.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(text: str) -> tuple[Any, yaml.Node | None]:
    """Parse once: the node tree gives the lines, the same tree gives the data."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


def _collect_lines(node: yaml.Node | None, key: tuple[Any, ...], lines: Lines, first: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*key, key_node.value)
            lines[child] = first + key_node.start_mark.line
            _collect_lines(value_node, child, lines, first)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*key, index)
            lines[child] = first + item.start_mark.line
            _collect_lines(item, child, lines, first)


def read_yaml_file(path: Path) -> tuple[Any, Lines, list[Problem]]:
    if not path.is_file():
        return None, {}, [Problem(path, 1, "file is missing")]
    return parse_yaml(path.read_text(encoding="utf-8"), path)


def _name_problem(path: Path) -> list[Problem]:
    return [Problem(path, 1, f"file name must be <id>.<lang>{path.suffix} (lower case, digits, -)")]


def read_yaml_source(path: Path, folder: str) -> tuple[Source | None, list[Problem]]:
    """A YAML file that is one item in one language (a quiz): all of it is metadata."""
    match = FILE_NAME.match(path.name)
    if not match:
        return None, _name_problem(path)
    data, lines, problems = parse_yaml(path.read_text(encoding="utf-8"), path)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [Problem(path, 1, "must be a mapping of keys to values")]
    return Source(folder, match["id"], match["lang"], path, data, lines, "", 1), []


def read_markdown(path: Path, folder: str) -> tuple[Source | None, list[Problem]]:
    """A Markdown file with YAML front matter between `---` lines."""
    match = FILE_NAME.match(path.name)
    if not match:
        return None, _name_problem(path)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        return None, [Problem(path, 1, "front matter missing: the file must start with ---")]
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == FENCE)
    except StopIteration:
        return None, [Problem(path, 1, "front matter not closed: no second --- line")]
    meta, key_lines, problems = parse_yaml("\n".join(lines[1:end]), path, first_line=2)
    if problems:
        return None, problems
    if not isinstance(meta, dict):
        return None, [Problem(path, 2, "front matter must be a mapping of keys to values")]
    source = Source(
        folder=folder,
        id=match["id"],
        lang=match["lang"],
        path=path,
        meta=meta,
        lines=key_lines,
        body="\n".join(lines[end + 1 :]),
        body_line=end + 2,
    )
    return source, []


def read_folder(root: Path, folder: str, suffix: str = ".md") -> tuple[list[Source], list[Problem]]:
    """Every file of one content folder, sorted by name."""
    sources: list[Source] = []
    problems: list[Problem] = []
    directory = root / folder
    if not directory.is_dir():
        return [], [Problem(directory, 1, "folder is missing")]
    read = read_markdown if suffix == ".md" else read_yaml_source
    for path in sorted(directory.glob(f"*{suffix}")):
        source, found = read(path, folder)
        problems += found
        if source:
            sources.append(source)
    return sources, problems


def read_images(root: Path) -> dict[str, bytes]:
    """Content images by their path below content/images, read once so requests never touch disk."""
    images = root / "images"
    if not images.is_dir():
        return {}
    return {
        path.relative_to(images).as_posix(): path.read_bytes()
        for path in sorted(images.rglob("*"))
        if path.is_file() and path.suffix.lower() in {".svg", ".png", ".jpg", ".jpeg", ".webp"}
    }
