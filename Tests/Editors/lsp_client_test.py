"""End-to-end test of `certorder lsp` with a client nobody here wrote: pygls's LanguageClient
(from PyPI) starts the server as a separate process and speaks LSP 3.17 to it over stdio.

Run by Tests/CLITests/LanguageServerClientTests.swift:
    python3 lsp_client_test.py CERTORDER WORKDIR
Prints one line per check and `N passed, M failed`; exits 1 when a check fails.
"""
import asyncio
import pathlib
import subprocess
import sys

from lsprotocol import types
from pygls.lsp.client import LanguageClient

CERTORDER, WORKDIR = sys.argv[1], pathlib.Path(sys.argv[2])
TIMEOUT = 60  # bounds a failing run only: each wait ends as soon as its message arrives

TYPO = """# an EV order with one typo
recipe acme <
  organization 123456; container 654321
>
order ev <
  use acme
  certificate < hash sha256 >
  validity 1
  provisioning ship_tokn
>
"""

UNFORMATTED = "order ev<certificate<hash sha256>\nvalidity 1\n  provisioning   ship_token>\n"

results = []


def check(name, condition, detail=""):
    results.append(condition)
    print(("ok: " if condition else "FAILED: ") + name + ("" if condition else f" -- {detail}"), flush=True)


class Client(LanguageClient):
    def __init__(self):
        super().__init__("certorder-lsp-test", "1")
        self.diagnostics = {}
        self.changed = asyncio.Condition()
        self.exit_status = None

    async def server_exit(self, server):
        self.exit_status = server.returncode


async def wait_for_diagnostics(client, uri, version):
    async def published():
        async with client.changed:
            await client.changed.wait_for(lambda: client.diagnostics.get(uri, (None, None))[0] == version)
    await asyncio.wait_for(published(), TIMEOUT)
    return client.diagnostics[uri][1]


def position(line, character):
    return types.Position(line=line, character=character)


def labels(result):
    items = result.items if isinstance(result, types.CompletionList) else (result or [])
    return [item.label for item in items]


async def main():
    client = Client()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    async def on_diagnostics(params: types.PublishDiagnosticsParams):
        async with client.changed:
            client.diagnostics[params.uri] = (params.version, params.diagnostics)
            client.changed.notify_all()

    await client.start_io(CERTORDER, "lsp")
    result = await asyncio.wait_for(client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), process_id=None, root_uri=WORKDIR.as_uri())), TIMEOUT)
    check("initialize: hover, completion, formatting, definition", bool(
        result.capabilities.hover_provider and result.capabilities.completion_provider
        and result.capabilities.document_formatting_provider and result.capabilities.definition_provider))
    client.initialized(types.InitializedParams())

    # didOpen with an error: the diagnostic at the value's range.
    path = WORKDIR / "typo.order"
    path.write_text(TYPO)
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="certorder", version=1, text=TYPO)))
    diagnostics = await wait_for_diagnostics(client, uri, 1)
    first = diagnostics[0] if diagnostics else None
    check("didOpen: one error diagnostic", len(diagnostics) == 1 and first.severity == types.DiagnosticSeverity.Error, diagnostics)
    check("the diagnostic's message", first is not None and first.message ==
          "'provisioning' must be ship_token, client_app or email; got 'ship_tokn'. Did you mean 'ship_token'?", first)
    check("the diagnostic's range is ship_tokn, 9:16 to 9:25", first is not None and first.range == types.Range(
        start=position(8, 15), end=position(8, 24)), first and first.range)

    # The quick fix from did-you-mean.
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=first.range,
        context=types.CodeActionContext(diagnostics=diagnostics)))
    edit = actions[0].edit.changes[uri][0] if actions else None
    check("codeAction: replace with ship_token", edit is not None and edit.new_text == "ship_token" and edit.range == first.range, actions)

    # didChange fixing it (an incremental change): empty diagnostics.
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(range=first.range, text="ship_token")]))
    diagnostics = await wait_for_diagnostics(client, uri, 2)
    check("didChange fixing it: no diagnostics", len(diagnostics) == 0, diagnostics)

    # Hover on `provisioning` names its payload field.
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position(8, 5)))
    check("hover on provisioning names cs_provisioning_method", hover is not None and "cs_provisioning_method" in hover.contents.value, hover)

    # Definition of a recipe use: the recipe's line.
    definition = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position(5, 7)))
    location = definition[0] if isinstance(definition, list) else definition
    check("definition of `use acme` is line 2, `recipe acme`", location is not None and location.uri == uri
          and location.range.start == position(1, 7), definition)

    # Completion inside `certificate <` and after `hash `.
    blocks = "order ev <\n  certificate <\n    \n  >\n>\n"
    blocks_uri = (WORKDIR / "blocks.order").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=blocks_uri, language_id="certorder", version=1, text=blocks)))
    await wait_for_diagnostics(client, blocks_uri, 1)
    inside = labels(await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=blocks_uri), position=position(2, 4))))
    check("completion inside `certificate <` offers hash, not city", "hash" in inside and "city" not in inside, inside)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=blocks_uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=blocks.replace("<\n    \n", "<\n    hash \n"))]))
    await wait_for_diagnostics(client, blocks_uri, 2)
    after_hash = labels(await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=blocks_uri), position=position(2, 9))))
    check("completion after `hash ` offers sha256", after_hash == ["sha256"], after_hash)

    # Formatting returns `certorder fmt`'s text.
    unformatted = WORKDIR / "unformatted.order"
    unformatted.write_text(UNFORMATTED)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=unformatted.as_uri(), language_id="certorder", version=1, text=UNFORMATTED)))
    await wait_for_diagnostics(client, unformatted.as_uri(), 1)
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=unformatted.as_uri()),
        options=types.FormattingOptions(tab_size=2, insert_spaces=True)))
    fmt = subprocess.run([CERTORDER, "fmt", str(unformatted)], capture_output=True, text=True, check=True).stdout
    check("formatting returns the fmt text", edits is not None and len(edits) == 1 and edits[0].new_text == fmt
          and edits[0].range.start == position(0, 0) and edits[0].range.end == position(3, 0), edits)

    # shutdown and exit end the process with 0.
    await asyncio.wait_for(client.shutdown_async(None), TIMEOUT)
    client.exit(None)
    await asyncio.wait_for(client.stop(), TIMEOUT)
    check("shutdown and exit: the server ends with status 0", client.exit_status == 0, client.exit_status)


asyncio.run(main())
passed, failed = results.count(True), results.count(False)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
