"""Build ``eval/data/negative.jsonl``: legitimate text that must come back unchanged.

Why this set exists: a disguise detector is only useful if it leaves correct text
alone, and correct text in the world's scripts uses every character an attacker
uses.  So the negative set is built from *real translations* available offline
(gettext catalogues of installed Debian packages, Django's catalogues, Debian's
translated man pages) plus hand-written snippets for the legitimate uses of
joiners, marks, isolates and variation selectors that catalogues rarely show.

One objective filter is applied to catalogue text, and nothing else: a text with a
*mixed-script word* (letters of two or more of Latin, Cyrillic, Greek, Armenian in
one run of letters) is a typo in the catalogue; it goes to
``mixed_script_typos.jsonl`` instead.  Nothing is ever filtered on what decloak (or
any tool) does with a text.

Run: ``python eval/build_negative.py --django-wheel PATH`` (see ``eval/Makefile``).
Deterministic: inputs are listed in sorted order and sampled with fixed seeds.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
from common import Case
from negative_snippets import EMOJI_FRAMES, SNIPPETS

SEED = "decloak-negative-v1"


def set_seed(seed: str) -> None:
    """Use another seed for every draw (a held-out set to check for overfitting)."""
    global SEED
    SEED = seed


#: Languages the brief requires from the system catalogues; each gets PER_REQUIRED texts.
REQUIRED = (
    *("ru", "uk", "bg", "sr", "sr@latin", "el", "hy", "ka", "ar", "fa", "ur", "he", "hi", "bn"),
    *("ta", "ml", "si", "th", "ja", "zh_CN", "zh_TW", "ko", "vi", "tr", "pl", "cs", "de", "fr"),
    *("es", "pt_BR", "fi", "hu"),
)
PER_REQUIRED = 60
PER_OTHER = 12
PER_DJANGO = 12
PER_MAN_LANG = 30
MAN_PARAS_PER_PAGE = 2
MIN_PREFERRED, MAX_PREFERRED = 20, 400
MIN_SHORT = 4
#: Emoji sequences from emoji-test.txt per status group (see ``emoji_cases``).
EMOJI_PER_GROUP = 25

LOCALE_DIR = Path("/usr/share/locale")
MAN_DIR = Path("/usr/share/man")

#: English locales carry English text, which is not a translation.
SKIP_LOCALE_PREFIXES = ("en",)


def is_english_locale(lang: str) -> bool:
    return lang == "en" or lang.startswith(("en_", "en@"))


# --------------------------------------------------------------------------- sampling


class Sampler:
    """Draws texts per language, routing mixed-script typos aside.

    Candidates are grouped by catalogue (domain) and drawn round-robin across the
    domains, so one huge catalogue cannot fill a language's quota; preferred
    lengths (20-400 characters) are drawn first, shorter texts only to top up.
    """

    def __init__(self) -> None:
        self.kept: list[Case] = []
        self.typos: list[Case] = []
        self.seen: set[str] = set()

    def take(
        self,
        category: str,
        lang: str,
        per_domain: dict[str, list[str]],
        quota: int,
        source_prefix: str,
        max_len: int = MAX_PREFERRED,
    ) -> int:
        got = 0
        for preferred in (True, False):
            pools = {}
            for domain in sorted(per_domain):
                texts = sorted(
                    {
                        t
                        for t in per_domain[domain]
                        if MIN_SHORT <= len(t) <= max_len and (len(t) >= MIN_PREFERRED) == preferred
                    }
                )
                common.rng(SEED, category, lang, domain, preferred).shuffle(texts)
                if texts:
                    pools[domain] = texts
            while got < quota and pools:
                for domain in list(pools):
                    if got >= quota:
                        break
                    pool = pools[domain]
                    if not pool:
                        del pools[domain]
                        continue
                    text = pool.pop()
                    key = lang + "\0" + text
                    if key in self.seen:
                        continue
                    self.seen.add(key)
                    case = Case(
                        id="",
                        category=category,
                        lang=lang,
                        source=f"{source_prefix}:{domain}",
                        input=text,
                        expected=text,
                    )
                    if common.mixed_script_words(text):
                        self.typos.append(case)
                        continue
                    self.kept.append(case)
                    got += 1
            if got >= quota:
                break
        return got


# --------------------------------------------------------------------------- gettext


def gettext_catalogues(root: Path, sources: common.SourceFilter) -> dict[str, dict[str, list[str]]]:
    """``{lang: {domain: [msgstr, ...]}}`` from ``root/*/LC_MESSAGES/*.mo``."""
    out: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for mo in sorted(root.glob("*/LC_MESSAGES/*.mo")):
        lang = mo.parent.parent.name
        if is_english_locale(lang) or not sources.allows(mo):
            continue
        try:
            data = mo.read_bytes()
        except OSError:
            continue
        texts = [s for mid, s in common.mo_messages(data) if s and s != mid]
        if texts:
            out[lang][mo.stem] = texts
    return out


def django_catalogues(wheel: Path) -> dict[str, dict[str, list[str]]]:
    """``{lang: {app: [msgstr, ...]}}`` from the ``.mo`` files inside Django's wheel."""
    out: dict[str, dict[str, list[str]]] = defaultdict(dict)
    with zipfile.ZipFile(wheel) as zf:
        for name in sorted(zf.namelist()):
            if not name.endswith(".mo") or "/LC_MESSAGES/" not in name:
                continue
            parts = name.split("/")
            lang = parts[parts.index("LC_MESSAGES") - 1]
            if is_english_locale(lang):
                continue
            app = "core" if parts[1] == "conf" else parts[2]
            domain = f"{app}/{parts[-1][:-3]}"
            texts = [s for mid, s in common.mo_messages(zf.read(name)) if s and s != mid]
            if texts:
                out[lang].setdefault(domain, []).extend(texts)
    return out


# --------------------------------------------------------------------------- man pages


_SENTENCE_END = tuple(".!?:;。！？．」)）")


def prose_like(text: str) -> bool:
    """A body paragraph of prose: ends like a sentence and is mostly letters."""
    if not text.endswith(_SENTENCE_END):
        return False
    chars = [c for c in text if not c.isspace()]
    letters = sum(1 for c in chars if unicodedata.category(c)[0] in "LM")
    return bool(chars) and letters / len(chars) >= 0.6


def man_catalogues(root: Path, sampler: Sampler, sources: common.SourceFilter) -> Counter[str]:
    """Sample prose paragraphs of each language's translated man pages."""
    counts: Counter[str] = Counter()
    langs = sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("man"))
    for lang in langs:
        pages = sorted(p for p in (root / lang).glob("man*/*") if p.is_file() and sources.allows(p))
        common.rng(SEED, "man", lang).shuffle(pages)
        for page in pages:
            if counts[lang] >= PER_MAN_LANG:
                break
            paras = [
                p
                for p in common.man_paragraphs(common.render_man(page))
                if 30 <= len(p) <= 600 and prose_like(p)
            ]
            common.rng(SEED, "man", lang, page.name).shuffle(paras)
            name = f"{page.parent.name}/{page.name}"
            got = sampler.take(
                "manpage",
                lang,
                {name: paras},
                min(MAN_PARAS_PER_PAGE, PER_MAN_LANG - counts[lang]),
                f"man:{lang}",
                max_len=600,
            )
            counts[lang] += got
    return counts


# --------------------------------------------------------------------------- snippets


def emoji_sequences(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Fully-qualified emoji from ``emoji-test.txt``, grouped by structure.

    Groups: ``zwj`` (contains U+200D), ``tag`` (tag sequences), ``keycap``,
    ``flag`` (regional indicator pairs), ``modifier`` (skin tone, no ZWJ),
    ``vs16`` (ends in U+FE0F, single base) and ``basic``.
    """
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if "; fully-qualified" not in line:
                continue
            cps = [int(c, 16) for c in line.split(";")[0].split()]
            name = line.split("#", 1)[1].strip().split(" ", 2)[-1]
            seq = "".join(map(chr, cps))
            if 0x200D in cps:
                group = "zwj"
            elif any(0xE0020 <= c <= 0xE007F for c in cps):
                group = "tag"
            elif 0x20E3 in cps:
                group = "keycap"
            elif all(0x1F1E6 <= c <= 0x1F1FF for c in cps):
                group = "flag"
            elif any(0x1F3FB <= c <= 0x1F3FF for c in cps):
                group = "modifier"
            elif cps[-1] == 0xFE0F:
                group = "vs16"
            else:
                group = "basic"
            groups[group].append((seq, name))
    return groups


def emoji_cases(path: Path) -> list[Case]:
    """Real emoji sequences embedded in short sentences of many languages."""
    cases = []
    groups = emoji_sequences(path)
    for group in sorted(groups):
        seqs = list(groups[group])
        r = common.rng(SEED, "emoji", group)
        r.shuffle(seqs)
        for seq, name in seqs[:EMOJI_PER_GROUP]:
            lang, frame = r.choice(EMOJI_FRAMES)
            text = frame.format(e=seq)
            cases.append(
                Case(
                    id="",
                    category=f"emoji-{group}",
                    lang=lang,
                    source=f"emoji-test.txt:{name}",
                    input=text,
                    expected=text,
                )
            )
    return cases


def snippet_cases() -> list[Case]:
    return [
        Case(id="", category=cat, lang=lang, source="hand", input=text, expected=text)
        for cat, lang, text in SNIPPETS
    ]


# --------------------------------------------------------------------------- main


def number(cases: Iterable[Case], prefix: str) -> list[Case]:
    out = []
    per: Counter[str] = Counter()
    for case in cases:
        key = f"{prefix}-{case.category}-{case.lang or 'und'}"
        per[key] += 1
        case.id = f"{key}-{per[key]:03d}"
        out.append(case)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--django-wheel", type=Path, required=True, help="Django wheel file")
    ap.add_argument("--locale-dir", type=Path, default=LOCALE_DIR)
    ap.add_argument("--man-dir", type=Path, default=MAN_DIR)
    ap.add_argument("--out", type=Path, default=common.NEGATIVE_FILE)
    ap.add_argument("--typos", type=Path, default=common.TYPOS_FILE)
    ap.add_argument(
        "--sources",
        type=Path,
        default=common.SOURCES_FILE,
        help="read only these Debian packages' files (default: data/source-packages.txt)",
    )
    ap.add_argument(
        "--seed",
        default=SEED,
        help="sampling seed; another value draws a fresh, held-out set (default: the committed one)",
    )
    args = ap.parse_args(argv)
    set_seed(args.seed)

    sources = common.SourceFilter(args.sources)
    for problem in sources.problems():
        print("warning:", problem)
    sampler = Sampler()
    gt = gettext_catalogues(args.locale_dir, sources)
    missing = sorted(lang for lang in REQUIRED if lang not in gt)
    for lang in sorted(gt):
        quota = PER_REQUIRED if lang in REQUIRED else PER_OTHER
        sampler.take("gettext", lang, gt[lang], quota, "gettext")
    dj = django_catalogues(args.django_wheel)
    for lang in sorted(dj):
        sampler.take("django", lang, dj[lang], PER_DJANGO, "django")
    man_catalogues(args.man_dir, sampler, sources)

    cases = number(sampler.kept, "neg")
    cases += number(snippet_cases(), "neg")
    cases += number(emoji_cases(common.unicode_dir() / "emoji" / "emoji-test.txt"), "neg")
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for c in cases:
        assert c.input == c.expected and not c.kinds

    n = common.write_jsonl(args.out, cases)
    t = common.write_jsonl(args.typos, number(sampler.typos, "typo"))
    print(f"wrote {n} negative cases to {args.out}, {t} mixed-script typos to {args.typos}")
    if missing:
        print("required languages missing from the system catalogues:", " ".join(missing))
    by_cat = Counter(c.category for c in cases)
    print("by category:", dict(sorted(by_cat.items())))
    print("languages:", len({c.lang for c in cases}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
