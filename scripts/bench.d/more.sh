# Benchmarks of the language (csv), the shell (startup) and sending (send, batch).
# Sourced by scripts/bench, which provides $bin (release binaries), $work (a temp dir removed on
# exit), $sandbox_pids (killed on exit), and has, field, row and ratio.

d=scripts/bench.d
# What the shell and `certorder send` would write under $HOME (history, journal) goes to $work.
export XDG_STATE_HOME="$work/state" CERTORDER_JOURNAL="$work/journal.sqlite"

per_s() { python3 -c "import sys; print(float(sys.argv[1]) / float(sys.argv[2]))" "$1" "$2"; }
fmt_rate() { python3 -c "import sys; print(f'{float(sys.argv[1]):,.0f} orders/s')" "$1"; }
fmt_ms() { python3 -c "import sys; print(f'{float(sys.argv[1]) * 1000:.1f} ms')" "$1"; }
fmt_mb() { python3 -c "import sys; print(f'{int(sys.argv[1]) / 1024:.0f} MB')" "$1"; }
fail() { echo "bench: $*" >&2; exit 1; }

# Installs a Debian package when it is missing (root only); quiet, and never fatal.
apt_install() {
  [ "$(id -u)" -eq 0 ] || return 1
  { apt-get install -y -qq "$@" || { apt-get update -qq && apt-get install -y -qq "$@"; }; } >/dev/null 2>&1
}

# batch_script DIR ROWS: DIR/devs.csv and DIR/batch.order (a recipe used once per row), and
# DIR/payloads.tsv, its compiled payloads as PRODUCT<TAB>JSON lines for the senders.
batch_script() {
  [ -f "$1/payloads.tsv" ] && return
  python3 "$d/make_batch.py" script "$1" "$2"
  "$bin/certorder" compile --requests "$1/batch.order" >"$1/requests.json"
  python3 "$d/make_batch.py" payloads "$1/requests.json" "$1/payloads.tsv" >/dev/null
}

# start_sandbox NAME [FLAGS…]: a release `certorder sandbox` on a free port; sets $url.
start_sandbox() {
  local name="$1"; shift
  "$bin/certorder" sandbox --port 0 --no-rate-limit --approval auto "$@" >"$work/sandbox.$name.log" 2>&1 &
  sandbox_pids="$sandbox_pids $!"
  url=""
  for _ in $(seq 100); do
    url=$(sed -n 's|.* on \(http://[^ ]*\) .*|\1|p' "$work/sandbox.$name.log")
    [ -n "$url" ] && return
    sleep 0.1
  done
  fail "the sandbox did not start: $(cat "$work/sandbox.$name.log")"
}

# every_placed NAME OUTPUT: fails unless the sender placed every order it sent.
every_placed() {
  [ "$(field placed <<<"$2")" = "$(field orders <<<"$2")" ] || fail "$1 did not place every order: $2"
}

if has csv; then
  n=10000
  batch_script "$work/b$n" $n
  c=$(python3 "$d/wall.py" 5 --out "$work/csv.certorder.json" -- "$bin/certorder" compile "$work/b$n/batch.order")
  p=$(python3 "$d/wall.py" 5 --out "$work/csv.python.json" -- python3 "$d/csv_compile.py" "$work/b$n")
  cmp "$work/csv.certorder.json" "$work/csv.python.json" >&2 || fail "csv: certorder and Python payloads differ"
  [ -s "$work/csv.certorder.json.err" ] && echo "csv: certorder compile said: $(head -3 "$work/csv.certorder.json.err")" >&2
  cs=$(field seconds <<<"$c") ps=$(field seconds <<<"$p")
  echo "csv: both print the same $(wc -c <"$work/csv.python.json") bytes, sha256 $(sha256sum <"$work/csv.python.json" | cut -c1-16)" >&2
  row "csv: compile $n CSV rows via a recipe" "$(fmt_rate "$(per_s $n "$cs")"), $(fmt_ms "$cs")" \
      "python csv+json: $(fmt_rate "$(per_s $n "$ps")")" "$(ratio "$ps" "$cs") faster (aim ≥ 2×)"
  # Linearity (once a timing check of the test suite): 4× the rows should take about 4× the time.
  batch_script "$work/b2000" 2000
  batch_script "$work/b8000" 8000
  c2=$(python3 "$d/wall.py" 5 --out "$work/csv2000.json" -- "$bin/certorder" compile "$work/b2000/batch.order")
  c8=$(python3 "$d/wall.py" 5 --out "$work/csv8000.json" -- "$bin/certorder" compile "$work/b8000/batch.order")
  s2=$(field seconds <<<"$c2") s8=$(field seconds <<<"$c8")
  row "csv: 8,000 rows against 2,000 rows" "$(fmt_ms "$s8") / $(fmt_ms "$s2")" "linear: 4.00×" "$(ratio "$s8" "$s2") (aim < 9×)"
fi

if has startup; then
  command -v hyperfine >/dev/null || apt_install hyperfine || true
  if command -v hyperfine >/dev/null; then
    hyperfine -w 3 -r 40 --export-json "$work/startup.json" "echo quit | $bin/certorder" "python3 -c 'import requests'" >/dev/null
    read -r s p < <(python3 -c "import json, sys; r = json.load(open(sys.argv[1]))['results']; print(r[0]['median'], r[1]['median'])" "$work/startup.json")
    how="hyperfine"
  else
    s=$(python3 "$d/wall.py" 40 --stdin quit -- "$bin/certorder" | field seconds)
    p=$(python3 "$d/wall.py" 40 -- python3 -c 'import requests' | field seconds)
    how="wall.py"
  fi
  row "startup: echo quit | certorder (median of 40)" "$(fmt_ms "$s") ($how)" "python3 -c 'import requests': $(fmt_ms "$p")" "$(ratio "$s" "$p") of it (aim ≤ 0.25×)"
fi

if has send || has batch; then
  start_sandbox fast; fast=$url
  batch_script "$work/b2000" 2000
fi

# rate_of OUTPUT: orders/s of a sender's `orders=… seconds=…` line.
rate_of() { per_s "$(field orders <<<"$1")" "$(field seconds <<<"$1")"; }
median() { python3 -c "import statistics, sys; print(statistics.median(map(float, sys.argv[1:])))" "$@"; }

# One run of Python requests.Session posting the 2,000 payloads; appends its rate to $python_rates.
python_rates=""
python_round() {
  local out
  out=$(python3 "$d/send_requests.py" "$fast" "$work/b2000/payloads.tsv")
  every_placed "python requests" "$out"
  python_rates="$python_rates $(rate_of "$out")"
}

if has send; then
  payloads="$work/b2000/payloads.tsv"
  # Three interleaved rounds, medians kept: the machine is shared, and a build next door moves
  # a single run by tens of percent.
  seq_rates="" con_rates=""
  for _ in 1 2 3; do
    out=$("$bin/CertOrderBench" send "$fast" "$payloads" 1); every_placed "CertCentralClient" "$out"
    seq_rates="$seq_rates $(rate_of "$out")"
    python_round
    out=$("$bin/CertOrderBench" send "$fast" "$payloads" 16); every_placed "CertCentralClient (16)" "$out"
    con_rates="$con_rates $(rate_of "$out")"
  done
  curl=$(bash "$d/curl_loop.sh" "$fast" "$payloads" 200); every_placed "the curl loop" "$curl"
  seq_rate=$(median $seq_rates) con_rate=$(median $con_rates) python_rate=$(median $python_rates) curl_rate=$(rate_of "$curl")
  row "send: 2,000 sequential, keep-alive (median of 3)" "client: $(fmt_rate "$seq_rate")" "python requests: $(fmt_rate "$python_rate")" "$(ratio "$seq_rate" "$python_rate") faster (aim ≥ 1.5×)"
  row "send: sequential vs a curl per order (200)" "client: $(fmt_rate "$seq_rate")" "curl loop: $(fmt_rate "$curl_rate")" "$(ratio "$seq_rate" "$curl_rate") faster (aim ≥ 5×)"
  row "send: 2,000, 16 in flight vs sequential" "client: $(fmt_rate "$con_rate")" "sequential: $(fmt_rate "$seq_rate")" "$(ratio "$con_rate" "$seq_rate") faster (aim ≥ 5×)"

  # On loopback the client and the sandbox share the 2 cores, so concurrency has little to
  # overlap; against a server that takes time to answer, as CertCentral does, it overlaps waiting.
  start_sandbox slow --latency-ms 10; slow=$url
  head -n 300 "$payloads" >"$work/p300.tsv"
  slow_seq=$("$bin/CertOrderBench" send "$slow" "$work/p300.tsv" 1); every_placed "CertCentralClient (10 ms)" "$slow_seq"
  slow_con=$("$bin/CertOrderBench" send "$slow" "$work/p300.tsv" 16); every_placed "CertCentralClient (10 ms, 16)" "$slow_con"
  row "send: 300, 16 in flight vs seq., +10 ms/answer" "client: $(fmt_rate "$(rate_of "$slow_con")")" "sequential: $(fmt_rate "$(rate_of "$slow_seq")")" \
      "$(ratio "$(rate_of "$slow_con")" "$(rate_of "$slow_seq")") faster (aim ≥ 5×)"
fi

if has batch; then
  if [ -z "$python_rates" ]; then python_round; python_round; python_round; fi
  python_rate=$(median $python_rates)
  # certorder send compiles the script, journals every order (durable before its POST leaves;
  # concurrent sends share commits) and prints a line per order: the whole tool, from a cold start.
  j=$(python3 "$d/wall.py" 1 --out "$work/batch2000.out" -- "$bin/certorder" send "$work/b2000/batch.order" \
      --endpoint "$fast" --no-pacing --journal "$work/batch2000.sqlite" --yes --concurrency 16 --keep-going)
  grep -q "^2000 orders: 2000 placed" "$work/batch2000.out" || fail "certorder send did not place 2,000 orders: $(tail -3 "$work/batch2000.out")"
  batch_rate=$(per_s 2000 "$(field seconds <<<"$j")")
  row "batch: certorder send 2,000 (CSV, 16, journal)" "$(fmt_rate "$batch_rate")" "python requests seq.: $(fmt_rate "$python_rate")" "$(ratio "$batch_rate" "$python_rate") (journaled; no aim)"
  if [ -d /dev/shm ]; then
    # The same batch with the journal on tmpfs, where a commit's fsync costs nothing: the gap is
    # what durability costs on this disk.
    shm=$(mktemp -d /dev/shm/certorder-bench.XXXXXX)
    j=$(python3 "$d/wall.py" 1 --out "$work/batch2000shm.out" -- "$bin/certorder" send "$work/b2000/batch.order" \
        --endpoint "$fast" --no-pacing --journal "$shm/journal.sqlite" --yes --concurrency 16 --keep-going)
    rm -rf "$shm"
    grep -q "^2000 orders: 2000 placed" "$work/batch2000shm.out" || fail "certorder send (tmpfs journal) did not place 2,000 orders"
    shm_rate=$(per_s 2000 "$(field seconds <<<"$j")")
    row "batch: the same, journal on tmpfs (no fsync)" "$(fmt_rate "$shm_rate")" "journal on disk: $(fmt_rate "$batch_rate")" "$(ratio "$shm_rate" "$batch_rate") faster (diagnostic)"
  fi
  # The same batch with a team's PostgreSQL journal (a throwaway local server: scripts/with-postgres),
  # and so its shared rate budget's permits too (pacing is off here, as in the SQLite row).
  pg_out=$(scripts/with-postgres bash -c '
    psql -X -q "$CERTORDER_TEST_POSTGRES_URL" -c "CREATE DATABASE bench" &&
    python3 "$1/wall.py" 1 --out "$2/batch2000pg.out" -- "$3/certorder" send "$2/b2000/batch.order" \
      --endpoint "$4" --no-pacing --journal "${CERTORDER_TEST_POSTGRES_URL%/postgres}/bench" --yes --concurrency 16 --keep-going' \
    _ "$d" "$work" "$bin" "$fast") || fail "the PostgreSQL batch did not run: $pg_out"
  grep -q "^2000 orders: 2000 placed" "$work/batch2000pg.out" || fail "certorder send (PostgreSQL journal) did not place 2,000 orders"
  pg_rate=$(per_s 2000 "$(field seconds <<<"$pg_out")")
  row "batch: the same, PostgreSQL journal (local)" "$(fmt_rate "$pg_rate")" "SQLite journal: $(fmt_rate "$batch_rate")" "$(ratio "$pg_rate" "$batch_rate") of it (reported)"

  command -v /usr/bin/time >/dev/null || apt_install time || fail "peak memory needs /usr/bin/time (apt-get install time)"
  batch_script "$work/b10000" 10000
  j=$(python3 "$d/wall.py" 1 --out "$work/batch10000.out" -- /usr/bin/time -v -o "$work/batch10000.time" "$bin/certorder" send \
      "$work/b10000/batch.order" --endpoint "$fast" --no-pacing --journal "$work/batch10000.sqlite" --yes --concurrency 16 --keep-going)
  grep -q "^10000 orders: 10000 placed" "$work/batch10000.out" || fail "certorder send did not place 10,000 orders: $(tail -3 "$work/batch10000.out")"
  py=$(/usr/bin/time -v -o "$work/python10000.time" python3 "$d/send_requests.py" "$fast" "$work/b10000/payloads.tsv")
  every_placed "python requests (10,000)" "$py"
  maxrss() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"; }
  c_kb=$(maxrss "$work/batch10000.time") p_kb=$(maxrss "$work/python10000.time")
  row "batch: peak memory, send 10,000 (max RSS)" "$(fmt_mb "$c_kb") at $(fmt_rate "$(per_s 10000 "$(field seconds <<<"$j")")")" \
      "python requests seq.: $(fmt_mb "$p_kb")" "$(ratio "$c_kb" "$p_kb") of it (reported)"
fi

if has lsp; then
  # The language server: changes to a 2,000-line script whose CSV loop makes 10,000 orders, timed
  # from the didChange written to its publishDiagnostics read, below the loop (the last line, and
  # an order 1,000 lines down) and in the recipe the loop uses, beside `certorder check` of the
  # same file (a whole process, start-up included). CERTORDER_BENCH_LSP_BEFORE=PATH also times an
  # older `certorder` in the same run (one built from the commit before the server kept work).
  batch_script "$work/b10000" 10000
  l=$(python3 "$d/lsp_latency.py" "$bin/certorder" "$work/b10000" 30)
  [ "$(field status <<<"$l")" = 0 ] || fail "lsp: the server did not end with status 0: $l"
  c=$(python3 "$d/wall.py" 5 -- "$bin/certorder" check "$work/b10000/lsp.order")
  aim() { python3 -c "import sys; m=float(sys.argv[1]); print(f'{m / 100:.2f}× the aim (aim ≤ 100 ms)')" "$1"; }
  row "lsp: change → diagnostics, $(field lines <<<"$l")-line script" \
      "median $(field median_ms <<<"$l") ms, p95 $(field p95_ms <<<"$l") ms" "certorder check: $(fmt_ms "$(field seconds <<<"$c")")" \
      "$(aim "$(field median_ms <<<"$l")")"
  row "lsp: an order 1,000 lines below the CSV loop" "median $(field middle_median_ms <<<"$l") ms" "" "$(aim "$(field middle_median_ms <<<"$l")")"
  row "lsp: the recipe the CSV loop uses (worst case)" "median $(field loop_median_ms <<<"$l") ms" "" "$(aim "$(field loop_median_ms <<<"$l")")"
  if [ -n "${CERTORDER_BENCH_LSP_BEFORE:-}" ]; then
    b=$(python3 "$d/lsp_latency.py" "$CERTORDER_BENCH_LSP_BEFORE" "$work/b10000" 30)
    row "lsp: the same three, before (end/middle/loop)" \
        "$(field median_ms <<<"$b") / $(field middle_median_ms <<<"$b") / $(field loop_median_ms <<<"$b") ms" "$CERTORDER_BENCH_LSP_BEFORE" \
        "$(python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.1f}× faster now (end)')" "$(field median_ms <<<"$b")" "$(field median_ms <<<"$l")")"
  fi
fi

# Streamed batches: default concurrency, memory from 1,000 to 100,000 orders, callgrind.
source "$d/stream.sh"
