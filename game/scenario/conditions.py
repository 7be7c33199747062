"""The condition language: a tiny, typed expression grammar compiled to closures.

Scenario text is never handed to `eval`: we tokenise and parse it ourselves, check
types and names at load time, and build plain Python closures that read the
session's meters, flags and turn by position.

    condition  := or
    or         := and ("or" and)*
    and        := not ("and" not)*
    not        := "not" not | comparison
    comparison := operand (("<"|"<="|">"|">="|"=="|"!=") operand)*
    operand    := NUMBER | "-" NUMBER | "true" | "false" | NAME | "(" or ")"

A condition is at most `MAX_CONDITION_LENGTH` characters with parentheses nested at
most `MAX_CONDITION_DEPTH` deep, and its numbers are at most `MAX_INTEGER` in absolute
value; beyond that it is refused at the offending place. Within those bounds neither
compiling nor evaluating can recurse far: a run of `not` is read in a loop and folded,
and a chain of `or` (or of `and`) becomes one flat test over its terms.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from game.scenario.diagnostics import Suggestions
from game.scenario.limits import MAX_CONDITION_DEPTH, MAX_CONDITION_LENGTH, MAX_INTEGER

Test = Callable[[Sequence[int], Sequence[bool], int], object]
"""A compiled condition: (meters by position, flags by position, turn) -> value."""

RESERVED = frozenset({"turn", "and", "or", "not", "true", "false"})

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>[0-9]+(?![A-Za-z_0-9.]))
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op><=|>=|==|!=|<|>)
  | (?P<paren>[()])
  | (?P<minus>-)
    """,
    re.VERBOSE,
)

_NOT_IN_LANGUAGE = {
    "=": "use '==' to compare (a single '=' is assignment, which conditions cannot do)",
    ":=": "assignment (':=') is not part of the condition language",
    ".": "attributes and decimals are not part of the condition language (meters are whole numbers)",
    "[": "indexing is not part of the condition language",
    "]": "indexing is not part of the condition language",
    "{": "braces are not part of the condition language",
    "}": "braces are not part of the condition language",
    "'": "text in quotes is not part of the condition language",
    '"': "text in quotes is not part of the condition language",
    "&&": "use 'and' instead of '&&'",
    "||": "use 'or' instead of '||'",
    "!": "use 'not' instead of '!'",
    ",": "commas are not part of the condition language",
    "+": "arithmetic is not part of the condition language; compare values directly",
    "*": "arithmetic is not part of the condition language; compare values directly",
    "/": "arithmetic is not part of the condition language; compare values directly",
    "%": "arithmetic is not part of the condition language; compare values directly",
    "@": "'@' is not part of the condition language",
    "~": "'~' is not part of the condition language",
    "^": "'^' is not part of the condition language",
    "&": "use 'and' instead of '&'",
    "|": "use 'or' instead of '|'",
    ":": "':' is not part of the condition language",
    ";": "';' is not part of the condition language",
}

_PYTHON_WORDS = frozenset(
    {
        "lambda",
        "if",
        "else",
        "for",
        "in",
        "is",
        "import",
        "None",
        "True",
        "False",
        "def",
        "return",
        "yield",
        "await",
        "async",
        "while",
        "with",
        "class",
        "del",
        "global",
        "from",
        "as",
        "assert",
        "pass",
        "raise",
        "try",
        "except",
        "finally",
        "nonlocal",
    }
)

NUMBER = "number"
BOOLEAN = "boolean"


class ConditionError(Exception):
    """A condition that cannot be compiled; `offset` is the 0-based position in its text."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True, slots=True)
class Names:
    """What a condition may read: meters and flags by name, each with its position."""

    meters: dict[str, int]
    flags: dict[str, int]
    _suggestions: list[Suggestions] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def of(cls, meters: Sequence[str], flags: Sequence[str]) -> Names:
        return cls({m: i for i, m in enumerate(meters)}, {f: i for i, f in enumerate(flags)})

    def hint(self, word: str) -> str:
        """A did-you-mean suffix for an unknown name, from an index built once for these names."""
        if not self._suggestions:
            self._suggestions.append(Suggestions([*self.meters, *self.flags, "turn"]))
        return self._suggestions[0].hint(word)


@dataclass(frozen=True, slots=True)
class Condition:
    """A compiled condition; equal when written the same way."""

    source: str
    test: Test = field(compare=False, repr=False)
    reads: frozenset[str] = field(compare=False, default=frozenset())

    @property
    def reads_turn(self) -> bool:
        return "turn" in self.reads

    def __call__(self, meters: Sequence[int], flags: Sequence[bool], turn: int) -> bool:
        return bool(self.test(meters, flags, turn))


@dataclass(slots=True)
class _Token:
    kind: str  # number, name, op, paren, minus, bad, end
    text: str
    offset: int


@dataclass(slots=True)
class _Typed:
    kind: str  # NUMBER or BOOLEAN
    test: Test
    offset: int
    constant: object = None  # the value when the expression is a literal
    operand: tuple[str, int] | None = None  # ("meter", i), ("flag", i), ("turn", 0), ("const", 0)


_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


def _tokenise(source: str) -> list[_Token]:
    """Tokens up to the first character outside the language, which becomes a 'bad' token.

    Stopping there (instead of raising) lets the parser report problems in reading order,
    so `__import__("os")` is refused as a call before its quotes are looked at.
    """
    tokens: list[_Token] = []
    pos = 0
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if match is None:
            tokens.append(_Token("bad", _why_not(source, pos), pos))
            break
        kind = match.lastgroup or ""
        if kind != "space":
            tokens.append(_Token(kind, match.group(), pos))
        pos = match.end()
    tokens.append(_Token("end", "", len(source)))
    return tokens


def _why_not(source: str, pos: int) -> str:
    two, one = source[pos : pos + 2], source[pos]
    if two in _NOT_IN_LANGUAGE:
        return _NOT_IN_LANGUAGE[two]
    if one in _NOT_IN_LANGUAGE:
        return _NOT_IN_LANGUAGE[one]
    if one.isdigit():
        return "numbers are whole decimal numbers such as 10 or -5"
    return f"unexpected character {one!r}"


def _const(value: object) -> Test:
    return lambda m, f, t: value


def _meter(i: int) -> Test:
    return lambda m, f, t: m[i]


def _flag(i: int) -> Test:
    return lambda m, f, t: f[i]


def _any(terms: Sequence[Test]) -> Test:
    """True when one of `terms` holds, tried in order; one flat loop however long the chain."""
    if len(terms) == 2:
        a, b = terms
        return lambda m, f, t: a(m, f, t) or b(m, f, t)
    chain = tuple(terms)
    return lambda m, f, t: any(term(m, f, t) for term in chain)


def _all(terms: Sequence[Test]) -> Test:
    """True when every one of `terms` holds, tried in order; one flat loop however long the chain."""
    if len(terms) == 2:
        a, b = terms
        return lambda m, f, t: a(m, f, t) and b(m, f, t)
    chain = tuple(terms)
    return lambda m, f, t: all(term(m, f, t) for term in chain)


def _negation(a: Test) -> Test:
    return lambda m, f, t: not a(m, f, t)


class _Parser:
    def __init__(self, source: str, names: Names) -> None:
        self.source = source
        self.names = names
        self.tokens = _tokenise(source)
        self.pos = 0
        self.depth = 0  # parentheses open around the current token
        self.reads: set[str] = set()

    @property
    def token(self) -> _Token:
        return self.tokens[self.pos]

    def advance(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> _Typed:
        if self.token.kind == "end":
            raise ConditionError("empty condition", 0)
        expr = self.parse_or()
        if self.token.kind != "end":
            raise self.unexpected()
        if expr.kind != BOOLEAN:
            raise ConditionError(
                "a condition must be true or false: compare this number (for example 'trust > 50')",
                expr.offset,
            )
        return expr

    def unexpected(self) -> ConditionError:
        token = self.token
        if token.kind == "bad":
            return ConditionError(token.text, token.offset)
        if token.kind == "end":
            return ConditionError("the condition ends too early", token.offset)
        if token.kind == "paren" and token.text == "(":
            return ConditionError("calls are not part of the condition language", token.offset)
        if token.kind == "name" and token.text in _PYTHON_WORDS:
            return ConditionError(f"'{token.text}' is not part of the condition language", token.offset)
        return ConditionError(f"unexpected '{token.text}'", token.offset)

    def _boolean(self, expr: _Typed, word: str) -> None:
        if expr.kind != BOOLEAN:
            raise ConditionError(
                f"'{word}' takes true/false values; compare this number (for example 'trust > 50')",
                expr.offset,
            )

    def parse_or(self) -> _Typed:
        first = self.parse_and()
        terms = [first]
        while self.token.kind == "name" and self.token.text == "or":
            self.advance()
            terms.append(self.parse_and())
            if len(terms) == 2:
                self._boolean(first, "or")
            self._boolean(terms[-1], "or")
        if len(terms) == 1:
            return first
        return _Typed(BOOLEAN, _any([term.test for term in terms]), first.offset)

    def parse_and(self) -> _Typed:
        first = self.parse_not()
        terms = [first]
        while self.token.kind == "name" and self.token.text == "and":
            self.advance()
            terms.append(self.parse_not())
            if len(terms) == 2:
                self._boolean(first, "and")
            self._boolean(terms[-1], "and")
        if len(terms) == 1:
            return first
        return _Typed(BOOLEAN, _all([term.test for term in terms]), first.offset)

    def parse_not(self) -> _Typed:
        offsets: list[int] = []  # a run of `not`, read in a loop rather than by recursion
        while self.token.kind == "name" and self.token.text == "not":
            offsets.append(self.advance().offset)
        inner = self.parse_comparison()
        if not offsets:
            return inner
        self._boolean(inner, "not")
        if len(offsets) % 2 == 0:  # `not not x` is x
            return _Typed(BOOLEAN, inner.test, offsets[0])
        offset = offsets[0]
        if inner.operand is not None and inner.operand[0] == "flag":
            i = inner.operand[1]
            return _Typed(BOOLEAN, lambda m, f, t: not f[i], offset)
        a = inner.test
        return _Typed(BOOLEAN, _negation(a), offset)

    def parse_comparison(self) -> _Typed:
        first = self.parse_operand()
        operands = [first]
        operators: list[_Token] = []
        while self.token.kind == "op":
            operators.append(self.advance())
            operands.append(self.parse_operand())
        if not operators:
            return first
        tests: list[Test] = []
        for op, left, right in zip(operators, operands, operands[1:], strict=False):
            tests.append(self._compare(op, left, right))
        if len(tests) == 1:
            return _Typed(BOOLEAN, tests[0], first.offset)
        if len(tests) == 2:
            first_test, second_test = tests
            return _Typed(BOOLEAN, lambda m, f, t: first_test(m, f, t) and second_test(m, f, t), first.offset)
        chain = tuple(tests)
        return _Typed(BOOLEAN, lambda m, f, t: all(test(m, f, t) for test in chain), first.offset)

    def _compare(self, op: _Token, left: _Typed, right: _Typed) -> Test:
        symbol = op.text
        if symbol in ("<", "<=", ">", ">="):
            for side in (left, right):
                if side.kind != NUMBER:
                    raise ConditionError(f"'{symbol}' compares numbers; this side is true/false", side.offset)
        elif left.kind != right.kind:
            raise ConditionError(
                f"'{symbol}' compares two values of one kind; "
                f"this is {_kind_words(right.kind)} but the left side is "
                f"{_kind_words(left.kind)}",
                right.offset,
            )
        compare = _OPERATORS[symbol]
        # the explorer evaluates conditions millions of times: a simple side is read in place
        # instead of through another closure (most conditions are `meter OP number`)
        l_kind, l_i = left.operand or ("", 0)
        r_kind, r_i = right.operand or ("", 0)
        c_left, c_right = left.constant, right.constant
        if l_kind == "meter" and r_kind == "const":
            return lambda m, f, t: compare(m[l_i], c_right)
        if l_kind == "const" and r_kind == "meter":
            return lambda m, f, t: compare(c_left, m[r_i])
        if l_kind == "turn" and r_kind == "const":
            return lambda m, f, t: compare(t, c_right)
        if l_kind == "flag" and r_kind == "const":
            return lambda m, f, t: compare(f[l_i], c_right)
        if l_kind == "meter" and r_kind == "meter":
            return lambda m, f, t: compare(m[l_i], m[r_i])
        a, b = left.test, right.test
        return lambda m, f, t: compare(a(m, f, t), b(m, f, t))

    def parse_operand(self) -> _Typed:
        token = self.token
        if token.kind == "number":
            self.advance()
            value = _number(token.text, token.offset)
            return _Typed(NUMBER, _const(value), token.offset, value, ("const", 0))
        if token.kind == "minus":
            self.advance()
            if self.token.kind != "number":
                raise ConditionError("'-' may only come before a number, as in -5", token.offset)
            value = -_number(self.advance().text, token.offset, "-")
            return _Typed(NUMBER, _const(value), token.offset, value, ("const", 0))
        if token.kind == "paren" and token.text == "(":
            if self.depth >= MAX_CONDITION_DEPTH:
                raise ConditionError(
                    f"parentheses are nested more than {MAX_CONDITION_DEPTH} deep; write the condition more simply",
                    token.offset,
                )
            self.advance()
            self.depth += 1
            inner = self.parse_or()
            self.depth -= 1
            if self.token.kind != "paren" or self.token.text != ")":
                if self.token.kind == "end":
                    raise ConditionError("'(' is never closed", token.offset)
                raise self.unexpected()
            self.advance()
            return _Typed(inner.kind, inner.test, token.offset, inner.constant, inner.operand)
        if token.kind == "name":
            return self.parse_name()
        raise self.unexpected()

    def parse_name(self) -> _Typed:
        token = self.advance()
        name = token.text
        if self.token.kind == "paren" and self.token.text == "(":
            raise ConditionError("calls are not part of the condition language", token.offset)
        if name == "true" or name == "false":
            value = name == "true"
            return _Typed(BOOLEAN, _const(value), token.offset, value, ("const", 0))
        if name == "turn":
            self.reads.add(name)
            return _Typed(NUMBER, lambda m, f, t: t, token.offset, operand=("turn", 0))
        if name in self.names.meters:
            self.reads.add(name)
            i = self.names.meters[name]
            return _Typed(NUMBER, _meter(i), token.offset, operand=("meter", i))
        if name in self.names.flags:
            self.reads.add(name)
            i = self.names.flags[name]
            return _Typed(BOOLEAN, _flag(i), token.offset, operand=("flag", i))
        if name in ("and", "or", "not"):
            raise ConditionError(f"'{name}' needs a value before it", token.offset)
        if name in _PYTHON_WORDS:
            raise ConditionError(f"'{name}' is not part of the condition language", token.offset)
        raise ConditionError(f"'{name}' is not a declared meter or flag{self.names.hint(name)}", token.offset)


def _number(digits: str, offset: int, sign: str = "") -> int:
    """A number token's value, refused (before `int` is asked) when it is over the limit."""
    significant = digits.lstrip("0")
    if len(significant) > len(str(MAX_INTEGER)) or (significant and int(significant) > MAX_INTEGER):
        shown = sign + digits if len(digits) <= 20 else f"a number of {len(digits):,} digits"
        raise ConditionError(
            f"{shown} is too large: numbers in conditions are limited to {MAX_INTEGER:,} either way", offset
        )
    return int(digits)


def _kind_words(kind: str) -> str:
    return "a number" if kind == NUMBER else "true/false"


def compile_condition(source: str, names: Names) -> Condition:
    """Compile `source`, or raise ConditionError with the offset of the offending token."""
    if len(source) > MAX_CONDITION_LENGTH:
        raise ConditionError(
            f"the condition is {len(source):,} characters long; conditions are limited to "
            f"{MAX_CONDITION_LENGTH} (split it, or use a flag set by an effect)",
            0,
        )
    parser = _Parser(source, names)
    typed = parser.parse()
    return Condition(source, typed.test, frozenset(parser.reads))
