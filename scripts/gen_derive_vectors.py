#!/usr/bin/env python3
"""Generate tests/vectors/derive.json: reference outputs of deriveRunId computed with Python's
hashlib, so the Rust SHA-256 and base-36 encoding are checked against an independent
implementation of the documented algorithm (src/derive.rs).

Usage: python3 scripts/gen_derive_vectors.py > tests/vectors/derive.json
"""
import hashlib
import json

DOMAIN = b"wandb-resume/run-id/v1\0"
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def derive(key: str, length: int) -> str:
    n = int.from_bytes(hashlib.sha256(DOMAIN + key.encode("utf-8")).digest(), "big")
    n %= 36**length
    digits = []
    for _ in range(length):
        n, d = divmod(n, 36)
        digits.append(ALPHABET[d])
    return "".join(reversed(digits))


KEYS = [
    "12345-0", "12345-1", "12345", "slurm-987654-3", "train-llama-7b", "k8s/job/resnet50-run-2",
    "a", " ", "ä中🙂", "x" * 1000, "SLURM_JOB_ID=42", "\n", "job\0with\0nul",
]
LENGTHS = [1, 8, 12, 16, 32, 49]

cases = [{"key": k, "length": n, "id": derive(k, n)} for k in KEYS for n in LENGTHS]
print(json.dumps({"algorithm": "sha256(domain || utf8(key)) mod 36^length, base 36, alphabet " + ALPHABET,
                  "domain": DOMAIN.decode(), "cases": cases}, ensure_ascii=False, indent=1))
