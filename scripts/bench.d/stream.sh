# Benchmarks of a streamed batch (issue 19): `certorder send` at default concurrency beside a
# Python requests.Session loop, peak memory flat from 1,000 to 100,000 orders, and instructions
# per order under callgrind (a count that does not move with the machine's load).
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

  # Peak memory (max RSS) of a whole send, 1,000 and 100,000 orders.
  maxrss() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"; }
  batch_script "$work/b1000" 1000
  python3 "$d/make_batch.py" script "$work/b100000" 100000
  send_batch "$work/b1000" 1000 "$work/rss1000.sqlite" /usr/bin/time -v -o "$work/rss1000.time" >/dev/null
  j=$(send_batch "$work/b100000" 100000 "$work/rss100000.sqlite" /usr/bin/time -v -o "$work/rss100000.time")
  small=$(maxrss "$work/rss1000.time") big=$(maxrss "$work/rss100000.time")
  row "stream: peak memory, send 100,000 vs 1,000" "$(fmt_mb "$big") at $(fmt_rate "$(per_s 100000 "$(field seconds <<<"$j")")")" \
      "1,000 orders: $(fmt_mb "$small")" "$(ratio "$big" "$small") of it (aim ≤ 40 MB, ≤ 1.10×)"

  # Instructions per order: callgrind's count for 2,000 orders less that for 200, over 1,800
  # (start-up and the fixed costs cancel). CERTORDER_BENCH_BEFORE=path/to/an/older/certorder
  # counts that binary too, in the same run.
  if command -v valgrind >/dev/null || apt_install valgrind; then
    batch_script "$work/b200" 200
    instructions() {  # BINARY DIR N: callgrind's total for one send
      # Valgrind 3.19 cannot read the DWARF 5 debug info Swift writes ("Possibly corrupted
      # debuginfo file"): a copy without it is counted (the symbols stay).
      strip --strip-debug -o "$work/cg.bin" "$1"
      set -- "$work/cg.bin" "$2" "$3"
      valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$1" send "$2/batch.order" --endpoint "$fast" --no-pacing \
        --journal "$work/cg$RANDOM$RANDOM.sqlite" --yes --keep-going >/dev/null 2>"$work/cg.err" || { echo 0; return; }
      local n; n=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/cg.err"); echo "${n:-0}"
    }
    per_order() { python3 -c "import sys; a,b=int(sys.argv[1]),int(sys.argv[2]); print(round((b-a)/1800))" "$(instructions "$1" "$work/b200" 200)" "$(instructions "$1" "$work/b2000" 2000)"; }
    # Valgrind 3.19 on Debian 12 stops with an internal SIGSEGV in certorder's signal handling
    # (libdispatch's sigsuspend, SignalTrap): then the row says so instead of a number.
    after=$(per_order "$bin/certorder")
    if [ "$after" -le 0 ]; then
      row "stream: instructions per order (callgrind)" "callgrind failed" "-" "see $work/cg.err"
    else
    if [ -n "${CERTORDER_BENCH_BEFORE:-}" ]; then
      before=$(per_order "$CERTORDER_BENCH_BEFORE")
      row "stream: instructions per order (callgrind)" "$(printf "%'d" "$after") per order" "before: $(printf "%'d" "$before") per order" \
          "$(ratio "$before" "$after") fewer"
    else
      row "stream: instructions per order (callgrind)" "$(printf "%'d" "$after") per order" "-" "(set CERTORDER_BENCH_BEFORE for a ratio)"
    fi
    fi
  fi
fi
