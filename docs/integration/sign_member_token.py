#!/usr/bin/env python3
"""Signs a Cradle member token, as a brand's system does before opening a member page.

    python3 sign_member_token.py --workspace WORKSPACE_ID --secret SECRET --member M-1 \
        [--due-date 2027-05-01] [--hours 1]

Prints the token; open https://cradle.example/c/{slug}?t={token}. The owner finds the workspace
id and the secret on Cradle's "Integration" page (or GET /api/integration/member-secret).
Standard library only.
"""
import argparse
import hashlib
import hmac
import json
import time


def sign(secret: str, claims: dict) -> str:
    """hex(claims JSON) "." hex(HMAC-SHA256(secret, "member:" + hex(claims JSON)))"""
    payload = json.dumps(claims, separators=(",", ":")).encode().hex()
    mac = hmac.new(secret.encode(), b"member:" + payload.encode(), hashlib.sha256)
    return f"{payload}.{mac.hexdigest()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspace", required=True, help="the workspace id")
    parser.add_argument("--secret", required=True, help="the member-token secret")
    parser.add_argument("--member", required=True, help="the member's id in your system")
    parser.add_argument("--due-date", help="expected due date, YYYY-MM-DD")
    parser.add_argument("--hours", type=float, default=1, help="hours the token is valid")
    args = parser.parse_args()
    claims = {
        "workspace_id": args.workspace,
        "member": args.member,
        "expires_at": int((time.time() + args.hours * 3600) * 1000),
    }
    if args.due_date:
        claims["due_date"] = args.due_date
    print(sign(args.secret, claims))


if __name__ == "__main__":
    main()
