"""How long `certorder lsp` takes to publish diagnostics after a change, on a large script.

  lsp_latency.py CERTORDER DIR CHANGES

DIR holds batch.order and devs.csv (make_batch.py script DIR 10000); this writes DIR/lsp.order:
the batch's recipe and 10,000-row CSV loop, and enough recipes and orders around it to make
2,000 lines. The script opens it, then sends CHANGES edits at each of three places, timing each
from the didChange written to the publishDiagnostics of that version read:
  end     the last line, a comment (the diagnostics stay the same);
  middle  an order's alternative_order_id, 1,000 lines below the CSV loop;
  loop    the comments of the recipe the CSV loop uses, above the loop (every order changes).
Prints `lines=… median_ms=… p95_ms=… max_ms=… middle_median_ms=… loop_median_ms=… open_ms=…
diagnostics=… status=…` (median_ms and p95_ms are the `end` series')."""
import json
import os
import statistics
import subprocess
import sys
import time

certorder, directory, changes = sys.argv[1], sys.argv[2], int(sys.argv[3])

lines = open(os.path.join(directory, "batch.order"), encoding="utf-8").read().splitlines()
i = 0
while len(lines) < 1990:
    lines += [
        f"# filler {i}: a fragment recipe and an order that uses it",
        f"recipe part_{i} <",
        "  certificate < hash sha256; platform 52 >",
        "  organization 123456; container 654321; payment balance",
        ">",
        f"order cs < use part_{i}; validity 1; alternative_order_id \"filler-{i}\" >",
        "",
    ]
    i += 1
lines.append("# edited: 0")
text = "\n".join(lines) + "\n"
path = os.path.join(directory, "lsp.order")
with open(path, "w", encoding="utf-8") as f:
    f.write(text)
uri = "file://" + os.path.abspath(path)
last = len(lines) - 1

server = subprocess.Popen([certorder, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def send(message):
    body = json.dumps(message).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()


def receive():
    length = None
    while True:
        line = server.stdout.readline()
        if line in (b"\r\n", b""):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(server.stdout.read(length))


def diagnostics_of(version):
    while True:
        message = receive()
        if message.get("method") == "textDocument/publishDiagnostics" and message["params"].get("version") == version:
            return message["params"]["diagnostics"]


send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
receive()
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
start = time.perf_counter()
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
    "uri": uri, "languageId": "certorder", "version": 1, "text": text}}})
found = diagnostics_of(1)
open_ms = (time.perf_counter() - start) * 1000

version = 1


def series(line, texts):
    """Rewrites `line` as each of `texts` in turn; the milliseconds until each is published."""
    global version
    times = []
    current = lines[line]
    for text in texts:
        version += 1
        edit = {"range": {"start": {"line": line, "character": 0},
                          "end": {"line": line, "character": len(current.encode("utf-16-le")) // 2}},
                "text": text}
        start = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [edit]}})
        published = diagnostics_of(version)
        times.append((time.perf_counter() - start) * 1000)
        if len(published) != len(found):
            sys.exit(f"lsp_latency.py: version {version} has {len(published)} diagnostics, the opened text {len(found)}")
        current = text
    lines[line] = current
    return sorted(times)


middle = next(i for i, l in enumerate(lines) if i > 1000 and l.startswith("order cs <"))
recipe = next(i for i, l in enumerate(lines) if l.strip().startswith("comments "))
times = series(last, [f"# edited: {n}" for n in range(changes)])
middle_times = series(middle, [lines[middle].replace('" >', f'-v{n}" >') for n in range(changes)])
loop_times = series(recipe, [lines[recipe].replace("Token for", f"Token {n} for") for n in range(min(changes, 10))])

send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
receive()
send({"jsonrpc": "2.0", "method": "exit"})
server.wait(timeout=30)
print(f"lines={len(lines)} median_ms={statistics.median(times):.1f} p95_ms={times[int(len(times) * 0.95) - 1]:.1f} "
      f"max_ms={times[-1]:.1f} middle_median_ms={statistics.median(middle_times):.1f} "
      f"loop_median_ms={statistics.median(loop_times):.1f} open_ms={open_ms:.1f} diagnostics={len(found)} status={server.returncode}")
