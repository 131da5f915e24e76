"""Python side of the 'csv' benchmark: what `certorder compile batch.order` does for the script
make_batch.py writes, as the Python a team would write instead: read the CSV, build one dict per
row with a function (the recipe), print the JSON array (certorder's pretty layout, so the two
outputs can be compared byte for byte). Unlike certorder, it validates nothing."""
import csv
import json
import os
import sys

ORG = 123456


def dev_token(id, name, addr1, city, state, zip, country="us", method="standard"):
    return {
        "certificate": {"server_platform": {"id": 52}, "signature_hash": "sha256"},
        "cs_provisioning_method": "ship_token",
        "validity_years": 1,
        "comments": "Token for %s" % name,
        "organization": {"id": ORG},
        "container": {"id": 654321},
        "ship_info": {"name": name, "addr1": addr1, "city": city, "state": state, "zip": zip,
                      "country": country, "method": method.upper()},
        "custom_fields": [{"metadata_id": 12, "value": id}],
        "payment_method": "balance",
    }


directory = sys.argv[1]
with open(os.path.join(directory, "devs.csv"), newline="", encoding="utf-8") as f:
    orders = [dev_token(d["id"], d["name"], d["addr1"], d["city"], d["state"], d["zip"], country=d["country"])
              for d in csv.DictReader(f)]
sys.stdout.write(json.dumps(orders, indent=2, ensure_ascii=False) + "\n")
