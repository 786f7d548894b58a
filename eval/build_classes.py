"""Build the four disguise-class sets of the accuracy issue, each with its legitimate counterpart.

Why: decloak's own evaluation was built alongside decloak, and it scores 1.000 on it.
These sets are built from the *whole* Unicode tables and from public attack tools, so
coverage does not depend on anyone's list of favourite characters:

1. ``lookalikes``: every character whose ``confusables.txt`` skeleton, or NFKC, is one
   ASCII letter or digit (1,771 in Unicode 18), once each, inside a word of real
   English prose; plus PyRIT's ``UnicodeConfusableConverter`` (whole sentences) and
   words mixing several Latin-script look-alikes (``m\u0269cr\u1d0fsoft``).
2. ``hosts``: host names, URLs and e-mail addresses in prose, spelled with dnstwist's
   homoglyph and whole-label Cyrillic fuzzers and with one look-alike from the whole
   table; expected output = the Latin host.
3. ``controls``: controls that change no display in left-to-right text: bidi isolates,
   embeddings and LRO around one word (PyRIT's ``BidiConverter`` schemes applied to a
   word), LRM/RLM/ALM inside words, LRM/RLM as the bits of a hidden fingerprint,
   PyRIT's ``SneakyBitsSmugglerConverter`` and ``ZeroWidthConverter``, soft hyphens
   splitting short words, and every format character (Cf) of Unicode 18 at the start,
   inside and at the end of a word and between words.  Each case is laid out with
   python-bidi: the display, controls removed, must equal the expected text, or the
   case is dropped (it would change what a reader sees).
4. ``code``: lone Cyrillic look-alikes in code and formula lines of an English document
   (``assert х < y``, ``f(х) dx``, ``р_k``, ``b"\\х02"``, ``%%х``), followed by an
   explanation line with genuine Greek letters that must stay.

Legitimate counterparts (expected output = input) come with each class: hand-written
text in ``class_snippets.py`` and, for class 1, real catalogue sentences of languages
that use these letters (Turkish, Azerbaijani, Hausa, Yoruba, Ewe, Fula, Wolof, Akan,
Vietnamese) drawn apart from the negative set.

Two draws: ``dev`` (seed ``classes-dev-1``) and ``heldout`` (seed ``classes-heldout-1``),
with English prose from disjoint source files (``english_pool.py``), domains split by a
hash of their name, and separately written snippets.  Tools: PyRIT 1.1.0 pulls in Azure
SDKs, SciPy, datasets, PyAV and ODBC, so its converters are re-implemented here from its
source (each a few lines; the confusable converter calls the real
``confusable_homoglyphs`` 3.3.1 exactly as PyRIT does); garak's ``badchars`` probe needs
torch and draws from ``intentional.txt``, which the main set already covers, so it is
not used; dnstwist 20250130 runs as published.  Substitutions are kept only when UTS #39
says they are look-alikes (same ``confusables.txt`` skeleton), the rule the main set
uses for SilverSpeak.

Run: ``make -C eval classes`` (``eval/.venv-tools``; needs the Debian sources).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import class_snippets as snip
import common
import domains_list
import english_pool
import ucd
from common import Case

SEEDS = {"dev": "classes-dev-1", "heldout": "classes-heldout-1"}
WORD = re.compile(r"[A-Za-z]+")
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")

CYRILLIC_FOR = {
    "a": "\N{CYRILLIC SMALL LETTER A}",
    "c": "\N{CYRILLIC SMALL LETTER ES}",
    "e": "\N{CYRILLIC SMALL LETTER IE}",
    "h": "\N{CYRILLIC SMALL LETTER SHHA}",
    "i": "\N{CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I}",
    "j": "\N{CYRILLIC SMALL LETTER JE}",
    "o": "\N{CYRILLIC SMALL LETTER O}",
    "p": "\N{CYRILLIC SMALL LETTER ER}",
    "s": "\N{CYRILLIC SMALL LETTER DZE}",
    "x": "\N{CYRILLIC SMALL LETTER HA}",
    "y": "\N{CYRILLIC SMALL LETTER U}",
}
BIDI_CONTROLS = frozenset(
    "\N{LEFT-TO-RIGHT EMBEDDING}\N{RIGHT-TO-LEFT EMBEDDING}\N{POP DIRECTIONAL FORMATTING}"
    "\N{LEFT-TO-RIGHT OVERRIDE}\N{RIGHT-TO-LEFT OVERRIDE}\N{LEFT-TO-RIGHT ISOLATE}"
    "\N{RIGHT-TO-LEFT ISOLATE}\N{FIRST STRONG ISOLATE}\N{POP DIRECTIONAL ISOLATE}"
    "\N{LEFT-TO-RIGHT MARK}\N{RIGHT-TO-LEFT MARK}\N{ARABIC LETTER MARK}"
)
#: Unpaired, these open a right-to-left context that reorders the rest of the line.
REORDERING_ALONE = frozenset(
    "\N{RIGHT-TO-LEFT EMBEDDING}\N{RIGHT-TO-LEFT OVERRIDE}\N{RIGHT-TO-LEFT ISOLATE}"
)


class Builder:
    def __init__(self, split: str) -> None:
        self.split = split
        self.seed = SEEDS[split]
        prose = english_pool.load(split, self.seed)
        sentences = []
        for src, para in prose.paragraphs:
            for s in SENTENCE_SPLIT.split(para):
                if 40 <= len(s) <= 260 and len(s.split()) >= 6 and s.isascii():
                    sentences.append((src, s))
        self.sentences = sentences
        self.paragraphs = prose.paragraphs
        self.attacks: dict[str, list[Case]] = {}
        self.legit: dict[str, list[Case]] = {}
        self.dropped: Counter[str] = Counter()
        print(f"{split}: {len(sentences)} sentences, {len(prose.paragraphs)} paragraphs")

    def rng(self, *parts: object) -> random.Random:
        return common.rng(self.seed, *parts)

    def add(
        self,
        klass: str,
        category: str,
        src: str,
        original: str,
        attacked: str,
        kinds: list[str],
        payload: str | None = None,
        lang: str = "en",
    ) -> None:
        cases = self.attacks.setdefault(klass, [])
        cases.append(
            Case(
                id=f"{klass}-{self.split}:{category}:{len(cases):05d}",
                category=category,
                lang=lang,
                source=src,
                input=attacked,
                expected=original,
                kinds=kinds,
                payload=payload,
            )
        )

    def add_legit(self, klass: str, category: str, src: str, text: str, lang: str) -> None:
        cases = self.legit.setdefault(klass, [])
        cases.append(
            Case(
                id=f"{klass}-legit-{self.split}:{category}:{len(cases):04d}",
                category=category,
                lang=lang,
                source=src,
                input=text,
                expected=text,
            )
        )

    # ------------------------------------------------------------------- class 1

    def lookalikes(self) -> None:
        r = self.rng("lookalikes")
        pool = list(self.sentences)
        r.shuffle(pool)
        digits = [("hand", s) for s in snip.DIGIT_SENTENCES[self.split]]
        start = 0
        for la in ucd.lookalikes():
            targets = {la.target} if la.via == "nfkc" else ucd.stands_for(la.target)
            kinds = ["compat-letter"] if la.via == "nfkc" else ["homoglyph"]
            # a sentence holding the target inside a word (or a number), searched in a
            # seeded order from a moving start so cases spread over the pool
            found = None
            for k in range(len(pool) + len(digits)):
                src, s = (pool + digits)[(start + k) % (len(pool) + len(digits))]
                spots = [
                    i
                    for i, ch in enumerate(s)
                    if ch in targets
                    and (
                        ch.isdigit()
                        or (i > 0 and s[i - 1].isalpha())
                        or (i + 1 < len(s) and s[i + 1].isalpha())
                    )
                ]
                if spots:
                    found = (src, s, r.choice(spots))
                    start = (start + k + 1) % len(pool)
                    break
            if found is None:
                self.dropped["lookalikes: no sentence holds the target"] += 1
                continue
            src, s, i = found
            self.add("lookalikes", la.group, src, s, s[:i] + la.char + s[i + 1 :], kinds)

    def latin_mix(self, n: int) -> None:
        """Words with 2-4 letters from the Latin script's own look-alikes (IPA, small caps)."""
        latin = [
            la
            for la in ucd.lookalikes()
            if la.group in ("latin-other", "small-capital") and la.target.islower()
        ]
        by_target: dict[str, list[str]] = {}
        for la in latin:
            by_target.setdefault(la.target, []).append(la.char)
        r = self.rng("latin-mix")
        pool = list(self.sentences)
        r.shuffle(pool)
        for src, s in pool:
            if n <= 0:
                break
            spots = [i for i, ch in enumerate(s) if ch in by_target]
            if len(spots) < 4:
                continue
            chosen = r.sample(spots, r.randint(2, 4))
            out = list(s)
            for i in chosen:
                out[i] = r.choice(by_target[s[i]])
            self.add("lookalikes", "latin-mix", src, s, "".join(out), ["homoglyph"])
            n -= 1

    def pyrit_confusable(self, n: int) -> None:
        """PyRIT ``UnicodeConfusableConverter`` (``confusable_homoglyphs`` source package):
        every character with homoglyphs is replaced by a random one of them.  Variants
        UTS #39 does not call look-alikes are skipped (``confusable_homoglyphs`` ships an
        older table that also lists loose pairs)."""
        from confusable_homoglyphs.confusables import is_confusable

        r = self.rng("pyrit-confusable")
        pool = [x for x in self.sentences if len(x[1]) <= 120]
        r.shuffle(pool)
        for src, s in pool[:n]:
            out = []
            for ch in s:
                found = is_confusable(ch, greedy=True) if ch.strip() else False
                variants = [h["c"] for item in found for h in item["homoglyphs"]] if found else []
                variants = [v for v in variants if len(v) == 1 and common.is_lookalike(ch, v)]
                out.append(r.choice(variants) if variants else ch)
            attacked = "".join(out)
            if attacked != s:
                kinds = sorted({"homoglyph", "compat-letter"})
                self.add("lookalikes", "pyrit-confusable", src, s, attacked, kinds)

    def lookalikes_legit(self) -> None:
        for lang, cat, text in snip.LATIN_LEGIT[self.split]:
            self.add_legit("lookalikes", cat, "hand", text, lang)
        # real catalogue sentences with letters beyond ASCII, apart from the negative set
        negatives = {c["input"] for c in common.read_jsonl(common.NEGATIVE_FILE)}
        sources = common.SourceFilter()
        special = set("ıİəƏɓɗƙƴƁƊƘƳɛɔƐƆŋŊ")
        for lang, quota in (
            ("tr", 8),
            ("az", 6),
            ("ha", 4),
            ("yo", 4),
            ("ee", 3),
            ("ff", 3),
            ("wo", 3),
            ("ak", 3),
            ("vi", 6),
        ):
            found: list[tuple[str, str]] = []
            folder = Path("/usr/share/locale") / lang / "LC_MESSAGES"
            for mo in sorted(folder.glob("*.mo")) if folder.is_dir() else []:
                if not sources.allows(mo):
                    continue
                for mid, s in common.mo_messages(mo.read_bytes()):
                    if (
                        s
                        and s != mid
                        and 20 <= len(s) <= 300
                        and s not in negatives
                        and "\n" not in s.strip()
                        and ((lang == "vi" and not s.isascii()) or special & set(s))
                        and english_pool.split_of(f"msg:{s}") == self.split
                        and not common.mixed_script_words(s)
                    ):
                        found.append((f"gettext:{lang}:{mo.stem}", s))
            found = sorted(set(found))
            self.rng("catalogue", lang).shuffle(found)
            for src, s in found[:quota]:
                self.add_legit("lookalikes", f"catalogue-{lang}", src, s, lang)

    # ------------------------------------------------------------------- class 2

    def hosts(self) -> None:
        import dnstwist
        import idna

        mine = [
            d
            for d in domains_list.TOP_DOMAINS
            if english_pool.split_of(f"domain:{d}") == self.split
        ]
        templates = snip.HOST_TEMPLATES[self.split]
        table = [la for la in ucd.lookalikes() if la.target.islower() or la.target.isdigit()]
        by_target: dict[str, list[ucd.Lookalike]] = {}
        for la in table:
            by_target.setdefault(la.target, []).append(la)
        r = self.rng("hosts")

        def emit(category: str, host: str, fake: str) -> None:
            t = r.choice(templates)
            self.add(
                "hosts",
                category,
                f"domain:{host}",
                t.format(host=host),
                t.format(host=fake),
                ["homoglyph"],
            )

        for host in mine:
            label, _, rest = host.partition(".")
            f = dnstwist.Fuzzer(host)
            f.generate(fuzzers=["homoglyph", "cyrillic"])
            variants: dict[str, list[str]] = {"homoglyph": [], "cyrillic": []}
            for p in f.permutations():
                try:
                    uni = idna.decode(p["domain"])
                except idna.IDNAError:
                    continue
                if uni == host or len(uni) != len(host) or uni.isascii():
                    continue
                pairs = [(a, b) for a, b in zip(host, uni, strict=True) if a != b]
                if all(not b.isascii() and common.is_lookalike(a, b) for a, b in pairs):
                    variants[p["fuzzer"]].append(uni)
                else:
                    # ASCII glyphs (``g00gle``), accented letters: not look-alikes by UTS #39
                    self.dropped["hosts: dnstwist permutations that are not look-alikes"] += 1
            for fuzzer in ("homoglyph", "cyrillic"):
                if variants[fuzzer]:
                    emit(f"dnstwist-{fuzzer}", host, r.choice(sorted(variants[fuzzer])))
            # one letter of the label from the whole table: Latin-script and any script
            spots = [i for i, ch in enumerate(label) if ch in by_target]
            for family, keep in (
                ("table-latin", lambda la: la.group in ("latin-other", "small-capital")),
                ("table-any", lambda la: True),
            ):
                choices = [(i, la) for i in spots for la in by_target[label[i]] if keep(la)]
                if choices:
                    i, la = r.choice(choices)
                    fake = label[:i] + la.char + label[i + 1 :] + "." + rest
                    emit(family, host, fake)

    def hosts_legit(self) -> None:
        r = self.rng("idn")
        for idn in domains_list.GENUINE_IDNS[self.split]:
            lang, t = r.choice(snip.IDN_TEMPLATES[self.split])
            self.add_legit("hosts", "genuine-idn", "hand", t.format(idn=idn), lang)
        for lang, text in snip.NATIVE_HOSTS[self.split]:
            self.add_legit("hosts", "native-script-host", "hand", text, lang)

    # ------------------------------------------------------------------- class 3

    def controls(self) -> None:
        from bidi import get_display

        cf = set(ucd.format_controls())

        def shows_as(text: str) -> str:
            shown = get_display(text, base_dir="L")
            return "".join(c for c in shown if c not in cf and c != "\N{SOFT HYPHEN}")

        r = self.rng("controls")
        pool = list(self.sentences)
        r.shuffle(pool)
        it = iter(pool * 3)

        def kinds_of(chars: str) -> list[str]:
            k = set()
            for c in chars:
                k.add("bidi" if c in BIDI_CONTROLS else "invisible")
            return sorted(k)

        def put(
            category: str,
            src: str,
            s: str,
            attacked: str,
            payload: str | None = None,
            extra: tuple[str, ...] = (),
        ) -> None:
            if shows_as(attacked) != s:
                self.dropped[f"controls: {category} changes the display"] += 1
                return
            added = "".join(c for c in attacked if c not in s or c in cf)
            self.add(
                "controls", category, src, s, attacked, sorted({*kinds_of(added), *extra}), payload
            )

        def word_spans(s: str) -> list[tuple[int, int]]:
            return [(m.start(), m.end()) for m in WORD.finditer(s)]

        # bidi pairs around one word (PyRIT BidiConverter schemes, and the LTR ones)
        pairs = {
            "pyrit-isolate": ("\N{RIGHT-TO-LEFT ISOLATE}", "\N{POP DIRECTIONAL ISOLATE}"),
            "pyrit-embedding": ("\N{RIGHT-TO-LEFT EMBEDDING}", "\N{POP DIRECTIONAL FORMATTING}"),
            "lri": ("\N{LEFT-TO-RIGHT ISOLATE}", "\N{POP DIRECTIONAL ISOLATE}"),
            "fsi": ("\N{FIRST STRONG ISOLATE}", "\N{POP DIRECTIONAL ISOLATE}"),
            "lre": ("\N{LEFT-TO-RIGHT EMBEDDING}", "\N{POP DIRECTIONAL FORMATTING}"),
            "lro": ("\N{LEFT-TO-RIGHT OVERRIDE}", "\N{POP DIRECTIONAL FORMATTING}"),
        }
        for name, (op, cl) in pairs.items():
            for _ in range(12):
                src, s = next(it)
                a, b = r.choice(word_spans(s))
                put(f"bidi-wrap-{name}", src, s, s[:a] + op + s[a:b] + cl + s[b:])
        # marks inside or around words
        marks = ("\N{LEFT-TO-RIGHT MARK}", "\N{RIGHT-TO-LEFT MARK}", "\N{ARABIC LETTER MARK}")
        for _ in range(50):
            src, s = next(it)
            out = s
            for _ in range(r.randint(1, 3)):
                a, b = r.choice(word_spans(out))
                i = r.randint(a, b)
                out = out[:i] + r.choice(marks) + out[i:]
            put("bidi-mark-in-word", src, s, out)
        # LRM = 0, RLM = 1 bits of an ASCII fingerprint, between two words
        bits = {"0": "\N{LEFT-TO-RIGHT MARK}", "1": "\N{RIGHT-TO-LEFT MARK}"}
        sneaky = {"0": "\N{INVISIBLE TIMES}", "1": "\N{INVISIBLE PLUS}"}
        for name, alphabet, extra in (
            ("mark-payload", bits, ("zero-width-payload",)),
            ("pyrit-sneaky-bits", sneaky, ("zero-width-payload",)),
        ):
            for fp in snip.MARK_PAYLOADS[self.split] * 3:
                src, s = next(it)
                spaces = [i for i, c in enumerate(s) if c == " "]
                i = r.choice(spaces)
                code = "".join(alphabet[b] for byte in fp.encode() for b in f"{byte:08b}")
                put(name, src, s, s[:i] + code + s[i:], payload=fp, extra=extra)
        # PyRIT ZeroWidthConverter on one word: a zero-width space between its letters
        for _ in range(20):
            src, s = next(it)
            a, b = r.choice([sp for sp in word_spans(s) if sp[1] - sp[0] >= 4])
            put(
                "pyrit-zero-width-word", src, s, s[:a] + "\N{ZERO WIDTH SPACE}".join(s[a:b]) + s[b:]
            )
        # soft hyphens splitting short words no hyphenator would break
        for _ in range(50):
            src, s = next(it)
            short = [sp for sp in word_spans(s) if 3 <= sp[1] - sp[0] <= 6]
            if not short:
                continue
            out = s
            for a, b in sorted(r.sample(short, min(len(short), r.randint(1, 2))), reverse=True):
                i = r.randint(a + 1, b - 1)
                out = out[:i] + "\N{SOFT HYPHEN}" + out[i:]
            put("soft-hyphen-short-word", src, s, out)
        # every format character, at four positions
        pcm = ucd.prop("Prepended_Concatenation_Mark")
        tags_kept = {0xE0001, 0xE0020, 0xE0041, 0xE007F}
        for ch in sorted(cf):
            cp = ord(ch)
            if cp in pcm or ch in REORDERING_ALONE:
                continue
            if 0xE0000 <= cp <= 0xE007F and cp not in tags_kept:
                continue
            for where in ("word-start", "word-inner", "word-end", "between-words"):
                src, s = next(it)
                spans = [sp for sp in word_spans(s) if sp[1] - sp[0] >= 3]
                a, b = r.choice(spans)
                i = {"word-start": a, "word-inner": r.randint(a + 1, b - 1), "word-end": b}.get(
                    where
                )
                if i is None:
                    i = r.choice([k for k, c in enumerate(s) if c == " "])
                put(f"format-{where}", src, s, s[:i] + ch + s[i:])

    def controls_legit(self) -> None:
        for lang, cat, text in snip.CONTROLS_LEGIT[self.split]:
            self.add_legit("controls", cat, "hand", text, lang)

    # ------------------------------------------------------------------- class 4

    def code(self) -> None:
        r = self.rng("code")
        paras = [p for p in self.paragraphs if len(p[1]) <= 400]
        r.shuffle(paras)
        k = 0
        slot = re.compile(r"\{([a-z])\}")
        for line in snip.CODE_LINES[self.split]:
            letters = sorted(set(slot.findall(line)))
            clean_line = slot.sub(lambda m: m.group(1), line).replace("{{", "{").replace("}}", "}")
            for rep in range(6):
                src, para = paras[k % len(paras)]
                k += 1
                expl = r.choice(snip.GREEK_EXPLANATIONS[self.split])
                doc = f"{para}\n\n{clean_line}\n\n{expl}"
                if rep == 0:
                    self.add_legit("code", "code-doc", src, doc, "en")
                letter = r.choice([c for c in letters if c in CYRILLIC_FOR] or letters)
                if letter not in CYRILLIC_FOR:
                    continue
                occurrences = [m.start() for m in slot.finditer(line) if m.group(1) == letter]
                every = rep in (2, 5) and len(occurrences) > 1

                # swap one occurrence, or (third and sixth copy) every occurrence
                target = set(occurrences) if every else {r.choice(occurrences)}
                out = []
                last = 0
                for m in slot.finditer(line):
                    out.append(line[last : m.start()])
                    out.append(CYRILLIC_FOR[letter] if m.start() in target else m.group(1))
                    last = m.end()
                out.append(line[last:])
                bad_line = "".join(out).replace("{{", "{").replace("}}", "}")
                category = "code-every" if every else "code-lone"
                self.add(
                    "code", category, src, doc, f"{para}\n\n{bad_line}\n\n{expl}", ["homoglyph"]
                )

    def code_legit(self) -> None:
        for lang, text in snip.NATIVE_MATHS[self.split]:
            self.add_legit("code", "native-maths", "hand", text, lang)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("dev", "heldout", "both"), default="both")
    ap.add_argument(
        "--seed",
        help="draw with this seed instead of the split's own (a fresh draw: a new development "
        "set, or a new held-out set to put aside before changing the engine); needs --out",
    )
    ap.add_argument("--out", type=Path, help="write the draw here, not to eval/data")
    args = ap.parse_args(argv)
    if args.seed and not args.out:
        ap.error("--seed needs --out: the committed draws keep their seeds")
    if args.seed and args.split == "both":
        ap.error("--seed needs one --split")
    for split in ("dev", "heldout") if args.split == "both" else (args.split,):
        if args.seed:
            SEEDS[split] = args.seed
        b = Builder(split)
        b.lookalikes()
        b.latin_mix(40 if split == "dev" else 60)
        b.pyrit_confusable(30 if split == "dev" else 45)
        b.lookalikes_legit()
        b.hosts()
        b.hosts_legit()
        b.controls()
        b.controls_legit()
        b.code()
        b.code_legit()
        folder = args.out or (common.DEV_DIR if split == "dev" else common.HELDOUT_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        for klass, cases in sorted(b.attacks.items()):
            for c in cases:
                assert c.input != c.expected, c.id
            n = common.write_jsonl(folder / f"class_{klass}.jsonl", cases)
            print(
                f"{split}: {klass}: {n} attacks {dict(sorted(Counter(c.category for c in cases).items()))}"
            )
        for klass, cases in sorted(b.legit.items()):
            n = common.write_jsonl(folder / f"class_{klass}_legit.jsonl", cases)
            print(
                f"{split}: {klass}: {n} legitimate {dict(sorted(Counter(c.category for c in cases).items()))}"
            )
        print(f"{split}: dropped {dict(b.dropped)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
