"""Python side of the 'send' benchmark: post every payload of PAYLOADS.tsv (PRODUCT<TAB>JSON
lines) one after another over one keep-alive requests.Session, and read each 201 answer's id,
as CertOrderBench's send mode does with CertCentralClient.

  send_requests.py BASE_URL PAYLOADS.tsv"""
import sys
import time

import requests

base, path = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    payloads = [line.rstrip("\n").split("\t", 1) for line in f if line.strip()]

session = requests.Session()
session.headers.update({"X-DC-DEVKEY": "certorder-bench", "Content-Type": "application/json",
                        "User-Agent": "bench-python"})
placed = failed = 0
start = time.perf_counter()
for product, body in payloads:
    answer = session.post("%s/order/certificate/%s" % (base, product), data=body.encode("utf-8"))
    if answer.status_code == 201 and answer.json().get("id"):
        placed += 1
    else:
        failed += 1
elapsed = time.perf_counter() - start
print("orders=%d seconds=%f placed=%d failed=%d" % (len(payloads), elapsed, placed, failed))
