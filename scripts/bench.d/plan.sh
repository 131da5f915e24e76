# `plan` over 1,000 declared orders against a sandbox with CertCentral's rate limits on: the
# Services API calls it makes and its wall time, from a lost journal (the account is the only
# truth) and with the journal. Sourced by scripts/bench after more.sh (its helpers).

if has plan; then
  n=1000
  pw="$work/plan"; mkdir -p "$pw"
  cp Examples/request.csr "$pw/"
  python3 - "$n" >"$pw/declared.order" <<'PY'
import sys
for i in range(int(sys.argv[1])):
    print(f'order code_signing < certificate < hash sha256; csr @request.csr >; provisioning email; validity 1; '
          f'organization 123456; custom_field 12 "APP-{i}"; alternative_order_id "app-{i:04d}" >')
PY
  # start_plan_sandbox [FLAGS…]: the sandbox of these runs (its orders kept in one state file).
  start_plan_sandbox() {
    "$bin/certorder" sandbox --port 0 --approval auto --state "$pw/sandbox.json" "$@" >"$work/sandbox.plan.log" 2>&1 &
    plan_pid=$!; sandbox_pids="$sandbox_pids $plan_pid"
    url=""; for _ in $(seq 100); do url=$(sed -n 's|.* on \(http://[^ ]*\) .*|\1|p' "$work/sandbox.plan.log"); [ -n "$url" ] && break; sleep 0.1; done
    [ -n "$url" ] || fail "the plan sandbox did not start"
    root="${url%/services/v2}"
  }
  calls() { curl -s "$root/sandbox/state" | python3 -c 'import json,sys; print(json.load(sys.stdin)["request_count"])'; }
  # plan_run NAME: times `certorder plan` (exit 0 or 2 expected); sets $secs and $made (API calls).
  plan_run() {
    local before after start status=0
    before=$(calls); start=$(date +%s.%N)
    "$bin/certorder" plan "$pw/declared.order" --endpoint "$url" --journal "$pw/journal.sqlite" >"$pw/plan.$1.out" 2>&1 || status=$?
    secs=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$(date +%s.%N)")
    [ "$status" = 0 ] || [ "$status" = 2 ] || fail "plan ($1) exited $status: $(tail -3 "$pw/plan.$1.out")"
    after=$(calls); made=$((after - before))
  }
  # An empty account, rate limits on: every order to place.
  start_plan_sandbox
  plan_run empty; empty_secs=$secs; empty_calls=$made
  grep -q "plan on .*: $n to place" "$pw/plan.empty.out" || fail "plan (empty): $(tail -1 "$pw/plan.empty.out")"
  # Placed, all of them: by apply on the same account with the limits lifted (the placing is
  # not what is measured), then the account served with its limits on again.
  kill "$plan_pid"; wait "$plan_pid" 2>/dev/null || true
  start_plan_sandbox --no-rate-limit
  "$bin/certorder" apply "$pw/declared.order" --yes --no-pacing --endpoint "$url" --journal "$pw/journal.sqlite" >"$pw/apply.out" 2>&1 \
    || fail "apply: $(tail -3 "$pw/apply.out")"
  kill "$plan_pid"; wait "$plan_pid" 2>/dev/null || true
  start_plan_sandbox
  plan_run journal; journal_secs=$secs; journal_calls=$made
  rm -f "$pw/journal.sqlite" "$pw/journal.sqlite-wal" "$pw/journal.sqlite-shm"
  plan_run lost; lost_secs=$secs; lost_calls=$made
  grep -q "plan on .*: 0 to place, 0 to renew, $n to keep" "$pw/plan.lost.out" || fail "plan (lost journal): $(tail -1 "$pw/plan.lost.out")"
  row "plan: $n declared, none placed (rate limits on)" "$empty_calls API calls, $(fmt_ms "$empty_secs")" "a lookup per name: $n calls, ≥ 50 s" "(aim: within the limits)"
  row "plan: $n placed, journal lost (rate limits on)" "$lost_calls API calls, $(fmt_ms "$lost_secs")" "with the journal: $journal_calls calls, $(fmt_ms "$journal_secs")" "(aim: same plan)"
fi
