#!/usr/bin/env python3
"""PyJWT side of tests/interop.rs: JSON in on stdin, JSON out on stdout.

Input:  {"secret_hex": "...", "ops": [
           {"op": "mint",   "id": "...", "kid": "...", "claims": {...}},
           {"op": "verify", "id": "...", "token": "..."}]}
Output: {"library": "PyJWT", "version": "...", "results": [
           {"id": "...", "ok": true, "token": "..."},                        # mint
           {"id": "...", "ok": true, "claims": {...}, "header": {...}},      # verify
           {"id": "...", "ok": false, "error": "InvalidSignatureError: ..."}]}

Verification is exactly `jwt.decode(token, secret, algorithms=["HS256"])`, so
PyJWT checks the signature and exp/nbf/iat against the real clock.
"""
import json
import sys

import jwt


def run(op, secret):
    if op["op"] == "mint":
        token = jwt.encode(op["claims"], secret, algorithm="HS256", headers={"kid": op["kid"]})
        return {"ok": True, "token": token}
    if op["op"] == "verify":
        try:
            claims = jwt.decode(op["token"], secret, algorithms=["HS256"])
            header = jwt.get_unverified_header(op["token"])
        except jwt.exceptions.PyJWTError as e:
            return {"ok": False, "error": f"{type(e).__name__}: {e}"}
        return {"ok": True, "claims": claims, "header": header}
    raise ValueError(f"unknown op {op['op']!r}")


def main():
    request = json.load(sys.stdin)
    secret = bytes.fromhex(request["secret_hex"])
    results = []
    for op in request["ops"]:
        result = run(op, secret)
        result["id"] = op["id"]
        results.append(result)
    json.dump({"library": "PyJWT", "version": jwt.__version__, "results": results}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
