"""Write tests/beginner/*.yaml: the `new` template with one beginner slip each (or two, for recovery).

Run it after changing the template: python tests/beginner/make_corpus.py. Each file states what
validate must say in its first lines ("# expect: SEVERITY LINE: FRAGMENT"); the line is where the edit is.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from game.commands.new import template

OUT = Path(__file__).resolve().parent
SAY1 = "    say: \"I don't really know what I'm supposed to say.\""
SAY2 = '    say: "I moved here in spring. Everything\'s just... different."'
R2 = """        skill: empathy
        quality: good
        code: complex_reflection"""

# name: (edits [(old, new)], [(line offset from the first changed line, severity, fragment)])
CASES = {
    "tab-indent": ([(SAY1, "\t" + SAY1.lstrip())], [(0, "error", "starts with a tab")]),
    "tab-indent-block": (
        [
            (
                """  closing:
    say: "Could I come back next week?"
    choices:
      - text: "I'd like that. Same time?"
        skill: collaboration""",
                """  closing:
\tsay: "Could I come back next week?"
\tchoices:
\t  - text: "I'd like that. Same time?"
\t    skill: collaboration""",
            )
        ],
        [(0, "error", "starts with a tab (and so do the 3 lines after it")],
    ),
    "missing-colon-say": (
        [(SAY2, SAY2.replace("say:", "say"))],
        [(0, "error", "'say' needs a colon after it: say: \"I moved")],
    ),
    "missing-colon-next": (
        [("        next: the-move\n      - text: \"Let's", "        next the-move\n      - text: \"Let's")],
        [(0, "error", "'next' needs a colon after it: next: the-move")],
    ),
    "missing-colon-text": (
        [('      - text: "Moving is stressful', '      - text "Moving is stressful')],
        [(0, "error", "'text' needs a colon after it")],
    ),
    "missing-colon-node": (
        [("  the-move:\n", "  the-move\n")],
        [(0, "error", "'the-move' needs a colon after it: the-move:")],
    ),
    "indent-one-more": (
        [(R2, R2.replace("        quality", "         quality"))],
        [(0, "error", "indented 1 space more than 'skill'")],
    ),
    "indent-one-less": (
        [(R2, R2.replace("        quality", "       quality"))],
        [(0, "error", "indented 1 space less than 'skill'")],
    ),
    "indent-two-more": (
        [(R2, R2.replace("        quality", "          quality"))],
        [(0, "error", "indented 2 spaces more than 'skill'")],
    ),
    "key-at-dash-level": (
        [(R2, R2.replace("        quality", "      quality"))],
        [(0, "error", "at the level of the '-' on line")],
    ),
    "forgot-dash": (
        [('      - text: "Moving is stressful', '        text: "Moving is stressful')],
        [(0, "error", "did you forget '- ' before this reply?")],
    ),
    "forgot-dash-at-dash-level": (
        [('      - text: "Moving is stressful', '      text: "Moving is stressful')],
        [(0, "error", "did you forget '- ' before this reply?")],
    ),
    "curly-double-quotes": (
        [(SAY2, "    say: \u201cI moved here in spring: everything's just... different.\u201d")],
        [(0, "error", "curly quotes “…”")],
    ),
    "curly-single-quotes": (
        [(SAY1, "    say: \u2018I don\u2019t really know what I\u2019m supposed to say.\u2019")],
        [(0, "error", "curly quotes ‘…’")],
    ),
    "curly-quotes-parse": (
        [(SAY2, "    say: \u201cI moved here in spring. Everything's just... different.\u201d")],
        [(0, "error", "curly quotes “…”")],
    ),
    "nbsp-indent": ([(SAY2, "\u00a0\u00a0\u00a0\u00a0" + SAY2.lstrip())], [(0, "error", "non-breaking space")]),
    "nbsp-after-colon": ([(SAY2, SAY2.replace("say: ", "say:\u00a0"))], [(0, "error", "non-breaking space")]),
    "apostrophe-in-single-quotes": (
        [(SAY2, "    say: 'I moved here in spring. Everything's just... different.'")],
        [(0, "error", "an apostrophe inside '…' ends the text early")],
    ),
    "hash-colour-flow": (
        [('hair: "#3b2a1a"', "hair: #3b2a1a")],
        [(0, "error", 'a colour must be in quotes, like "#3b2a1a"')],
    ),
    "hash-colour-block": (
        [
            (
                '  appearance: {skin: "#c68642", hair: "#3b2a1a", hair_style: short, shirt: "#5b8c5a"}',
                '  appearance:\n    skin: #c68642\n    hair: "#3b2a1a"\n    hair_style: short\n    shirt: "#5b8c5a"',
            )
        ],
        [(1, "error", "a colour must be in quotes")],
    ),
    "hard-wrapped-line": (
        [(SAY1, "    say: I don't really know what\nI'm supposed to say.")],
        [(1, "error", "carry on the text of line")],
    ),
    "colon-in-text": (
        [("        feedback: Reassuring too soon", "        feedback: Careful: reassuring too soon")],
        [(0, "error", "has ': ' in it")],
    ),
    "unclosed-quote": (
        [('    say: "Could I come back next week?"', '    say: "Could I come back next week?')],
        [(0, "error", "opened here is never closed")],
    ),
    "quote-inside-quotes": (
        [(SAY1, '    say: "I don\'t know what "therapy" means."')],
        [(0, "error", "ends the text early")],
    ),
    "text-after-quote": (
        [(SAY1, '    say: "I don\'t know." she says quietly')],
        [(0, "error", "goes on after its closing")],
    ),
    "text-starts-with-star": (
        [(SAY1, "    say: *sighs* I don't know what to say.")],
        [(0, "error", "text that starts with * must be in quotes")],
    ),
    "text-starts-with-at": (
        [(SAY1, "    say: @home it's easier.")],
        [(0, "error", "text that starts with @ must be in quotes")],
    ),
    "text-starts-with-bracket": (
        [(SAY1, "    say: [sighs] I don't know.")],
        [(0, "error", "text that starts with [ must be in quotes")],
    ),
    "no-space-after-colon": ([(SAY1, SAY1.replace("say: ", "say:"))], [(0, "error", "put a space after the colon")]),
    "no-space-after-dash": (
        [('      - text: "Moving is stressful', '      -text: "Moving is stressful')],
        [(0, "error", "put a space after the '-'")],
    ),
    "unclosed-brace": (
        [("  trust: {start: 30, label: Trust}", "  trust: {start: 30, label: Trust")],
        [(0, "error", "the { opened here is not closed")],
    ),
    "backslash-in-quotes": (
        [(SAY1, '    say: "I saved it in C:\\Users\\sam."')],
        [(0, "error", "a backslash starts an escape")],
    ),
    "meter-start-quoted": (
        [("  trust: {start: 30, label: Trust}", '  trust: {start: "30", label: Trust}')],
        [(0, "error", "'start' must be a whole number, not text in quotes")],
    ),
    "meter-start-too-high": (
        [("  trust: {start: 30, label: Trust}", "  trust: {start: 120, label: Trust}")],
        [(0, "error", "start 120 is outside its bounds 0..100")],
    ),
    "choices-without-dashes": (
        [
            (
                """  closing:
    say: "Could I come back next week?"
    choices:
      - text: "I'd like that. Same time?"
        skill: collaboration
        quality: good
        effects: {hope: 10}
        when: trust >= 40
        feedback: Agreeing a concrete next step turns a good first meeting into a working alliance.
        next: booked
      - text: "Of course. Let's see how it goes."
        skill: collaboration
        quality: neutral
        feedback: Leaving the next step vague is kind, but gives Sam nothing to hold on to.
        next: unsure
""",
                """  closing:
    say: "Could I come back next week?"
    choices:
      text: "I'd like that. Same time?"
      skill: collaboration
      quality: good
      effects: {hope: 10}
      feedback: Agreeing a concrete next step turns a good first meeting into a working alliance.
      next: booked
""",
            )
        ],
        [(0, "error", "'choices' must be a list: start each reply with '- '")],
    ),
    "yes-for-true": (
        [("    once: true\n", "    once: yes\n")]
        if False
        else [("    note: Trust has fallen", "    once: yes\n    note: Trust has fallen")],
        [(0, "error", "must be true or false, not 'yes'")],
    ),
    "node-typo": (
        [('        next: opening-up\n      - text: "Moving', '        next: openingup\n      - text: "Moving')],
        [(0, "error", "goes to unknown node 'openingup' (did you mean 'opening-up'?)")],
    ),
    "text-cut-by-hash": (
        [("        feedback: A reflection of feeling shows", "        feedback: Reflection #1 of feeling shows")],
        [(0, "warning", "cut by ' #'")],
    ),
    "reply-without-feedback": (
        [("        feedback: Pressing on past a withdrawal deepens it.\n", "")],
        [(-4, "warning", "has no 'feedback'")],
    ),
    # two slips in two nodes, and a content error elsewhere: each its own message
    "two-slips-and-a-typo": (
        [
            (SAY1, SAY1.replace("say:", "say")),
            ('    say: "Could I come back next week?"', "    say: “Could I come back: next week?”"),
            (
                '      - text: "You did come all this way, though."\n        skill: feedback',
                '      - text: "You did come all this way, though."\n        skill: feedbak',
            ),
        ],
        [
            (0, "error", "'say' needs a colon after it"),
            (None, "error", "curly quotes"),
            (None, "error", "skill 'feedbak' is not in the catalogue"),
        ],
    ),
}


def main():
    for old in OUT.glob("*.yaml"):
        old.unlink()
    for name, (edits, expected) in CASES.items():
        base = template(name)
        text = base
        for old, new in edits:
            assert old in text, (name, old)
            text = text.replace(old, new, 1)
        b, t = base.split("\n"), text.split("\n")
        first = next(i for i, (x, y) in enumerate(zip(b, t, strict=False)) if x != y) + 1
        n = len(expected) + 1
        header = []
        for i, (offset, severity, fragment) in enumerate(expected):
            if offset is None:
                old_lines, new_lines = edits[i][0].split("\n"), edits[i][1].split("\n")
                new_text = next(y for x, y in zip(old_lines, new_lines, strict=False) if x != y)
                line = t.index(new_text) + 1 + n
            else:
                line = first + offset + n
            header.append(f"# expect: {severity} {line}: {fragment}")
        head = "\n".join(header) + "\n# one mistake, one message (tests/test_beginner_corpus.py)\n"
        OUT.joinpath(f"{name}.yaml").write_text(head + text, encoding="utf-8")


main()
