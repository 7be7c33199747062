"""How a client looks (`client.appearance`) and what a picture of them can show.

Every key is optional; what an author leaves out is filled in from the client's
age and pronouns (`resolve`). The gesture vocabulary says which node
`expression` hints exist, which gestures in narration the picture shows, and
which it cannot (for `validate`'s warning). Pure data: no pygame, no engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from game.scenario.keys import APPEARANCE_KEYS, Key

HAIR_STYLES = (
    "short",
    "long",
    "bun",
    "curly",
    "bald",
    "covered",
    "cropped",
    "ponytail",
    "bob",
    "receding",
    "swept",
    "afro",
)
BUILDS = ("slight", "medium", "broad", "heavy")
FACIAL_HAIR = ("none", "stubble", "moustache", "beard", "goatee")
CLOTHING = ("shirt", "tshirt", "hoodie", "sweater", "cardigan", "blouse", "polo")
GLASSES = ("none", "square", "round", "wire", "reading")
HEAD_COVERINGS = ("none", "hijab", "headscarf", "cap", "beanie")
PROPS = ("none", "bag", "tissues", "phone", "mug", "keys")

COLOUR_KEYS = ("skin", "hair", "shirt", "coat")
CHOICES: dict[str, tuple[str, ...]] = {
    "hair_style": HAIR_STYLES,
    "build": BUILDS,
    "facial_hair": FACIAL_HAIR,
    "clothing": CLOTHING,
    "head_covering": HEAD_COVERINGS,
    "prop": PROPS,
}

# hints a node may give in `expression`, written as an author would say them
EXPRESSIONS = (
    "tearful",
    "smiles",
    "looks at the door",
    "looks down",
    "hand to face",
    "arms folded",
    "frowns",
    "leans in",
    "coat on",
    "coat off",
)


@dataclass(frozen=True, slots=True)
class Appearance:
    """What the author wrote; None where they wrote nothing."""

    skin: str | None = None
    hair: str | None = None
    shirt: str | None = None
    hair_style: str | None = None
    glasses: str | None = None  # a style; `true` in the file is "square", `false` is "none"
    coat: str | None = None
    age: int | None = None  # the age the picture shows, when it differs from the client's
    greying: int | None = None  # 0..100 per cent of the hair grey
    build: str | None = None
    facial_hair: str | None = None
    clothing: str | None = None
    head_covering: str | None = None
    prop: str | None = None


@dataclass(frozen=True, slots=True)
class Look:
    """An appearance with every gap filled: what the painter draws."""

    skin: str
    hair: str
    shirt: str
    coat: str
    hair_style: str
    glasses: str
    age: int
    greying: float  # 0..1
    build: str
    facial_hair: str
    clothing: str
    head_covering: str
    prop: str


def _shade(colour: str, factor: float) -> str:
    value = int(colour[1:], 16)
    r, g, b = (value >> 16) & 255, (value >> 8) & 255, value & 255
    return "#{:02x}{:02x}{:02x}".format(*(max(0, min(255, round(c * factor))) for c in (r, g, b)))


def resolve(appearance: Appearance, age: int | str | None = None, pronouns: str | None = None) -> Look:
    """Fill what the author left out from the client's age and pronouns."""
    shown_age = appearance.age if appearance.age is not None else age if isinstance(age, int) else 35
    shown_age = max(12, min(100, shown_age))
    words = (pronouns or "").lower()
    she = words.startswith("she")
    style = appearance.hair_style or ("long" if she else "short")
    if appearance.head_covering in ("hijab", "headscarf"):
        style = "covered"
    covering = appearance.head_covering or ("hijab" if style == "covered" else "none")
    greying = appearance.greying / 100 if appearance.greying is not None else max(0.0, min(1.0, (shown_age - 42) / 28))
    shirt = appearance.shirt or "#5a7d9a"
    clothing = appearance.clothing or ("blouse" if she else "shirt")
    if shown_age < 26 and appearance.clothing is None:
        clothing = "hoodie"
    return Look(
        skin=appearance.skin or "#c68e62",
        hair=appearance.hair or "#3a2a1e",
        shirt=shirt,
        coat=appearance.coat or _shade(shirt, 0.55),
        hair_style=style,
        glasses=appearance.glasses or "none",
        age=shown_age,
        greying=greying,
        build=appearance.build or "medium",
        facial_hair=appearance.facial_hair or "none",
        clothing=clothing,
        head_covering=covering,
        prop=appearance.prop or "none",
    )


# -- narration and the picture -------------------------------------------------------

# what narration may say that the picture shows: a phrase -> the hint that draws it
_SHOWN: tuple[tuple[str, str], ...] = (
    (r"\b(tears?|tearful|crying|cries|cry|weeps?|weeping|eyes (fill|well|shine))\b", "tearful"),
    (r"\b(smiles?|smiling|grins?|grinning|laughs?|laughing)\b", "smiles"),
    (r"\b(the door|toward the exit|towards the exit)\b", "looks at the door"),
    (
        r"\b(looks? (down|at the floor|at (his|her|their) (hands|lap|feet))|stares? at the floor|eyes down)\b",
        "looks down",
    ),
    (
        r"\b(hand to (his|her|their) (face|mouth|forehead)|covers? (his|her|their) face|rubs? (his|her|their) eyes)\b",
        "hand to face",
    ),
    (r"\b(arms? (folded|crossed)|folds? (his|her|their) arms|crosses (his|her|their) arms)\b", "arms folded"),
    (r"\b(frowns?|frowning|scowls?|scowling|glares?|glaring)\b", "frowns"),
    (r"\b(leans? (forward|in)|leaning (forward|in))\b", "leans in"),
    (r"\b(keeps? (his|her|their) (good )?coat on|coat still on|buttons? (his|her|their) coat)\b", "coat on"),
    (
        r"\b(takes? (his|her|their) coat off|coat (across|over) (his|her|their) (knees|lap)|coat over the arm)\b",
        "coat off",
    ),
)
# gestures of the client's body that the seated, waist-up picture cannot show
_NOT_SHOWN: tuple[str, ...] = (
    r"\b(stands?|standing|stood) up\b",
    r"\bgets? up\b",
    r"\b(walks?|walking) (out|away|to|over|around)\b",
    r"\b(paces?|pacing)\b",
    r"\b(shrugs?|shrugging|shrugged)\b",
    r"\bcrosses (his|her|their) legs\b",
    r"\btaps? (his|her|their) foot\b",
    r"\b(kicks?|kicking)\b",
    r"\brolls? (his|her|their) eyes\b",
    r"\bwinks?\b",
    r"\bwaves? (a|his|her|their) hand\b",
    r"\b(hugs?|hugging)\b",
)
_SHOWN_RE = tuple((re.compile(p, re.IGNORECASE), hint) for p, hint in _SHOWN)
_NOT_SHOWN_RE = tuple(re.compile(p, re.IGNORECASE) for p in _NOT_SHOWN)


def narrated_hints(text: str | None) -> tuple[str, ...]:
    """The hints narration names (in the order of EXPRESSIONS), so the picture can show them."""
    if not text:
        return ()
    found = {hint for pattern, hint in _SHOWN_RE if pattern.search(text)}
    return tuple(h for h in EXPRESSIONS if h in found)


def unshowable(text: str | None) -> list[str]:
    """The gestures narration names that the picture cannot show, as written."""
    if not text:
        return []
    out: list[str] = []
    for pattern in _NOT_SHOWN_RE:
        match = pattern.search(text)
        if match and match.group(0) not in out:
            out.append(match.group(0))
    return out


# -- reading it from a file ----------------------------------------------------------

T = TypeVar("T")


class Reader(Protocol):
    """The loader's helpers this module reads with (each reports at the value's line and column)."""

    def fields(self, mapping: object, where: str, keys: dict[str, Key]) -> dict[str, tuple[object, object]] | None: ...

    def get(self, entries: dict[str, tuple[object, object]], key: str, typed: Callable[[object], T]) -> T | None: ...

    def one_of(self, node: object, options: Iterable[str], what: str) -> str: ...

    def matching(self, node: object, pattern: re.Pattern[str], what: str, rule: str) -> str: ...

    def integer(self, node: object, what: str = ...) -> int: ...

    def fail(self, at: object, message: str) -> Exception: ...


COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def read_appearance(reader: Reader, node: object) -> Appearance | None:
    """`client.appearance` from the file; every problem reported where it is, None when not a mapping."""
    entries = reader.fields(node, "'appearance'", APPEARANCE_KEYS)
    if entries is None:
        return None

    def colour(key: str) -> str | None:
        return reader.get(
            entries, key, lambda n: reader.matching(n, COLOUR, f"colour '{key}'", 'must look like "#a0b1c2"')
        )

    def choice(key: str) -> str | None:
        return reader.get(entries, key, lambda n: reader.one_of(n, CHOICES[key], f"'{key}'"))

    def glasses(n: object) -> str:
        value = getattr(n, "value", None)
        if getattr(n, "plain", False) and value in ("true", "false"):
            return "square" if value == "true" else "none"
        style = reader.one_of(n, ("true", "false", *GLASSES), "'glasses'")
        return {"true": "square", "false": "none"}.get(style, style)

    def whole(key: str, low: int, high: int, what: str) -> int | None:
        def typed(n: object) -> int:
            value = reader.integer(n, f"'{key}'")
            if not low <= value <= high:
                raise reader.fail(n, f"'{key}' must be {what} from {low} to {high}, not {value}")
            return value

        return reader.get(entries, key, typed)

    return Appearance(
        skin=colour("skin"),
        hair=colour("hair"),
        shirt=colour("shirt"),
        hair_style=choice("hair_style"),
        glasses=reader.get(entries, "glasses", glasses),
        coat=colour("coat"),
        age=whole("age", 12, 100, "an age in years"),
        greying=whole("greying", 0, 100, "a percentage"),
        build=choice("build"),
        facial_hair=choice("facial_hair"),
        clothing=choice("clothing"),
        head_covering=choice("head_covering"),
        prop=choice("prop"),
    )


def narration_warnings(where: str, text: str) -> list[str]:
    """`validate`'s warnings for narration that names a gesture the picture cannot show."""
    return [
        f"{where}: narration says {phrase!r}, a gesture the client's picture cannot show "
        f"(it can show: {', '.join(EXPRESSIONS)}, and posture from the meters)"
        for phrase in unshowable(text)
    ]
