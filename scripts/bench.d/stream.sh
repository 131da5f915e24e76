# Benchmarks of a streamed batch (issue 19): `certorder send` at default concurrency beside a
# Python requests.Session loop, peak memory from 1,000 to 100,000 orders beside the Python loop's,
# and instructions and allocations per order (counts that do not move with the machine's load).
# Sourced by more.sh; needs $fast (a sandbox), python_round and batch_script from it.

if has stream; then
  command -v /usr/bin/time >/dev/null || apt_install time || fail "peak memory needs /usr/bin/time (apt-get install time)"
  [ -n "${fast:-}" ] || { start_sandbox fast; fast=$url; }
  batch_script "$work/b2000" 2000
  # send_batch DIR N JOURNAL [ARGS…]: the whole tool from a cold start, default concurrency (8),
  # every order journaled (durable before its POST leaves); prints wall.py's line.
  send_batch() {
    local dir="$1" n="$2" journal="$3"; shift 3
    python3 "$d/wall.py" 1 --out "$work/stream.out" -- "$@" "$bin/certorder" send "$dir/batch.order" \
      --endpoint "$fast" --no-pacing --journal "$journal" --yes --keep-going
    grep -q "^$n orders: $n placed" "$work/stream.out" || fail "certorder send did not place $n orders: $(tail -3 "$work/stream.out")"
  }
  # Three interleaved rounds, medians kept.
  python_rates="" c_rates=""
  for k in 1 2 3; do
    j=$(send_batch "$work/b2000" 2000 "$work/stream$k.sqlite")
    c_rates="$c_rates $(per_s 2000 "$(field seconds <<<"$j")")"
    python_round
  done
  c_rate=$(median $c_rates) python_rate=$(median $python_rates)
  row "stream: send 2,000, journaled, concurrency 8" "$(fmt_rate "$c_rate")" "python requests.Session: $(fmt_rate "$python_rate")" \
      "$(ratio "$c_rate" "$python_rate") faster (aim ≥ 1.5×)"

  # Peak memory (max RSS, /usr/bin/time -v) of a whole send at 1,000, 10,000 and 100,000 orders,
  # and of the Python loop posting the same payloads (1,000 and 10,000), in this run.
  maxrss() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"; }
  declare -A c_kb p_kb
  for n in 1000 10000 100000; do
    if [ $n -le 10000 ]; then batch_script "$work/b$n" $n; else python3 "$d/make_batch.py" script "$work/b$n" $n; fi
    j=$(send_batch "$work/b$n" $n "$work/rss$n.sqlite" /usr/bin/time -v -o "$work/rss$n.time")
    c_kb[$n]=$(maxrss "$work/rss$n.time")
    [ $n = 100000 ] && big_rate=$(per_s $n "$(field seconds <<<"$j")")
    if [ $n -le 10000 ]; then
      py=$(/usr/bin/time -v -o "$work/pyrss$n.time" python3 "$d/send_requests.py" "$fast" "$work/b$n/payloads.tsv")
      every_placed "python requests ($n)" "$py"
      p_kb[$n]=$(maxrss "$work/pyrss$n.time")
    fi
  done
  row "stream: peak memory, send 1,000/10,000/100,000" "$(fmt_mb "${c_kb[1000]}") / $(fmt_mb "${c_kb[10000]}") / $(fmt_mb "${c_kb[100000]}")" \
      "python requests: $(fmt_mb "${p_kb[1000]}") / $(fmt_mb "${p_kb[10000]}") / -" \
      "$(ratio "${c_kb[100000]}" "${c_kb[1000]}") 100k/1k (aim ≤ 40 MB, ≤ 1.10×)"
  row "stream: peak memory, send 10,000 vs python" "$(fmt_mb "${c_kb[10000]}") at 100,000: $(fmt_rate "$big_rate")" \
      "python requests: $(fmt_mb "${p_kb[10000]}")" "$(ratio "${c_kb[10000]}" "${p_kb[10000]}") of it (reported)"

  # A count per order that does not move with the machine's load: (the count for 2,000 orders
  # less that for 200) / 1,800, so start-up and the fixed costs cancel; one order in flight, so
  # the interleaving is the same each run. Instructions (`perf stat -e instructions:u`) where the
  # machine has hardware counters (not in a VM without a PMU); allocations (heaptrack) in any case.
  # Valgrind 3.19 (Debian 12) cannot run certorder: it reads no DWARF 5, and a copy without debug
  # info stops it with an internal SIGSEGV in rt_sigsuspend. CERTORDER_BENCH_BEFORE=path/to/an/older/certorder
  # counts that binary too, in the same run.
  batch_script "$work/b200" 200
  one_send() {  # BINARY DIR [WRAPPER…]: one send at concurrency 1, to a fresh journal
    local binary="$1" dir="$2"; shift 2
    "$@" "$binary" send "$dir/batch.order" --endpoint "$fast" --no-pacing --journal "$work/count$RANDOM$RANDOM.sqlite" \
      --yes --keep-going --allow-duplicate --concurrency 1 >/dev/null
  }
  per_order() { python3 -c "import sys; a,b=int(sys.argv[1]),int(sys.argv[2]); print(round((b-a)/1800) if a > 0 and b > a else 0)" "$1" "$2"; }
  instructions() {  # BINARY DIR: instructions:u of one send, 0 when the machine cannot count them
    one_send "$1" "$2" perf stat -x, -e instructions:u -o "$work/perf.txt" 2>/dev/null || { echo 0; return; }
    local n; n=$(sed -n 's/^\([0-9][0-9]*\),.*instructions.*/\1/p' "$work/perf.txt"); echo "${n:-0}"
  }
  allocations() {  # BINARY DIR: calls to allocation functions in one send (heaptrack), 0 without heaptrack
    rm -f "$work"/ht.*
    one_send "$1" "$2" heaptrack -o "$work/ht" >/dev/null 2>&1 || { echo 0; return; }
    local n; n=$(heaptrack_print -f "$work"/ht.* --print-peaks 0 --print-allocators 0 --print-temporary 0 --print-leaks 0 2>/dev/null \
      | sed -n 's/^calls to allocation functions: \([0-9]*\).*/\1/p'); echo "${n:-0}"
  }
  command -v heaptrack >/dev/null || apt_install heaptrack || true
  for what in instructions allocations; do
    after=$(per_order "$($what "$bin/certorder" "$work/b200")" "$($what "$bin/certorder" "$work/b2000")")
    if [ "$after" -le 0 ]; then
      row "stream: $what per order" "not counted here" "-" "$([ $what = instructions ] && echo "no hardware counters (perf)" || echo "needs heaptrack")"
    elif [ -n "${CERTORDER_BENCH_BEFORE:-}" ]; then
      before=$(per_order "$($what "$CERTORDER_BENCH_BEFORE" "$work/b200")" "$($what "$CERTORDER_BENCH_BEFORE" "$work/b2000")")
      row "stream: $what per order (concurrency 1)" "$(printf "%'d" "$after") per order" "before: $(printf "%'d" "$before") per order" \
          "$(ratio "$before" "$after") fewer"
    else
      row "stream: $what per order (concurrency 1)" "$(printf "%'d" "$after") per order" "-" "(set CERTORDER_BENCH_BEFORE for a ratio)"
    fi
  done
fi
