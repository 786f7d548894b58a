"""Fingerprint of everything the engine decides, to prove a refactor changes nothing.

Runs ``decloak.scan`` and ``decloak.clean`` under every profile over the evaluation
set, the golden cases, the benchmark corpora (when built: ``python
benchmarks/corpora.py``) and a seeded random mix of the characters the engine
treats specially, and prints one SHA-256 per input group, with and without the
explanation texts (so a change of wording can be told apart from a change of
decision)::

    python scripts/engine_fingerprint.py > before.json
    ... change the engine ...
    python scripts/engine_fingerprint.py > after.json && diff before.json after.json

Run it under ``DECLOAK_PURE_PYTHON=1`` too: both kernels must print the same.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import decloak
from decloak.config import PROFILES

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATA = ROOT / "benchmarks" / "data" / "v1"
BENCH_FILES = {
    # file: how many characters of it (the 20 MB English file repeats itself)
    "english.txt": 2_000_000,
    "english-attacked.txt": 3_000_000,
    "multilingual.txt": 5_000_000,
    "adv-disguised.txt": 2_000_000,
    "adv-long-line.txt": 2_000_000,
    "adv-combining.txt": None,
    "adv-bidi.txt": None,
    "adv-tags.txt": None,
    "adv-mixed-word.txt": None,
    "adv-zwsp-words.txt": 2_000_000,
}

# Characters the engine judges: look-alikes, joiners, controls, bidi, selectors, tags,
# compatibility letters, combining marks, right-to-left and spaceless scripts.
_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyz ABCEHOPX019.,:/-'\n\n\t"
    "аеорсухіјѕһԁАВЕКМНОРСТХ"  # Cyrillic look-alikes
    "бгджзлпфцчшщыэюя"  # Cyrillic with no Latin look-alike
    "αοικνρτυχΑΒΕΗΙΚΜΝΟΡΤΥΧλπσ"  # Greek
    "օսհ"  # Armenian
    "ɑɡɩɪʏᴄᴏꜱᴜᴡᴢıⅰⅼⅾ"  # Latin and symbol look-alikes
    "𝐚𝑎𝒂ａｂＡ𝟎ℎ"  # compatibility forms
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u034f\u180e\u3164\u2800"  # invisibles
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"  # bidi
    "\ufe0f\ufe0e\U000e0100\U000e0041\U000e0062\U000e007f\U0001f3f4"  # selectors, tags
    "\x08\x7f\x1b\x00\x92\r"  # controls
    "\u0301\u0308"  # combining marks
    "שלוםمرحبا"  # right-to-left
    "ไทยភាសា"  # spaceless scripts
    "日本語テスト"  # CJK
    "می\u200cخواهم👨\u200d👩\u200d👧❤\ufe0f"
)


def _jsonl(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)["input"]


def _golden(path: Path) -> Iterator[str]:
    for case in json.loads(path.read_text(encoding="utf-8")):
        yield case["input"]


def _random(n: int, seed: int) -> Iterator[str]:
    rnd = random.Random(seed)
    for _ in range(n):
        k = rnd.randint(1, 40)
        yield "".join(rnd.choice(_ALPHABET) for _ in range(k))


def _words(n: int, seed: int) -> Iterator[str]:
    """Words of English and Russian with one or two letters swapped, in sentences."""
    rnd = random.Random(seed)
    en = [
        "the",
        "card",
        "said",
        "paypal",
        "apple",
        "account",
        "secure",
        "login",
        "please",
        "verify",
        "over",
    ]
    ru = ["привет", "мир", "сервер", "пароль", "книга", "город", "вход", "данные"]
    look = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у", "x": "х", "i": "і"}
    back = {v: k for k, v in look.items()}
    for _ in range(n):
        words = []
        for _ in range(rnd.randint(1, 12)):
            w = rnd.choice(en if rnd.random() < 0.6 else ru)
            table = look if w.isascii() else back
            chars = list(w)
            for _ in range(rnd.randint(0, 2)):
                k = rnd.randrange(len(chars))
                chars[k] = table.get(chars[k], chars[k])
            words.append("".join(chars))
        yield " ".join(words)


def groups() -> Iterator[tuple[str, Iterable[str]]]:
    ev = ROOT / "eval" / "data"
    for name in ("attacks", "negative", "mixed_script_typos"):
        path = ev / f"{name}.jsonl"
        if path.exists():
            yield f"eval/{name}", _jsonl(path)
    for name in ("attacks", "negative"):
        yield f"golden/{name}", _golden(ROOT / "tests" / "cases" / f"{name}.json")
    yield "random", _random(30_000, 18)
    yield "words", _words(10_000, 18)
    for fname, limit in BENCH_FILES.items():
        path = BENCH_DATA / fname
        if path.exists():
            text = path.read_text(encoding="utf-8")
            yield f"bench/{fname}", [text[:limit] if limit else text]


def fingerprint(texts: Iterable[str]) -> dict[str, str]:
    decisions = hashlib.sha256()
    explanations = hashlib.sha256()
    n = 0
    for text in texts:
        n += 1
        for name, cfg in PROFILES.items():
            cleaned = decloak.clean(text, cfg)
            decisions.update(f"{name}\x00{cleaned.text}\x00".encode("utf-8", "surrogatepass"))
            for f in cleaned.findings:
                row = (f.start, f.end, f.kind.value, f.replacement, f.confidence, f.payload)
                decisions.update(repr((row, f.repaired)).encode("utf-8", "surrogatepass"))
                explanations.update(f.explanation.encode("utf-8", "surrogatepass"))
            report = decloak.scan(text, cfg)
            decisions.update(repr((report.score, report.suspicious)).encode())
    return {
        "texts": str(n),
        "decisions": decisions.hexdigest(),
        "explanations": explanations.hexdigest(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="only groups whose name contains this")
    args = ap.parse_args(argv)
    from decloak import kernel

    out: dict[str, object] = {"kernel": "C" if kernel.HAVE_C else "pure"}
    for name, texts in groups():
        if args.only and args.only not in name:
            continue
        out[name] = fingerprint(texts)
        print(f"{name}: done", file=sys.stderr)
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
