#!/usr/bin/env python3
"""Compare the reporter page a live server serves with the hash manifest the team signed.

    python3 check-live-assets.py TEAM-BUNDLE-OR-MANIFEST.json https://klachtenbalie.example/

The first argument is the team's OWN copy of a signed bundle (bundles/team-bundle-vN.json from the
ceremony, or the release's asset-manifest.json) -- never the copy the server serves, which is what
is being checked. Every asset listed is fetched and its SHA-256 compared; anything different,
missing or extra on the page is reported and the exit code is 1. Run it from the online transfer
machine (or over Tor: torsocks python3 ... http://....onion/) after every upgrade and at random.

This checks what the server serves to YOU at this moment. A hostile server can serve different
files to different visitors; the check makes a silent swap risky, it cannot rule it out
(docs/threat-model.md). No third-party Python packages are needed.
"""
import base64, hashlib, json, sys, urllib.request


def manifest(path):
    with open(path, "rb") as f:
        doc = json.load(f)
    if set(doc) == {"payload", "signature"}:  # a signed team bundle: the manifest is its "assets"
        return json.loads(base64.b64decode(doc["payload"], validate=True))["assets"]
    return doc  # a bare asset-manifest.json: path -> sha256-<b64>


def fetch(url):
    req = urllib.request.Request(url, headers={"User-Agent": "klachtenbalie-asset-check"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.read()


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    assets = manifest(argv[1])
    base = argv[2].rstrip("/") + "/"
    bad = 0
    for path, want in sorted(assets.items()):
        try:
            body = fetch(base + path)
        except Exception as e:  # a missing asset is as bad as an altered one
            print(f"MISSING  {path}: {e}")
            bad += 1
            continue
        got = "sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode()
        if got != want:
            print(f"CHANGED  {path}")
            bad += 1
    try:
        index = fetch(base)
        if "index.html" in assets and hashlib.sha256(index).digest() != base64.b64decode(assets["index.html"][7:]):
            print("CHANGED  / (the start page differs from index.html)")
            bad += 1
    except Exception as e:
        print(f"MISSING  /: {e}")
        bad += 1
    if bad:
        print(f"ALARM: {bad} asset(s) differ from the signed manifest. Tell the team; see docs/operator-guide.md.")
        return 1
    print(f"ok: {len(assets)} assets match the signed manifest")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
