"""Python side of the 'orders' benchmark: build the same N payloads as
Sources/CertOrderBench/OrderWorkload.swift and json.dumps each (compact, UTF-8)."""
import json
import sys
import time

CITIES = ["Richmond", "Zürich", "Lyon", "Austin", "Osaka"]


def order(i):
    cert = {}
    if i % 5 == 0:
        cert["organization_units"] = ["Engineering", "Team %d" % (i % 13)]
    cert["server_platform"] = {"id": -1 if i % 7 == 0 else 52}
    cert["signature_hash"] = "sha256"
    ship = {"name": "Developer %d" % i, "addr1": "%d Main Street" % i}
    if i % 4 == 0:
        ship["addr2"] = "Floor %d" % (i % 90)
    ship.update({"city": CITIES[i % len(CITIES)], "state": "va", "zip": str(10000 + i % 90000),
                 "country": "us", "method": "EXPEDITED" if i % 10 == 0 else "STANDARD"})
    return {
        "certificate": cert,
        "cs_provisioning_method": "ship_token",
        "validity_years": 1 + i % 3,
        "comments": 'Order %d for "release" – ünïcode' % i,
        "skip_approval": i % 3 == 0,
        "organization": {"id": 100000 + i % 1000},
        "container": {"id": 654321},
        "ship_info": ship,
        "auto_renew": i % 2,
        "custom_fields": [{"metadata_id": 12, "value": str(i)}],
        "payment_method": "balance",
    }


count = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
start = time.perf_counter()
total = 0
for i in range(count):
    total += len(json.dumps(order(i), separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
elapsed = time.perf_counter() - start
print("orders=%d seconds=%f bytes=%d" % (count, elapsed, total))
