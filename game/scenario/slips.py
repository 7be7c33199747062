"""Plain words for the YAML slips a first-time author makes: at the line to edit, with the fix.

`prescan` reads the raw lines before the parser does and finds what a word
processor or a keyboard slip leaves behind (tabs and non-breaking spaces in the
indentation, curly quotes, an unquoted colour, a key with no space after its
colon or a `-` with no space after it); each is repaired in a working copy so the
parser can read on. `explain` turns one of libyaml's errors into a sentence about
the line to edit, and says how to mend the working copy (a repair of that line,
or setting its block aside) so that checking continues past it. libyaml's own
wording never reaches the author.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from game.scenario.keys import KNOWN_KEYS


@dataclass(frozen=True, slots=True)
class Slip:
    """One slip: where to edit, what to say, and the mended line (None: set the block aside)."""

    line: int  # 1-based
    column: int  # 1-based
    message: str
    repair: str | None = None
    repair_line: int = 0  # the line `repair` replaces (0: `line`)


class Lines:
    """The working copy of the file, line by line, each keeping its own line ending."""

    def __init__(self, text: str) -> None:
        parts = text.splitlines(keepends=True)
        self.bodies = [p.rstrip("\r\n") for p in parts]
        self.ends = [p[len(b) :] for p, b in zip(parts, self.bodies, strict=True)]

    def __len__(self) -> int:
        return len(self.bodies)

    def body(self, number: int) -> str:
        """Line `number` (1-based) without its ending; '' beyond the end."""
        return self.bodies[number - 1] if 1 <= number <= len(self.bodies) else ""

    def set(self, number: int, body: str) -> None:
        if 1 <= number <= len(self.bodies):
            self.bodies[number - 1] = body

    def text(self) -> str:
        return "".join(b + e for b, e in zip(self.bodies, self.ends, strict=True))

    def previous(self, number: int) -> int:
        """The nearest line before `number` with content (not blank, not only a comment); 0 if none."""
        for other in range(number - 1, 0, -1):
            if _meaningful(self.body(other)):
                return other
        return 0

    def next(self, number: int) -> int:
        """The nearest line after `number` with content; 0 if none."""
        for other in range(number + 1, len(self.bodies) + 1):
            if _meaningful(self.body(other)):
                return other
        return 0

    def block(self, number: int) -> tuple[int, int]:
        """Line `number` and the lines after it indented deeper (its children), as a closed range."""
        own = indent(self.body(number))
        last = number
        for other in range(number + 1, len(self.bodies) + 1):
            body = self.body(other)
            if not _meaningful(body):
                continue
            if indent(body) <= own:
                break
            last = other
        return number, last


def _meaningful(body: str) -> bool:
    stripped = body.strip()
    return bool(stripped) and not stripped.startswith("#")


def indent(body: str) -> int:
    """Leading ordinary spaces."""
    return len(body) - len(body.lstrip(" "))


_ITEM = re.compile(r"^( *)((?:- +)*)")
_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_-]*) *:(?= |$)")


def content_column(body: str) -> int:
    """0-based column where a line's content starts, after its indentation and any '- '."""
    match = _ITEM.match(body)
    assert match is not None
    return match.end()


def key_at(body: str) -> str | None:
    """The plain key a line starts with (after indentation and '- '), or None."""
    match = _KEY.match(body, content_column(body))
    return match.group(1) if match else None


def _code(body: str) -> str:
    """The line without a trailing comment (a ' #' outside quotes), right-stripped."""
    quote = ""
    for i, char in enumerate(body):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'" and (i == 0 or body[i - 1] in " [{,:-"):
            quote = char
        elif char == "#" and (i == 0 or body[i - 1] in " \t"):
            return body[:i].rstrip()
    return body.rstrip()


def opens_block(body: str) -> bool:
    """Whether a line ends with a key and a colon, so that lines indented under it belong to it."""
    code = _code(body)
    return code.endswith(":") or bool(re.search(r":\s*[|>][-+0-9]*$", code))


def _quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar (JSON's string syntax is a subset of YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _show(text: str, room: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= room else text[: room - 1] + "…"


def _spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


# -- what the raw text shows ---------------------------------------------------------------------

_ODD_SPACES = "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u3000\ufeff"
_OPENING_CURLY = {"\u201c": "\u201d", "\u201d": "\u201d", "\u201e": "\u201d", "\u2018": "\u2019", "\u2019": "\u2019"}
_VALUE = re.compile(r"^( *(?:- +)*)([A-Za-z0-9_][A-Za-z0-9_-]*)( *: +)(.*)$")
_COLOUR = re.compile(r"(:[ \t]+)(#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3}))(?=[\s,}\]]|$)")
_NO_SPACE_AFTER_COLON = re.compile(r"^( *(?:- +)*)([A-Za-z_]+):(?=[^\s:/])")
_NO_SPACE_AFTER_DASH = re.compile(r"^( *)-(?=([A-Za-z_]+):(?: |$))")


def prescan(lines: Lines) -> list[Slip]:
    """Slips visible in the raw lines, each already repaired in `lines`; in line order."""
    slips: list[Slip] = []
    block_scalar_indent: int | None = None  # inside `key: |` text, where anything goes
    number = 0
    while number < len(lines):
        number += 1
        body = lines.body(number)
        if block_scalar_indent is not None:
            if not body.strip() or len(body) - len(body.lstrip(" \t" + _ODD_SPACES)) > block_scalar_indent:
                continue
            block_scalar_indent = None
        lead = len(body) - len(body.lstrip(" \t" + _ODD_SPACES))
        if "\t" in body[:lead] and body.strip():
            number = _tabs(lines, number, slips)
            body = lines.body(number)
        elif any(c in _ODD_SPACES for c in body[:lead]) and body.strip():
            column = next(i for i, c in enumerate(body) if c in _ODD_SPACES) + 1
            slips.append(
                Slip(
                    number,
                    column,
                    "the indentation of this line has a non-breaking space (pasted from a word processor or a "
                    "web page?); indent with ordinary spaces",
                )
            )
            body = "".join(" " if c in _ODD_SPACES else c for c in body[:lead]) + body[lead:]
            lines.set(number, body)
        if body.lstrip().startswith("#"):
            continue
        found = _line_slip(number, body)
        if found is not None:
            slips.append(found)
            lines.set(number, found.repair or body)
            body = lines.body(number)
        if re.search(r":\s*[|>][-+0-9]*\s*(#.*)?$", body):
            block_scalar_indent = indent(body)
    return slips


def _tabs(lines: Lines, first: int, slips: list[Slip]) -> int:
    """One message for a run of lines indented with tabs; each is re-indented with spaces. The last line."""
    run = [first]
    for other in range(first + 1, len(lines) + 1):
        body = lines.body(other)
        if not body.strip():
            continue
        lead = body[: len(body) - len(body.lstrip(" \t"))]
        if "\t" not in lead:
            break
        run.append(other)
    body = lines.body(first)
    lead = body[: len(body) - len(body.lstrip(" \t"))]
    tabs, spaces = lead.count("\t"), lead.count(" ")
    wanted = _expected_indent(lines, first)
    below = lines.next(first)
    if opens_block(body) and below and below not in run:  # its children show where it stands
        wanted = max(indent(lines.body(below)) - 2, 0)
    width = (wanted - spaces) // tabs if wanted >= spaces and (wanted - spaces) % tabs == 0 else 2
    for other in run:
        text = lines.body(other)
        cut = len(text) - len(text.lstrip(" \t"))
        lines.set(other, text[:cut].replace("\t", " " * width) + text[cut:])
    column = lead.index("\t") + 1
    more = f" (and so do the {len(run) - 1} lines after it, up to line {run[-1]})" if len(run) > 1 else ""
    slips.append(
        Slip(
            first,
            column,
            f"this line starts with a tab{more}; YAML needs spaces for indentation: indent with spaces "
            "(most editors can be set to insert spaces when Tab is pressed)",
        )
    )
    return run[-1]


def _expected_indent(lines: Lines, number: int) -> int:
    """A guess at the indentation a line was meant to have, from the line above it."""
    above = lines.previous(number)
    if not above:
        return 0
    body = lines.body(above)
    if opens_block(body):
        return content_column(body) + 2
    return content_column(body)


def _line_slip(number: int, body: str) -> Slip | None:
    """A slip on one line that the raw text shows: curly quotes, a colour, a missing space."""
    match = _VALUE.match(body)
    if match is not None:
        prefix, key, colon, value = match.groups()
        value = _code(value) if not value.startswith(tuple(_OPENING_CURLY)) else value.rstrip()
        if len(value) >= 2 and value[0] in _OPENING_CURLY and value[-1] == _OPENING_CURLY[value[0]]:
            double = value[-1] == "\u201d"
            shown = "“…”" if double else "‘…’"
            return Slip(
                number,
                len(prefix) + len(key) + len(colon) + 1,
                f"curly quotes {shown} around this text (a word processor changed them): use straight quotes "
                + ('"…"' if double else "'…'"),
                f"{prefix}{key}{colon}{_quoted(value[1:-1])}",
            )
    for colour in _COLOUR.finditer(body):
        before = body[: colour.start()]
        if before.count('"') % 2 == 0 and before.count("'") % 2 == 0:
            start = colour.start(2)
            return Slip(
                number,
                start + 1,
                f'a colour must be in quotes, like "{colour.group(2)}": without them, # starts a comment '
                "and the colour is lost",
                body[:start] + f'"{colour.group(2)}"' + body[colour.end(2) :],
            )
    match = re.match(
        f"^( *(?:- +)*[A-Za-z0-9_][A-Za-z0-9_-]*:)([ {_ODD_SPACES}]*[{_ODD_SPACES}][ {_ODD_SPACES}]*)", body
    )
    if match is not None:
        return Slip(
            number,
            match.end(1) + 1,
            f"a non-breaking space after '{match.group(1).strip(' -')}' (pasted from a word processor or a web "
            "page?): use an ordinary space",
            match.group(1) + " " + body[match.end() :],
        )
    match = _NO_SPACE_AFTER_COLON.match(body)
    if match is not None and match.group(2) in KNOWN_KEYS:
        at = match.end()
        return Slip(
            number,
            at,
            f"put a space after the colon: '{match.group(2)}: {_show(body[at:], 20)}'",
            body[:at] + " " + body[at:],
        )
    match = _NO_SPACE_AFTER_DASH.match(body)
    if match is not None and match.group(2) in KNOWN_KEYS:
        at = match.end()
        return Slip(number, at, f"put a space after the '-': '- {match.group(2)}: …'", body[:at] + " " + body[at:])
    return None


# -- what libyaml could not read -----------------------------------------------------------------


def explain(lines: Lines, problem: str, context: str, at: tuple[int, int], context_at: tuple[int, int] | None) -> Slip:
    """A libyaml error, as the slip an author made: which line to edit, why, and how."""
    line, column = at
    for reading in (_quote_trouble, _token_trouble, _colon_trouble, _structure_trouble):
        slip = reading(lines, problem, context, line, column, context_at)
        if slip is not None:
            return slip
    for other in (line, lines.previous(line)):
        slip = _no_colon(lines, other) if other else None
        if slip is not None:
            return slip
    return Slip(line, column, GENERIC)


GENERIC = (
    "YAML cannot read this line: check its indentation against the lines above, that each key has a colon "
    "and a space after it (key: value), and that text with ': ', ' #' or a quote in it is in quotes"
)

Reading = tuple[Lines, str, str, int, int, "tuple[int, int] | None"]


def _quote_trouble(
    lines: Lines, problem: str, context: str, line: int, column: int, context_at: tuple[int, int] | None
) -> Slip | None:
    if "quoted scalar" in context and context_at is not None:
        q_line, q_column = context_at
        body = lines.body(q_line)
        quote = body[q_column - 1 : q_column] or '"'
        if "escape" in problem or "hexdecimal" in problem or "hexadecimal" in problem:
            slash = lines.body(line)
            at = slash.rfind("\\", 0, column)
            return Slip(
                line,
                at + 1 if at >= 0 else column,
                "inside \"…\" a backslash starts an escape such as \\n: write the text in single quotes '…', "
                "or write each backslash twice (\\\\)",
                slash[:at] + "\\" + slash[at:] if at >= 0 else None,
            )
        return Slip(
            q_line,
            q_column,
            f"the quote {quote} opened here is never closed: add the closing {quote} at the end of the text",
            body + quote if body.count(quote) % 2 == 1 else None,
        )
    left_open = _left_open(lines, line, column)
    if left_open is not None:
        return left_open
    body = lines.body(line)
    before = body[: column - 1].rstrip()
    if "did not find expected" in problem and before.endswith(("'", '"')) and column - 1 < len(body):
        quote = before[-1]
        opened = _opening_quote(body, quote, len(before) - 1)
        if opened is not None:
            inner = body[opened + 1 :].rstrip()
            closing = inner.rfind(quote)
            text = inner[:closing] if closing > 0 else inner
            if quote == "'" and body[len(before) : len(before) + 1].isalpha():
                message = (
                    "an apostrophe inside '…' ends the text early: write it twice ('') or put the text "
                    'in double quotes "…"'
                )
            elif closing > 0 and inner[closing + 1 :].strip() == "":
                message = f"a {quote} inside {quote}…{quote} ends the text early: " + (
                    "put the text in single quotes '…' instead" if quote == '"' else "write it twice ('')"
                )
            else:
                message = (
                    f"the text goes on after its closing {quote}: put all of it inside the quotes"
                    if "," not in problem
                    else f"the text goes on after its closing {quote}: put all of it inside the quotes, "
                    "and separate entries inside {…} with commas"
                )
            repair = None if "," in problem else body[:opened] + _quoted(text.replace("''", "'"))
            return Slip(line, len(before), message, repair)
    return None


def _left_open(lines: Lines, line: int, column: int) -> Slip | None:
    """A quote opened on a line above `line` and never closed: YAML read on to the next quote, on `line`."""
    for other in range(line, max(line - 40, 0), -1):
        body = lines.body(other)
        match = _VALUE.match(body) or re.match(r"^( *)(-)( +)(.*)$", body)
        if match is None or match.group(4)[:1] not in "\"'":
            continue
        quote = match.group(4)[0]
        value = match.group(4)
        inner = value[1:].replace("\\\\", "").replace('\\"', "") if quote == '"' else value[1:].replace("''", "")
        if quote in inner:
            if other < line:
                return None  # the nearest quoted value above is closed
            continue
        if other == line or quote not in lines.body(line)[: column - 1]:
            continue
        column = len(body) - len(value) + 1
        return Slip(
            other,
            column,
            f"the quote {quote} opened here is never closed: add the closing {quote} at the end of the text",
            body.rstrip() + quote,
        )
    return None


def _opening_quote(body: str, quote: str, closing: int) -> int | None:
    """Where the quoted text that closes at `closing` was opened (a quote after ': ', '- ' or '{')."""
    for match in re.finditer(r"(?:^|[:\-{\[,] *)" + re.escape(quote), body[:closing]):
        return match.end() - 1
    return None


_STARTS = {
    "@": "@",
    "`": "`",
    "%": "%",
}


def _token_trouble(
    lines: Lines, problem: str, context: str, line: int, column: int, context_at: tuple[int, int] | None
) -> Slip | None:
    body = lines.body(line)
    char = body[column - 1 : column]
    value = _VALUE.match(body)
    quoted = None
    if value is not None:
        prefix, key, colon, rest = value.groups()
        quoted = f"{prefix}{key}{colon}{_quoted(_code(rest))}"
    if "tab" in problem or char == "\t":
        return Slip(
            line,
            column,
            "a tab where YAML expects spaces: use spaces",
            body[: column - 1] + "  " + body[column:] if char == "\t" else None,
        )
    if "cannot start any token" in problem and char in _STARTS:
        return Slip(
            line, column, f'text that starts with {char} must be in quotes: "{_show(body[column - 1 :])}"', quoted
        )
    if "alias" in context or "anchor" in context:
        what = "*" if "alias" in context else "&"
        return Slip(
            context_at[0] if context_at else line,
            context_at[1] if context_at else column,
            f"text that starts with {what} must be in quotes (YAML reads {what}word as a reference)",
            quoted,
        )
    if "block sequence entries are not allowed" in problem:
        return Slip(line, column, "text that starts with '- ' must be in quotes, or go on its own line", quoted)
    if "mapping keys are not allowed" in problem:
        return Slip(line, column, "text that starts with '? ' must be in quotes", quoted)
    if "block scalar" in context:
        return Slip(
            line,
            column,
            "after | or > the text starts on the next line, indented; or put this text in quotes instead",
            quoted,
        )
    return None


def _colon_trouble(
    lines: Lines, problem: str, context: str, line: int, column: int, context_at: tuple[int, int] | None
) -> Slip | None:
    if "could not find expected ':'" in problem and context_at is not None:
        return _no_colon(lines, context_at[0]) or _wrapped(lines, context_at[0])
    if "mapping values are not allowed" not in problem:
        return None
    body = lines.body(line)
    own = _KEY.match(body, content_column(body))
    if own is not None and column - 1 > own.end(1):
        # a second ': ' on a line that already has its key: text with a colon in it
        key = own.group(1)
        rest = body[own.end() :].strip()
        return Slip(
            line,
            column,
            f"the text after '{key}:' has ': ' in it, which YAML reads as another key: put the whole text in "
            f'quotes: {key}: "{_show(rest, 30)}"',
            body[: own.end()] + " " + _quoted(_code(rest)),
        )
    above = lines.previous(line)
    if above:
        no_colon = _no_colon(lines, above)
        if no_colon is not None:
            return no_colon
        above_body = lines.body(above)
        if not opens_block(above_body) and indent(body) > content_column(above_body):
            parent = lines.previous(above)
            step = indent(above_body) - content_column(lines.body(parent)) if parent else 2
            if (
                parent
                and opens_block(lines.body(parent))
                and step != 2
                and indent(body) - indent(above_body) == 2 - step
            ):
                # the first key of the block is the odd one out: the file indents by two elsewhere
                return _misindented(lines, above, indent(body), line)
            return _misindented(lines, line, content_column(above_body), above)
        if indent(body) < content_column(above_body) and key_at(above_body) and not key_at(body[: column - 1]):
            return _wrapped(lines, line)
    return None


def _no_colon(lines: Lines, line: int) -> Slip | None:
    """A line whose first word is a key written without its colon."""
    body = lines.body(line)
    start = content_column(body)
    words = _code(body)[start:].split(None, 1)
    if not words or ":" in words[0]:
        return None
    word = words[0]
    if len(words) == 2 and (word in KNOWN_KEYS or (words[1][:1] in "{[" and re.fullmatch(r"[A-Za-z_]\w*", word))):
        shown = _show(words[1], 30)
        return Slip(
            line,
            start + len(word) + 1,
            f"'{word}' needs a colon after it: {word}: {shown}",
            body[: start + len(word)] + ":" + body[start + len(word) :],
        )
    below = lines.next(line)
    if (
        len(words) == 1
        and re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_-]*", word)
        and below
        and indent(lines.body(below)) > indent(body)
    ):
        return Slip(line, start + len(word) + 1, f"'{word}' needs a colon after it: {word}:", body.rstrip() + ":")
    return None


def _wrapped(lines: Lines, line: int) -> Slip | None:
    """A line that carries on the text of the line above, written at the wrong indentation."""
    above = lines.previous(line)
    if not above:
        return None
    above_body, body = lines.body(above), lines.body(line)
    key = key_at(above_body)
    if key is None or opens_block(above_body):
        return None
    if indent(body) > content_column(above_body) and key_at(body) is None:
        return None
    if indent(body) >= content_column(above_body) and re.match(r"[A-Za-z0-9_-]+ ", body.strip()):
        word = body.split()[0]
        if word in KNOWN_KEYS:
            return None
    return Slip(
        line,
        indent(body) + 1,
        f"this line seems to carry on the text of line {above} (a long line broken in two?): join the two "
        f"lines, or indent this one further than '{key}:'",
        " " * (content_column(above_body) + 2) + body.strip(),
    )


def _misindented(lines: Lines, line: int, wanted: int, sibling: int) -> Slip:
    body = lines.body(line)
    have = indent(body)
    key = key_at(lines.body(sibling)) or _show(lines.body(sibling).strip(), 20)
    difference = have - wanted
    more = "more" if difference > 0 else "less"
    where = "the line below" if sibling == lines.next(line) else f"line {sibling}"
    return Slip(
        line,
        have + 1,
        f"this line is indented {_spaces(abs(difference))} {more} than '{key}' on {where}: "
        "line them up (keys of one block start in the same column)",
        " " * wanted + body.lstrip(" "),
    )


def _structure_trouble(
    lines: Lines, problem: str, context: str, line: int, column: int, context_at: tuple[int, int] | None
) -> Slip | None:
    body = lines.body(line)
    if "flow" in context and context_at is not None:
        opener = lines.body(context_at[0])[context_at[1] - 1 : context_at[1]] or "{"
        closer = "}" if opener == "{" else "]"
        if line > context_at[0] and closer not in _code(lines.body(context_at[0])):
            return Slip(
                context_at[0],
                context_at[1],
                f"the {opener} opened here is not closed: add {closer} at the end (inside {opener}…{closer}, "
                "text with a comma, a colon or a # in it needs quotes)",
                lines.body(context_at[0]).rstrip() + closer,
            )
        return Slip(
            line,
            column,
            f"inside {opener}…{closer} entries are separated by commas, and text with a comma, a colon or a # "
            "in it needs quotes",
        )
    if not ("did not find expected" in problem or "expected <block end>" in problem):
        return None
    if column - 1 > content_column(body):  # something after a value on the line
        key = key_at(body)
        if key is not None and body[column - 1 : column] in "[{":
            return None
        if key is not None:
            value_at = _KEY.match(body, content_column(body))
            assert value_at is not None
            rest = body[value_at.end() :].strip()
            if rest[:1] in "[{":
                return Slip(
                    line,
                    value_at.end() + 2,
                    f'text that starts with {rest[0]} must be in quotes: {key}: "{_show(rest, 30)}"',
                    body[: value_at.end()] + " " + _quoted(_code(rest)),
                )
        return None
    return _indentation(lines, line)


def _indentation(lines: Lines, line: int) -> Slip | None:
    """A line whose indentation matches none of the blocks open above it."""
    body = lines.body(line)
    have = indent(body)
    above = lines.previous(line)
    if not above:
        return None
    # the blocks open at this point: walking up, every line less indented than all below it
    levels: list[tuple[int, int, bool]] = []  # (content column, line, is a list item)
    lowest = 10**9
    other = above
    while other:
        text = lines.body(other)
        own = indent(text)
        if own < lowest or other == above:
            start = content_column(text)
            levels.append((start, other, start > own))
            if start > own:
                levels.append((own, other, False))
            lowest = min(lowest, own)
        if own == 0:
            break
        other = lines.previous(other)
    if body.lstrip().startswith("- "):  # a list item after a block of keys: the first item lost its '- '
        first = _first_of_block(lines, above)
        if (
            first is not None
            and indent(lines.body(first)) == have + 2
            and not lines.body(first).lstrip().startswith("-")
        ):
            text = lines.body(first)
            return Slip(
                first,
                have + 1,
                f"did you forget '- ' before this {_entry_word(lines, line)}? (the one on line {line} has it)",
                " " * have + "- " + text.lstrip(" "),
            )
    dash_levels = {own for own, _, _ in levels if any(o == own for o, _, item in levels if item)}
    dashes = {indent(lines.body(n)): n for _, n, item in levels if item}
    if have in dashes and not body.lstrip().startswith("-"):
        item_line = dashes[have]
        key = key_at(body)
        item_keys = _keys_of_item(lines, item_line, line)
        if key is not None and key in item_keys:
            word = _entry_word(lines, item_line)
            return Slip(
                line,
                have + 1,
                f"did you forget '- ' before this {word}? "
                f"('{key}' is already given for the {word} above, on line {item_keys[key]})",
                body[:have] + "- " + body[have:],
            )
        item_column = content_column(lines.body(item_line))
        first_key = key_at(lines.body(item_line)) or "the first key"
        return Slip(
            line,
            have + 1,
            f"this line is at the level of the '-' on line {item_line}: indent it "
            f"{_spaces(item_column - have)} more, to line up with '{first_key}'",
            " " * item_column + body.lstrip(" "),
        )
    columns = sorted({c for c, _, _ in levels} - (dash_levels - {c for c, _, item in levels if item}))
    if have in {c for c, _, _ in levels}:
        return None
    below = lines.next(line)
    children = indent(lines.body(below)) - 2 if below and opens_block(body) else None
    nearest = min(columns, key=lambda c: (abs(c - have), c != children, c != content_column(lines.body(above)), -c))
    sibling = next(n for c, n, _ in levels if c == nearest)
    first = _first_of_block(lines, sibling)
    expected = _block_start(lines, first) if first is not None else None
    if first is not None and expected is not None:
        shift = expected - indent(lines.body(first))
        if shift and have == nearest + shift:  # the block's first line is the one out of place
            return _misindented(lines, first, expected, line)
    return _misindented(lines, line, nearest, sibling)


def _first_of_block(lines: Lines, number: int) -> int | None:
    """The first line of the block `number` belongs to (walking up over lines at its indentation)."""
    own = indent(lines.body(number))
    first = number
    other = lines.previous(number)
    while other and indent(lines.body(other)) == own and not lines.body(other).lstrip().startswith("-"):
        first = other
        other = lines.previous(other)
    if other and indent(lines.body(other)) > own:
        return None
    return first


def _block_start(lines: Lines, first: int) -> int | None:
    """Where the first line of a block should start: two spaces in from the key that opens it, 0 at the top."""
    parent = lines.previous(first)
    if not parent:
        return 0
    return content_column(lines.body(parent)) + 2 if opens_block(lines.body(parent)) else None


def _keys_of_item(lines: Lines, item_line: int, stop: int) -> dict[str, int]:
    """The keys of the list item starting at `item_line`, up to line `stop`, with their lines."""
    out: dict[str, int] = {}
    first = lines.body(item_line)
    column = content_column(first)
    key = key_at(first)
    if key:
        out[key] = item_line
    for other in range(item_line + 1, stop):
        body = lines.body(other)
        if _meaningful(body) and indent(body) == column and (found := key_at(body)):
            out.setdefault(found, other)
    return out


ENTRY_WORDS = {"choices": "reply", "rules": "rule", "checks": "check", "say": "line"}


def _entry_word(lines: Lines, item_line: int) -> str:
    """What an entry of the list holding `item_line` is called: 'reply' under `choices:`, and so on."""
    own = indent(lines.body(item_line))
    other = lines.previous(item_line)
    while other:
        body = lines.body(other)
        if indent(body) < own or (indent(body) == own and not body.lstrip().startswith("-")):
            return ENTRY_WORDS.get(key_at(body) or "", "entry")
        other = lines.previous(other)
    return "entry"
