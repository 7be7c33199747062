"""What is refused before any object is built: size, binary, encoding, tags, anchors, depth."""

from __future__ import annotations

from game.scenario.loader import load_bytes
from tests.helpers import BASE


def messages(data: bytes) -> list[str]:
    scenario, diagnostics = load_bytes(data, "x.yaml")
    assert scenario is None
    return [d.format() for d in diagnostics]


def test_empty_file() -> None:
    assert messages(b"") == ["x.yaml:1:1: error: empty file: a scenario is a YAML mapping of keys"]
    assert messages(b"# only a comment\n\n") == messages(b"")
    assert messages(b"---\n") == messages(b"")


def test_binary_file() -> None:
    assert messages(b"\x89PNG\r\n\x1a\n\x00\x00") == ["x.yaml:1:1: error: binary file: a scenario is YAML text"]


def test_not_utf8() -> None:
    (line,) = messages(b"format: 1\ntitle: caf\xe9\n")
    assert line == "x.yaml:1:1: error: not UTF-8 text (byte 0xe9 on line 2)"


def test_not_a_mapping() -> None:
    assert "the file is a list" in messages(b"- a\n- b\n")[0]
    assert "the file is a single value" in messages(b"just words\n")[0]


def test_over_one_mebibyte_is_refused_without_parsing() -> None:
    data = b"# " + b"x" * (1024 * 1024) + b"\n"
    (line,) = messages(data)
    assert "limited to 1 MiB" in line


def test_nested_deeper_than_64_levels() -> None:
    deep = b"title: " + b"[" * 65 + b"]" * 65 + b"\n"
    (line,) = messages(deep)
    assert line.startswith("x.yaml:1:") and "nested deeper than 64 levels" in line
    fine = b"title: " + b"[" * 63 + b"]" * 63 + b"\n"
    assert not any("nested" in m for m in messages(fine))


def test_alias_bomb_is_refused_fast() -> None:
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        bomb.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 9) + "]")
    (line,) = messages(("\n".join(bomb) + "\n").encode())  # refused at the first anchor, never expanded
    assert line.startswith("x.yaml:1:4: error: anchors (&a) are not allowed in scenario files; write the value out")


def test_alias_without_anchor_is_refused() -> None:
    (line,) = messages(b"title: *nothing\n")
    assert line.startswith("x.yaml:1:8: error: text that starts with * must be in quotes")


def test_python_tags_never_run(tmp_path) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "ran"
    text = BASE.replace("title: Tiny", f"title: !!python/object/apply:os.system ['touch {marker}']")
    (line,) = messages(text.encode())
    assert "tag '!!python/object/apply:os.system' is not allowed" in line
    assert not marker.exists()


def test_standard_tags_are_accepted() -> None:
    text = BASE.replace("title: Tiny", "title: !!str 123").replace("{start: 50}", "{start: !!int 50}")
    scenario, diagnostics = load_bytes(text.encode(), "x.yaml")
    assert scenario is not None, diagnostics
    assert scenario.title == "123"


def test_two_documents_are_refused() -> None:
    assert "only one YAML document" in messages((BASE + "---\n" + BASE).encode())[0]


def test_byte_order_mark_is_fine() -> None:
    scenario, _ = load_bytes(b"\xef\xbb\xbf" + BASE.encode(), "x.yaml")
    assert scenario is not None


def test_columns_count_characters_not_bytes() -> None:
    text = BASE.replace("title: Tiny", "title: Ñandú").replace("say: Hello.", "say: ¿Qué?\n    mood: hapy")
    _, diagnostics = load_bytes(text.encode(), "x.yaml")
    (error,) = [d for d in diagnostics if d.severity == "error"]
    assert (error.line, error.column) == (12, 11)
