#!/usr/bin/env bash
# The curl side of the 'send' benchmark: one curl process per order, as a shell script posting
# a batch would do. Posts the first N payloads of PAYLOADS.tsv (PRODUCT<TAB>JSON lines).
#   curl_loop.sh BASE_URL PAYLOADS.tsv N
set -euo pipefail
base="$1" payloads="$2" count="$3"
placed=0 failed=0 sent=0
start=$EPOCHREALTIME
while IFS=$'\t' read -r product body && ((sent < count)); do
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/order/certificate/$product" \
    -H 'X-DC-DEVKEY: certorder-bench' -H 'Content-Type: application/json' --data-binary "$body")
  if [ "$status" = 201 ]; then placed=$((placed + 1)); else failed=$((failed + 1)); fi
  sent=$((sent + 1))
done <"$payloads"
end=$EPOCHREALTIME
echo "orders=$sent seconds=$(python3 -c "print($end - $start)") placed=$placed failed=$failed"
