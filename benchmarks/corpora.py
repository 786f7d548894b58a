"""Benchmark corpora, built reproducibly from text every Debian machine has offline.

Why build instead of download: the speed claims in the briefing were measured on
English prose, a 2%-attacked copy of it and legitimate multilingual text; anyone
must be able to rebuild the same kind of input on a machine without network and
compare numbers.  Everything is derived deterministically (string seeds, sorted
inputs) from the installed licence texts, the installed English man pages and the
evaluation set's legitimate texts (``eval/data/negative.jsonl``).  The set of
installed man pages differs between machines, so the manifest records each
file's SHA-256: equal hashes mean equal inputs.

Files go to ``benchmarks/data/v<VERSION>/`` (git-ignored) and are reused while
the version string and the build parameters are unchanged.  Run
``python benchmarks/corpora.py`` to build them (``--big`` adds the 1 GB file).

Sizes are in MB = 10^6 bytes of UTF-8.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import gzip
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

VERSION = "1"
"""Bump when any builder below changes what it writes; old caches are then ignored."""

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data" / f"v{VERSION}"
NEGATIVE = ROOT / "eval" / "data" / "negative.jsonl"
LICENSES = Path("/usr/share/common-licenses")
MAN_ROOT = Path("/usr/share/man")
MAN_SECTIONS = ("man1", "man5", "man7", "man8")

MB = 1_000_000
ENGLISH_BYTES = 20 * MB
MULTILINGUAL_BYTES = 5 * MB
UNIQUE_TARGET = 8 * MB
"""Unique English paragraph text to render before repeating (rendering costs ~1 s per 100 KB)."""
ATTACK_RATE = 0.02
BIG_BYTES = 1000 * MB

# Latin letter -> Cyrillic look-alike (lower and upper case of the same eleven letters).
SWAPS = {
    "a": "\u0430",
    "c": "\u0441",
    "e": "\u0435",
    "o": "\u043e",
    "p": "\u0440",
    "x": "\u0445",
    "y": "\u0443",
    "i": "\u0456",
    "s": "\u0455",
    "j": "\u0458",
    "h": "\u04bb",
    "A": "\u0410",
    "C": "\u0421",
    "E": "\u0415",
    "O": "\u041e",
    "P": "\u0420",
    "X": "\u0425",
    "Y": "\u04ae",
    "I": "\u0406",
    "S": "\u0405",
    "J": "\u0408",
    "H": "\u041d",
}
SWAP_TABLE = str.maketrans(SWAPS)
_SWAPPABLE = re.compile("[" + "".join(SWAPS) + "]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")

# Legitimate multilingual text: eval-set languages and categories, mixed in equal shares.
MULTILINGUAL_GROUPS: dict[str, tuple[str, ...]] = {
    "Russian": ("ru",),
    "Greek": ("el",),
    "Arabic": ("ar",),
    "Hindi": ("hi",),
    "CJK": ("zh_CN", "zh_TW", "zh_Hans", "zh_Hant", "zh_HK", "ja", "ko"),
}
EMOJI_GROUP = "emoji"  # every case whose category starts with "emoji"


def rng(*parts: object) -> random.Random:
    """A generator seeded from a string: identical on every machine and Python run."""
    return random.Random(":".join(["decloak-bench", VERSION, *map(str, parts)]))


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _write(path: Path, text: str) -> None:
    """Write atomically, so an interrupted build never leaves a half file in the cache."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(text.encode("utf-8"))
    tmp.replace(path)


# --------------------------------------------------------------------------- English


def _family(name: str) -> str:
    """``git-log.1.gz`` -> ``git``: pages of one program or suite share a family."""
    return re.split(r"[-_.]", name, maxsplit=1)[0].lower()


def _man_pages() -> list[Path]:
    """English man pages (top-level sections only), real files, no ``.so`` redirects.

    Ordered round-robin over families (one page of each family per round, families
    and pages in hash order) so that a suite with thousands of generated pages
    (e.g. 16,000 ``gcloud-*``) cannot crowd out everything else.
    """
    families: dict[str, list[Path]] = {}
    for section in MAN_SECTIONS:
        d = MAN_ROOT / section
        if not d.is_dir():
            continue
        for p in sorted(d.iterdir()):
            if p.is_symlink() or not p.is_file():
                continue
            try:
                opener = gzip.open if p.suffix == ".gz" else open
                with opener(p, "rb") as f:
                    head = f.read(256)
            except OSError:
                continue
            if head.startswith(b".so "):
                continue
            families.setdefault(_family(p.name), []).append(p)

    def h(s: str) -> str:
        return hashlib.sha256(s.encode()).hexdigest()

    queues = [
        sorted(pages, key=lambda p: h(p.name))
        for _, pages in sorted(families.items(), key=lambda kv: h(kv[0]))
    ]
    ordered: list[Path] = []
    for k in range(max(map(len, queues), default=0)):
        ordered.extend(q[k] for q in queues if k < len(q))
    return ordered


def render_man(path: Path) -> str:
    """A page as a reader sees it at 80 columns (no hyphenation, no justification)."""
    env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8", MAN_KEEP_FORMATTING="0")
    for var in ("MANPAGER", "PAGER", "MANROFFOPT"):
        env.pop(var, None)
    try:
        man = subprocess.run(
            ["man", "-E", "UTF-8", "--nh", "--nj", "-l", str(path)],
            capture_output=True,
            env=env,
            timeout=60,
            check=False,
        )
        col = subprocess.run(
            ["col", "-bx"], input=man.stdout, capture_output=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return col.stdout.decode("utf-8", "replace")


def paragraphs(text: str, drop_edges: bool = False) -> Iterator[str]:
    """Blank-line separated blocks that read as prose (mostly letters), right-stripped.

    ``drop_edges`` removes a rendered man page's header and footer lines.
    """
    lines = [line.rstrip() for line in text.splitlines()]
    if drop_edges:
        nonblank = [i for i, line in enumerate(lines) if line]
        if len(nonblank) >= 2:
            lines = lines[nonblank[0] + 1 : nonblank[-1]]
    block: list[str] = []
    for line in [*lines, ""]:
        if line:
            block.append(line)
            continue
        if block:
            para = "\n".join(block)
            block = []
            visible = [c for c in para if not c.isspace()]
            if (
                len(para) >= 40
                and "\ufffd" not in para
                and sum(c.isalpha() for c in visible) >= 0.6 * len(visible)
            ):
                yield para


def unique_english(log: bool = True) -> tuple[list[str], list[dict[str, str]]]:
    """De-duplicated prose paragraphs from the licences and rendered man pages, and their sources."""
    seen: set[str] = set()
    out: list[str] = []
    sources: list[dict[str, str]] = []
    total = 0

    def take(paras: Iterable[str]) -> int:
        nonlocal total
        added = 0
        for p in paras:
            key = " ".join(p.split())
            if key in seen:
                continue
            seen.add(key)
            out.append(p)
            added += 1
            total += len(p.encode("utf-8")) + 2
        return added

    for lic in sorted(LICENSES.iterdir()) if LICENSES.is_dir() else []:
        text = lic.read_text("utf-8", "replace") if lic.is_file() and not lic.is_symlink() else ""
        if text and take(paragraphs(text)):
            sources.append({"file": str(lic), "sha256": sha256_file(lic)})

    pages = _man_pages()
    t0 = last = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        batch = max(2, os.cpu_count() or 2) * 4
        for i in range(0, len(pages), batch):
            if total >= UNIQUE_TARGET:
                break
            chunk = pages[i : i + batch]
            for page, rendered in zip(chunk, pool.map(render_man, chunk), strict=True):
                if total >= UNIQUE_TARGET:
                    break
                if take(paragraphs(rendered, drop_edges=True)):
                    sources.append({"file": str(page), "sha256": sha256_file(page)})
            if log and time.monotonic() - last > 15:
                last = time.monotonic()
                print(
                    f"  rendered {i + len(chunk)} man pages, {total / MB:.1f} MB of unique "
                    f"paragraphs ({last - t0:.0f} s; once, then cached)",
                    file=sys.stderr,
                    flush=True,
                )
    return out, sources


def repeat_to(paras: list[str], target: int, seed: str, sep: str = "\n\n") -> str:
    """Shuffled passes over ``paras`` (a fresh order each pass) until ``target`` bytes.

    Stops before the paragraph that would pass the target, so the result ends on
    a whole paragraph and a newline.
    """
    out: list[str] = []
    size = 0
    step = len(sep.encode())
    rounds = 0
    while True:
        order = list(paras)
        rng(seed, rounds).shuffle(order)
        rounds += 1
        for p in order:
            n = len(p.encode("utf-8")) + step
            if size + n > target:
                return sep.join(out) + "\n"
            out.append(p)
            size += n


def count_letters(text: str) -> int:
    """Letters (``str.isalpha``) in ``text``, fast on mostly-ASCII input."""
    data = text.encode("ascii", "ignore")
    ascii_letters = sum(data.count(bytes([c])) for c in range(0x41, 0x7B) if chr(c).isalpha())
    other = sum(sum(ch.isalpha() for ch in run) for run in _NON_ASCII.findall(text))
    return ascii_letters + other


def attack(text: str, rate: float, seed: str) -> tuple[str, dict[str, int]]:
    """Swap exactly ``round(rate * letters)`` swappable letters for Cyrillic look-alikes.

    Positions are a uniform sample of the swappable letters, so swaps are spread
    over the whole text; the length in code points is unchanged (the clean
    original is the expected repair, position by position).
    """
    letters = count_letters(text)
    matches = [m.start() for m in _SWAPPABLE.finditer(text)]
    n = round(rate * letters)
    if n > len(matches):
        raise ValueError("not enough swappable letters for the requested rate")
    chosen = sorted(rng(seed).sample(range(len(matches)), n))
    chars = list(text)
    for k in chosen:
        pos = matches[k]
        chars[pos] = SWAPS[chars[pos]]
    return "".join(chars), {"letters": letters, "swappable": len(matches), "swaps": n}


# --------------------------------------------------------------------------- multilingual


def multilingual_groups(path: Path = NEGATIVE) -> dict[str, list[str]]:
    """Legitimate eval-set texts by group (Russian, Greek, Arabic, Hindi, CJK, emoji)."""
    by_lang = {lang: g for g, langs in MULTILINGUAL_GROUPS.items() for lang in langs}
    groups: dict[str, list[str]] = {g: [] for g in [*MULTILINGUAL_GROUPS, EMOJI_GROUP]}
    with path.open(encoding="utf-8") as f:
        for line in f:
            case = json.loads(line)
            if case.get("input") != case.get("expected") or case.get("category") == "bom":
                continue  # a byte order mark is legitimate only at offset 0 of a file
            if str(case.get("category", "")).startswith("emoji"):
                groups[EMOJI_GROUP].append(case["input"])
            elif case.get("lang") in by_lang:
                groups[by_lang[case["lang"]]].append(case["input"])
    return {g: texts for g, texts in groups.items() if texts}


def multilingual(target: int, path: Path = NEGATIVE) -> tuple[str, dict[str, int]]:
    """Texts of every group, interleaved so that each group gets an equal share of bytes.

    Each group is cycled through in a fresh shuffled order per pass; the next text
    always comes from the group with the fewest bytes so far.  Texts are separated
    by a blank line: each was judged legitimate on its own, and decloak weighs
    evidence per paragraph, so unrelated neighbours must not share one.
    """
    groups = multilingual_groups(path)
    iters: dict[str, Iterator[str]] = {}

    def cycle(name: str, texts: list[str]) -> Iterator[str]:
        rounds = 0
        while True:
            order = list(texts)
            rng("multilingual", name, rounds).shuffle(order)
            rounds += 1
            yield from order

    for name, texts in groups.items():
        iters[name] = cycle(name, texts)
    sizes = dict.fromkeys(groups, 0)
    out: list[str] = []
    total = 0
    while True:
        name = min(sizes, key=lambda g: (sizes[g], g))
        text = next(iters[name])
        n = len(text.encode("utf-8")) + 2
        if total + n > target:
            break
        out.append(text)
        sizes[name] += n
        total += n
    return "\n\n".join(out) + "\n", {f"bytes_{g}": s for g, s in sizes.items()} | {
        f"unique_texts_{g}": len(t) for g, t in groups.items()
    }


# --------------------------------------------------------------------------- adversarial


def _one_line(english: str, target: int) -> str:
    """English prose with every line break a space: one line, no newline at all."""
    flat = " ".join(english.split("\n"))
    while len(flat.encode("utf-8")) < target:
        flat = flat + " " + flat
    return flat.encode("utf-8")[:target].decode("utf-8", "ignore").rstrip()


def _prefix_paragraphs(english: str, target: int) -> str:
    cut = english.rfind("\n\n", 0, target)
    return english[: cut + 1 if cut > 0 else target]


ADV_N = 400_000
"""4x the nominal 10^5: the sizes timed (1/8 ... all of the file) are 0.5x, 1x, 2x and 4x."""

ADVERSARIAL: dict[str, str] = {
    "disguised": "English prose with every swappable letter (a c e o p x y i s j h, upper and "
    "lower case) Cyrillic; 4 MB",
    "long-line": "50 MB of English prose on one line, no newline",
    "combining": "4x10^5 combining marks (U+0300..U+036F cycling) on one base letter",
    "bidi": "4x10^5 bidi controls: RLO x PDF LRI y PDI repeated, no newline",
    "tags": "4x10^5 tag characters (English text spelled in U+E0020..U+E007E) between two words",
    "mixed-word": "one 4x10^5-letter word alternating Latin letters and Cyrillic look-alikes",
    "zwsp-words": "English prose with a ZERO WIDTH SPACE inside every word of 4+ letters; 4 MB",
}
"""Adversarial inputs; each file is the largest size timed, smaller sizes are its prefixes."""

# What each cached file depends on besides VERSION: a change rebuilds that file only.
PARAMS = {
    "english": f"{ENGLISH_BYTES}:{UNIQUE_TARGET}:{','.join(MAN_SECTIONS)}",
    "attacked": f"{ENGLISH_BYTES}:{ATTACK_RATE}",
    "multilingual": f"{MULTILINGUAL_BYTES}:blank-line:no-bom",
    **{name: f"{ADV_N}" for name in ("combining", "bidi", "tags", "mixed-word")},
    "big": f"{BIG_BYTES}",
}


def adversarial_text(name: str, english: str) -> str:
    if name == "disguised":
        return _prefix_paragraphs(english, 4 * MB).translate(SWAP_TABLE)
    if name == "long-line":
        return _one_line(english, 50 * MB)
    if name == "combining":
        return "Zalgo x" + "".join(chr(0x300 + k % 0x70) for k in range(ADV_N)) + " end.\n"
    if name == "bidi":
        unit = "\u202ex\u202c\u2066y\u2069"  # 4 controls per unit
        return "bidi: " + unit * (ADV_N // 4) + " end.\n"
    if name == "tags":
        src = [c for c in " ".join(english[: ADV_N * 2].split()) if 0x20 <= ord(c) < 0x7F]
        hidden = "".join(chr(0xE0000 + ord(c)) for c in src[:ADV_N])
        return "Hello" + hidden + " world.\n"
    if name == "mixed-word":
        latin = "paypal"
        cyr = "".join(SWAPS.get(c, c) for c in latin)
        word = "".join(latin[k % 6] if k % 2 else cyr[k % 6] for k in range(ADV_N))
        return "Login at " + word + " now.\n"
    if name == "zwsp-words":
        base = _prefix_paragraphs(english, 4 * MB)
        return re.sub(r"\b([A-Za-z]{2})([A-Za-z]{2,})", "\\1\u200b\\2", base)
    raise KeyError(name)


# --------------------------------------------------------------------------- cache


class Corpora:
    """Paths of the built corpora (building what is missing) and their manifest."""

    def __init__(self, data: Path = DATA, log: bool = True) -> None:
        self.data = data
        self.log = log
        self.manifest_path = data / "manifest.json"
        self.manifest: dict[str, object] = {}
        if self.manifest_path.exists():
            self.manifest = json.loads(self.manifest_path.read_text("utf-8"))

    def _say(self, msg: str) -> None:
        if self.log:
            print(msg, file=sys.stderr, flush=True)

    def _save(self) -> None:
        self.data.mkdir(parents=True, exist_ok=True)
        tmp = self.manifest_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.manifest, indent=1, sort_keys=True) + "\n", "utf-8")
        tmp.replace(self.manifest_path)

    def _record(self, name: str, path: Path, **info: object) -> None:
        files = self.manifest.setdefault("files", {})
        assert isinstance(files, dict)
        files[name] = {
            "file": path.name,
            "bytes": path.stat().st_size,
            "sha256": sha256_file(path),
            "params": PARAMS.get(name.removeprefix("adv-"), ""),
            **info,
        }
        self._save()

    def info(self, name: str) -> dict[str, object]:
        files = self.manifest.get("files", {})
        assert isinstance(files, dict)
        return dict(files.get(name, {}))

    def _have(self, name: str, path: Path) -> bool:
        """The file is there, whole, and was built with today's parameters."""
        info = self.info(name)
        return (
            path.exists()
            and info.get("bytes") == path.stat().st_size
            and info.get("params") == PARAMS.get(name.removeprefix("adv-"), "")
        )

    def english(self) -> Path:
        path = self.data / "english.txt"
        if not self._have("english", path):
            self.data.mkdir(parents=True, exist_ok=True)
            self._say("building English prose corpus (licences + man pages) ...")
            paras, sources = unique_english(self.log)
            unique_bytes = sum(len(p.encode()) + 2 for p in paras)
            _write(path, repeat_to(paras, ENGLISH_BYTES, "english"))
            self.manifest["english_sources"] = sources
            text = path.read_text("utf-8")
            self._record(
                "english",
                path,
                paragraphs=len(paras),
                unique_bytes=unique_bytes,
                man_pages=sum(1 for s in sources if "/man/" in s["file"]),
                letters=count_letters(text),
                non_ascii_chars=sum(len(r) for r in _NON_ASCII.findall(text)),
                description="English prose: /usr/share/common-licenses/* and English man pages "
                "(80 columns), de-duplicated paragraphs, shuffled passes to 20 MB",
            )
        return path

    def attacked(self) -> Path:
        path = self.data / "english-attacked.txt"
        if not self._have("attacked", path):
            self._say("building the 2%-attacked copy ...")
            text, counts = attack(self.english().read_text("utf-8"), ATTACK_RATE, "attacked")
            _write(path, text)
            self._record(
                "attacked",
                path,
                **counts,
                description="the English corpus with 2% of its letters swapped for Cyrillic "
                "look-alikes (uniform positions among swappable letters)",
            )
        return path

    def multilingual(self) -> Path:
        path = self.data / "multilingual.txt"
        if not self._have("multilingual", path):
            self._say("building the multilingual corpus ...")
            text, counts = multilingual(MULTILINGUAL_BYTES)
            _write(path, text)
            self._record(
                "multilingual",
                path,
                **counts,
                description="legitimate eval-set texts (Russian, Greek, Arabic, Hindi, CJK, "
                "emoji) in equal byte shares, one paragraph each, repeated in shuffled passes",
            )
        return path

    def adversarial(self, name: str) -> Path:
        path = self.data / f"adv-{name}.txt"
        key = f"adv-{name}"
        if not self._have(key, path):
            self._say(f"building adversarial input {name} ...")
            _write(path, adversarial_text(name, self.english().read_text("utf-8")))
            self._record(key, path, description=ADVERSARIAL[name])
        return path

    def big(self) -> Path:
        """The 1 GB memory-test file: the English corpus repeated, written streaming."""
        path = self.data / "big.txt"
        if not self._have("big", path):
            src = self.english().read_bytes()
            self._say(f"writing {BIG_BYTES / MB:.0f} MB file {path.name} ...")
            tmp = path.with_suffix(".tmp")
            with tmp.open("wb") as f:
                size = 0
                while size + len(src) <= BIG_BYTES:
                    f.write(src)
                    size += len(src)
                rest = src[: BIG_BYTES - size]
                f.write(rest[: rest.rfind(b"\n") + 1])
            tmp.replace(path)
            files = self.manifest.setdefault("files", {})
            assert isinstance(files, dict)
            files["big"] = {
                "file": path.name,
                "bytes": path.stat().st_size,
                "params": PARAMS["big"],
                "description": "the English corpus repeated to 1 GB (memory test)",
            }
            self._save()
        return path

    def all(self, big: bool = False) -> dict[str, Path]:
        paths = {
            "english": self.english(),
            "attacked": self.attacked(),
            "multilingual": self.multilingual(),
        }
        for name in ADVERSARIAL:
            paths[f"adv-{name}"] = self.adversarial(name)
        if big:
            paths["big"] = self.big()
        return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--big", action="store_true", help="also write the 1 GB memory-test file")
    args = ap.parse_args(argv)
    corpora = Corpora()
    for name, path in corpora.all(big=args.big).items():
        info = corpora.info(name)
        print(f"{name:18} {path.stat().st_size / MB:8.2f} MB  {str(info.get('sha256', ''))[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
