"""Tokenizes the examples with Editors/certorder.tmLanguage.json in a TextMate engine nobody here
wrote (textmate-grammar-python, a port of vscode-textmate's, from PyPI) and checks the scopes of
keywords, statements, commands, strings, numbers, variables and comments.

Run by Tests/CLITests/LanguageServerClientTests.swift:
    python3 grammar_test.py GRAMMAR EXAMPLES
Prints one line per check and `N passed, M failed`; exits 1 when a check fails.
"""
import json
import logging
import pathlib
import sys

from textmate_grammar.parsers.base import LanguageParser

logging.disable(logging.WARNING)  # the engine warns of every unscoped span
GRAMMAR, EXAMPLES = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
parser = LanguageParser(json.loads(GRAMMAR.read_text()))

KEYWORD = "keyword.control.declaration.certorder"
STATEMENT = "support.type.property-name.statement.certorder"
COMMAND = "support.function.command.certorder"
STRING = "string.quoted.double.certorder"
WORD = "string.unquoted.certorder"
NUMBER = "constant.numeric.integer.certorder"
VARIABLE = "variable.other.certorder"
RECIPE = "entity.name.function.recipe.certorder"
COMMENT = "comment.line.number-sign.certorder"
OPEN = "punctuation.section.block.begin.certorder"

# (file, 0-based line, token text, the innermost scope it must have)
EXPECTED = [
    ("documented-ev.order", 0, "# EV code signing order: a token shipped to the developer", COMMENT),
    ("documented-ev.order", 1, "order", KEYWORD),
    ("documented-ev.order", 1, "code_signing_ev", WORD),
    ("documented-ev.order", 1, "<", OPEN),
    ("documented-ev.order", 2, "certificate", STATEMENT),
    ("documented-ev.order", 3, "hash", STATEMENT),
    ("documented-ev.order", 3, "sha256", WORD),
    ("documented-ev.order", 4, "52", NUMBER),
    ("documented-ev.order", 9, '"Message for the approver"', STRING),
    ("documented-ev.order", 10, "skip_approval", STATEMENT),
    ("documented-ev.order", 11, "123456", NUMBER),
    ("batch.order", 1, "include", KEYWORD),
    ("batch.order", 1, '"recipes/acme.order"', STRING),
    ("batch.order", 3, "for", KEYWORD),
    ("batch.order", 3, "dev", VARIABLE),
    ("batch.order", 3, "in", KEYWORD),
    ("batch.order", 3, "csv", KEYWORD),
    ("batch.order", 4, "use", KEYWORD),
    ("batch.order", 4, "ev_token", RECIPE),
    ("batch.order", 4, "$dev.name", VARIABLE),
    ("recipes/acme.order", 2, "let", KEYWORD),
    ("recipes/acme.order", 2, "org", VARIABLE),
    ("recipes/acme.order", 2, "123456", NUMBER),
    ("recipes/acme.order", 4, '"Engineering"', STRING),
    ("recipes/acme.order", 7, "recipe", KEYWORD),
    ("recipes/acme.order", 7, "acme_defaults", RECIPE),
    ("recipes/acme.order", 8, "$org", VARIABLE),
    ("recipes/acme.order", 8, "payment", STATEMENT),
    ("recipes/acme.order", 9, "12", NUMBER),
    ("recipes/acme.order", 9, "# the account's required cost center", COMMENT),
    ("recipes/acme.order", 10, "unit", STATEMENT),
    ("run-commands.order", 3, "new", COMMAND),
    ("run-commands.order", 7, "set", COMMAND),
    ("run-commands.order", 7, "ship_info.name", WORD),
    ("run-commands.order", 11, "69662", NUMBER),
    ("run-commands.order", 16, "json", COMMAND),
]

tokens = {}
for name in sorted({e[0] for e in EXPECTED}):
    element = parser.parse_string((EXAMPLES / name).read_text())
    tokens[name] = [(line, text, scopes) for ((line, _), text, scopes) in element.flatten()]

results = []
for name, line, text, scope in EXPECTED:
    found = [scopes for (l, t, scopes) in tokens[name] if l == line and t == text]
    ok = bool(found) and found[0][-1] == scope
    results.append(ok)
    print(("ok: " if ok else "FAILED: ") + f"{name}:{line + 1} {text!r} is {scope}" + ("" if ok else f" -- got {found}"))

passed, failed = results.count(True), results.count(False)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
