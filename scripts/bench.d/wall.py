"""Wall-clock time of a whole process, start-up included: the median of RUNS runs.

  wall.py RUNS [--out FILE] [--stdin TEXT] -- COMMAND...

stdout goes to FILE (else /dev/null), stderr to FILE.err; a run that exits non-zero stops the
benchmark. Prints `runs=… seconds=<median> min=…`."""
import statistics
import subprocess
import sys
import time

args = sys.argv[1:]
runs = int(args.pop(0))
out, stdin = "/dev/null", None
while args[0] != "--":
    option, value = args.pop(0), args.pop(0)
    if option == "--out":
        out = value
    elif option == "--stdin":
        stdin = value.encode()
    else:
        sys.exit(__doc__)
command = args[1:]

times = []
for _ in range(runs):
    with open(out, "wb") as stdout, open(out + ".err" if out != "/dev/null" else out, "wb") as stderr:
        start = time.perf_counter()
        if stdin is None:
            status = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr).returncode
        else:
            status = subprocess.run(command, input=stdin, stdout=stdout, stderr=stderr).returncode
        times.append(time.perf_counter() - start)
    if status != 0:
        sys.exit("%s exited %d (stderr in %s.err)" % (" ".join(command), status, out))
print("runs=%d seconds=%f min=%f" % (runs, statistics.median(times), min(times)))
