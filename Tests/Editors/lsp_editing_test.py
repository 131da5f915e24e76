"""End-to-end test of `certorder lsp` while editing, with pygls's LanguageClient (from PyPI) as
the client: unsaved buffers of included files, file-path completion after `csv`, `include` and
`@`, and a burst of changes of which only the last version's diagnostics are published.

Run by Tests/CLITests/LanguageServerEditingClientTests.swift:
    python3 lsp_editing_test.py CERTORDER WORKDIR
Prints one line per check and `N passed, M failed`; exits 1 when a check fails.
"""
import asyncio
import pathlib
import sys

from lsprotocol import types
from pygls.lsp.client import LanguageClient

CERTORDER, WORKDIR = sys.argv[1], pathlib.Path(sys.argv[2])
TIMEOUT = 120  # bounds a failing run only: each wait ends as soon as its message arrives

PART = """recipe acme <
  organization 123456; container 654321
>
"""

MAIN = """include "part.order"
order ev <
  use acme
  certificate < hash sha256 >
  validity 1
  provisioning ship_token
>
"""

RECIPE = """recipe dev_token(id, name) <
  order code_signing_ev <
    certificate < hash sha256; platform 52 >
    provisioning ship_token
    validity 1
    organization 123456; container 654321
    ship < name $name; addr1 "1 Main Street"; city Richmond; state va; zip 23219; country us; method standard >
    custom_field 12 $id
    payment balance
  >
>
for dev in csv "devs.csv" <
  use dev_token($dev.id, $dev.name)
>
"""

results = []


def check(name, condition, detail=""):
    results.append(condition)
    print(("ok: " if condition else "FAILED: ") + name + ("" if condition else f" -- {detail}"), flush=True)


class Client(LanguageClient):
    def __init__(self):
        super().__init__("certorder-lsp-editing-test", "1")
        self.published = []  # (uri, version, diagnostics), in the order received
        self.changed = asyncio.Condition()


async def wait_until(client, predicate, start=0):
    """The first publication (uri, version, diagnostics), from the start-th on, that satisfies
    predicate, once it has come."""
    async def found():
        async with client.changed:
            await client.changed.wait_for(lambda: any(predicate(*p) for p in client.published[start:]))
    await asyncio.wait_for(found(), TIMEOUT)
    return next(p for p in client.published[start:] if predicate(*p))


def position(line, character):
    return types.Position(line=line, character=character)


def labels(result):
    items = result.items if isinstance(result, types.CompletionList) else (result or [])
    return [item.label for item in items]


def open_document(client, path, text, version=1):
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=path.as_uri(), language_id="certorder", version=version, text=text)))


def change(client, path, version, text):
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


async def unsaved_included_buffers(client):
    folder = WORKDIR / "buffers"
    folder.mkdir()
    part, main, later = folder / "part.order", folder / "main.order", folder / "later.order"
    part.write_text(PART)
    main.write_text(MAIN)
    open_document(client, main, MAIN)
    await wait_until(client, lambda uri, version, d: uri == main.as_uri() and version == 1)
    check("the includer, part.order as on disk: no diagnostics",
          not client.published[-1][2], client.published[-1])

    # part.order opened and changed, not saved: the includer is analysed again, with the buffer.
    open_document(client, part, PART)
    start = len(client.published)
    change(client, part, 2, PART.replace("organization", "organizaton"))
    _, _, found = await wait_until(client, lambda uri, version, d: uri == main.as_uri() and d, start)
    check("a change to the included buffer republishes the includer, at its version 1",
          any(p[0] == main.as_uri() and p[1] == 1 and p[2] for p in client.published[start:]), client.published[start:])
    check("the includer's diagnostic comes from the buffer's text (organizaton), not the disk's",
          len(found) == 1 and "part.order" in found[0].message and "organizaton" in found[0].message
          and found[0].range.start == position(0, 0), found)
    check("the file on disk is unchanged", part.read_text() == PART)

    # A document opened now reads the buffer too.
    open_document(client, later, MAIN)
    _, _, found = await wait_until(client, lambda uri, version, d: uri == later.as_uri() and version == 1)
    check("a document opened after the change reads the buffer", len(found) == 1 and "organizaton" in found[0].message, found)

    # Fixed in the buffer: both includers are clean again.
    start = len(client.published)
    change(client, part, 3, PART)
    for includer in (main, later):
        await wait_until(client, lambda uri, version, d, u=includer.as_uri(): uri == u and not d, start)
    check("fixed in the buffer: both includers republished without diagnostics", True)

    # Closed with an unsaved error: the includers read the disk's text again.
    start = len(client.published)
    change(client, part, 4, PART.replace("organization", "organizaton"))
    await wait_until(client, lambda uri, version, d: uri == main.as_uri() and d, start)
    start = len(client.published)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=part.as_uri())))
    await wait_until(client, lambda uri, version, d: uri == main.as_uri() and not d, start)
    check("the buffer closed unsaved: the includer reads the disk again (no diagnostics)", True)


async def path_completion(client):
    folder = WORKDIR / "paths"
    (folder / "data").mkdir(parents=True)
    for name in ["devs.csv", "other.csv", "notes.txt", "lib.order", "data/more.csv", ".hidden.csv"]:
        (folder / name).write_text("id\n1\n")
    doc = folder / "loop.order"
    doc.write_text("")
    open_document(client, doc, "")
    version = 1

    async def complete(text, line, character):
        nonlocal version
        version += 1
        change(client, doc, version, text)
        return labels(await client.text_document_completion_async(types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=doc.as_uri()), position=position(line, character))))

    found = await complete('for dev in csv "\n', 0, 16)
    check('after `csv "`: the CSV files and folders beside the document', found == ["data/", "devs.csv", "other.csv"], found)
    found = await complete('for dev in csv "d\n', 0, 17)
    check('after `csv "d`: those starting with d', found == ["data/", "devs.csv"], found)
    found = await complete('order cs <\n  for dev in csv "data/\n>\n', 1, 23)
    check('after `csv "data/` inside an order: the folder\'s CSV files', found == ["data/more.csv"], found)
    found = await complete('for dev in csv o', 0, 16)
    check("after `csv o` (unquoted)", found == ["other.csv"], found)
    found = await complete('include "\n', 0, 9)
    check('after `include "`: scripts and folders, not CSV files', found == ["data/", "lib.order", "loop.order"], found)
    found = await complete('order cs < csr @n', 0, 17)
    check("after `@n`: any file (notes.txt)", found == ["notes.txt"], found)


async def burst_of_changes(client):
    folder = WORKDIR / "burst"
    folder.mkdir()
    rows = "".join(f"{i},Dev {i}\n" for i in range(1, 10001))
    (folder / "devs.csv").write_text("id,name\n" + rows)
    doc = folder / "burst.order"

    def text(n):
        return RECIPE + f"order cs < use missing_{n} >\n"

    doc.write_text(text(1))
    # Written at once: each change cancels the analysis in flight (a 10,000-row loop), so only
    # the last version's diagnostics are published.
    open_document(client, doc, text(1))
    for n in range(2, 22):
        change(client, doc, n, text(n))
    _, _, found = await wait_until(client, lambda uri, version, d: uri == doc.as_uri() and version == 21)
    versions = [p[1] for p in client.published if p[0] == doc.as_uri()]
    check("a burst of 20 changes: only version 21 is published", versions == [21], versions)
    check("its diagnostic is version 21's (missing_21)", len(found) == 1 and "missing_21" in found[0].message, found)

    # A change below the loop after the burst: published for its version, with its diagnostics.
    change(client, doc, 22, RECIPE)
    _, _, found = await wait_until(client, lambda uri, version, d: uri == doc.as_uri() and version == 22)
    check("the next change: version 22, no diagnostics", not found, found)


async def main():
    client = Client()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    async def on_diagnostics(params: types.PublishDiagnosticsParams):
        async with client.changed:
            client.published.append((params.uri, params.version, params.diagnostics))
            client.changed.notify_all()

    await client.start_io(CERTORDER, "lsp")
    await asyncio.wait_for(client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), process_id=None, root_uri=WORKDIR.as_uri())), TIMEOUT)
    client.initialized(types.InitializedParams())

    await unsaved_included_buffers(client)
    await path_completion(client)
    await burst_of_changes(client)

    await asyncio.wait_for(client.shutdown_async(None), TIMEOUT)
    client.exit(None)
    await asyncio.wait_for(client.stop(), TIMEOUT)


asyncio.run(main())
passed, failed = results.count(True), results.count(False)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
