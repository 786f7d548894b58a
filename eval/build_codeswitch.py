"""Build the code-switching rows: Latin brands declined with Cyrillic endings, and the attack side.

Why: Russian, Ukrainian, Belarusian, Serbian, Bulgarian and Kazakh writers decline
Latin brand and product names with Cyrillic endings (``в GitHubе``, ``на Pythonе``,
``Facebook'е``, ``Instagram-да``) and glue English suffixes that are words to
Cyrillic names (``Lake Пачоview``).  That is real text, everywhere in forums, chats
and comments; a tool that "repairs" it damages what corpus curators keep.  The
opposite cases must still be repaired: English prose with Cyrillic look-alikes at
word ends (the scraped-article disguise).  Both sides are built here, from
sentence templates written for this set, so nothing was picked by looking at what
any tool does.

Two draws, disjoint in everything a tool could learn from:

* **dev** (``data/dev/``): the DEV templates and DEV brands, seed ``codeswitch-dev-1``;
  the lead may study and tune on these cases;
* **held-out** (``data/heldout/``): other templates, a brand list disjoint from the
  dev one, other place-name stems and suffixes, seed ``codeswitch-heldout-1``, and
  English prose from other source files (``english_pool.py``); report aggregates only.

Each language has the case endings its writers use after a Latin stem (consonant-
final brands only, so the endings are regular; Kazakh endings follow vowel harmony
and the stem's last sound).  An ending is written plain, after a hyphen or after an
apostrophe, in the proportions given per language.

Run: ``python eval/build_codeswitch.py`` (both draws; the English prose needs the
Debian sources of ``data/source-packages.txt``).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
from common import Case

SEEDS = {"dev": "codeswitch-dev-1", "heldout": "codeswitch-heldout-1"}

# --------------------------------------------------------------------------- brands

#: Consonant-final brand and product names (so the endings are regular), disjoint lists.
BRANDS = {
    "dev": [
        "GitHub",
        "Python",
        "Excel",
        "Instagram",
        "Facebook",
        "Telegram",
        "Discord",
        "Photoshop",
        "Slack",
        "Zoom",
        "LinkedIn",
        "Notion",
        "WordPress",
        "Twitter",
        "TikTok",
        "Steam",
        "Docker",
        "Firefox",
        "Outlook",
        "Gmail",
        "PowerPoint",
        "Reddit",
        "Twitch",
    ],
    "heldout": [
        "GitLab",
        "Rust",
        "Viber",
        "WhatsApp",
        "Signal",
        "Snapchat",
        "Pinterest",
        "Dropbox",
        "Netflix",
        "Uber",
        "Airbnb",
        "Kotlin",
        "Blender",
        "Postman",
        "Jenkins",
        "Terraform",
        "Tinder",
        "Shazam",
        "Booking",
        "PayPal",
        "Bitbucket",
        "Vercel",
        "Wolt",
    ],
}
#: Countable products, for plural slots.
PRODUCTS = {
    "dev": ["MacBook", "ThinkPad", "Pixel", "Chromebook"],
    "heldout": ["iPad", "ZenBook", "IdeaPad", "Nexus", "Walkman"],
}
#: Cyrillic name stems and English suffixes that are words (``Lake Пачоview``).
PLACES = {
    "dev": (["Пачо", "Динна", "Калина", "Марица"], ["view", "ville"], ["Lake", "Port", ""]),
    "heldout": (
        ["Божур", "Вихрен", "Струма", "Тунджа"],
        ["shire", "field", "town", "wood"],
        ["Bay", "Green", "Old", ""],
    ),
}

# --------------------------------------------------------------------------- endings

VELAR = ("k", "g")


def _ru(stem: str, case: str) -> str:
    velar = stem.lower().endswith(VELAR)
    return {
        "nom": "",
        "acc": "",
        "gen": "а",
        "dat": "у",
        "ins": "ом",
        "loc": "е",
        "pl_nom": "и" if velar else "ы",
        "pl_gen": "ов",
        "pl_ins": "ами",
        "pl_loc": "ах",
    }[case]


def _uk(stem: str, case: str) -> str:
    velar = stem.lower().endswith(VELAR)
    return {
        "nom": "",
        "acc": "",
        "gen": "у",
        "dat": "у",
        "ins": "ом",
        "loc": "у" if velar else "і",
        "pl_nom": "и",
        "pl_gen": "ів",
        "pl_ins": "ами",
        "pl_loc": "ах",
    }[case]


def _be(stem: str, case: str) -> str:
    velar = stem.lower().endswith(VELAR)
    return {
        "nom": "",
        "acc": "",
        "gen": "у",
        "dat": "у",
        "ins": "ам",
        "loc": "у" if velar else "е",
        "pl_nom": "і" if velar else "ы",
        "pl_gen": "аў",
        "pl_ins": "амі",
        "pl_loc": "ах",
    }[case]


def _sr(stem: str, case: str) -> str:
    return {
        "nom": "",
        "acc": "",
        "gen": "а",
        "dat": "у",
        "ins": "ом",
        "loc": "у",
        "pl_nom": "и",
        "pl_gen": "а",
        "pl_ins": "има",
        "pl_loc": "има",
    }[case]


_SR_LATIN = str.maketrans({"а": "a", "у": "u", "о": "o", "м": "m", "и": "i"})


def _sr_latn(stem: str, case: str) -> str:
    return _sr(stem, case).translate(_SR_LATIN)


def _bg(stem: str, case: str) -> str:
    # Bulgarian has no case endings: the definite article and the plural attach instead.
    return {"nom": "", "def": "а", "def_full": "ът", "pl": "и", "pl_def": "ите"}[case]


_KK_VOICELESS = set("kptsfhcxq")
_KK_NASAL = set("mn")


def _kk(stem: str, case: str) -> str:
    """Kazakh suffix after a Latin stem: vowel harmony on the last vowel, assimilation."""
    low = stem.lower()
    vowels = [c for c in low if c in "aeiouy"]
    front = bool(vowels) and vowels[-1] in "ei"
    last = low[-1]
    vowel = last in "aeiouy"
    voiceless = last in _KK_VOICELESS
    nasal = last in _KK_NASAL

    def pick(back: str, fr: str) -> str:
        return fr if front else back

    if case == "nom":
        return ""
    if case == "loc":
        return pick("та", "те") if voiceless else pick("да", "де")
    if case == "dat":
        return pick("қа", "ке") if voiceless else pick("ға", "ге")
    if case == "abl":
        if voiceless:
            return pick("тан", "тен")
        return pick("нан", "нен") if nasal else pick("дан", "ден")
    if case == "acc":
        if vowel:
            return pick("ны", "ні")
        return pick("ты", "ті") if voiceless else pick("ды", "ді")
    if case == "gen":
        if vowel or nasal:
            return pick("ның", "нің")
        return pick("тың", "тің") if voiceless else pick("дың", "дің")
    if case == "pl":
        if vowel or last in "ry":
            return pick("лар", "лер")
        return pick("тар", "тер") if voiceless else pick("дар", "дер")
    raise KeyError(case)


@dataclass(frozen=True)
class Lang:
    """One language's endings and how its writers attach them (plain, hyphen, apostrophe)."""

    code: str
    endings: object
    styles: tuple[tuple[str, float], ...]


LANGS = {
    "ru": Lang("ru", _ru, (("", 0.7), ("-", 0.15), ("'", 0.15))),
    "uk": Lang("uk", _uk, (("", 0.7), ("-", 0.15), ("'", 0.15))),
    "be": Lang("be", _be, (("", 0.75), ("-", 0.15), ("'", 0.10))),
    "sr": Lang("sr", _sr, (("", 0.7), ("-", 0.3))),
    "sr-Latn": Lang("sr-Latn", _sr_latn, (("", 1.0),)),
    "bg": Lang("bg", _bg, (("-", 0.6), ("", 0.4))),
    "kk": Lang("kk", _kk, (("", 0.6), ("-", 0.3), ("'", 0.1))),
}

# --------------------------------------------------------------------------- templates

#: ``{case}`` is a brand with that case's ending, ``{case:2}`` a second brand;
#: ``pl_*`` slots take a countable product; ``{place}`` a Cyrillic stem + English suffix;
#: a ``_cap`` slot starts the sentence.
TEMPLATES: dict[str, dict[str, list[str]]] = {
    "dev": {
        "ru": [
            "Он сделал апдейт в {loc} вчера вечером.",
            "Пиши код на {loc}, а не на {loc:2}.",
            "Я уже третий день сижу в {loc} и не могу найти нужную кнопку.",
            "Скинь мне ссылку в {loc}, я потом посмотрю.",
            "У {gen} опять поменяли интерфейс, всё переехало.",
            "Мы перешли с {gen} на {acc:2} ещё в прошлом году.",
            "С {ins} у меня вообще не сложилось, слишком много настроек.",
            "Половина команды работает на {pl_loc}, остальные на обычных ноутбуках.",
        ],
        "uk": [
            "Я вчора виклав нову версію на {loc}.",
            "Пиши скрипти на {loc}, це значно простіше.",
            "Мені досі не відповіли в {loc}.",
            "Ми відмовилися від {gen} ще торік.",
            "З {ins} у мене постійно якісь проблеми.",
            "Надішли файл у {acc}, я гляну ввечері.",
            "У нашому відділі всі працюють на {pl_loc}.",
        ],
        "be": [
            "Я выклаў новую версію на {loc} учора.",
            "Пішы код на {loc}, гэта прасцей.",
            "Мне так і не адказалі ў {loc}.",
            "Мы адмовіліся ад {gen} яшчэ летась.",
            "З {ins} у мяне пастаянна нейкія праблемы.",
            "У нашым аддзеле ўсе працуюць на {pl_loc}.",
        ],
        "sr": [
            "Постави слику на {loc}, да види и бака.",
            "Пиши код у {loc}, много је лакше.",
            "Јуче сам цео дан провео на {loc}.",
            "Прешли смо са {gen} на {acc:2} прошле године.",
            "Са {ins} никад нисам имао проблема.",
            "Пошаљи ми линк преко {gen}, погледаћу касније.",
        ],
        "sr-Latn": [
            "Postavi sliku na {loc}, da vidi i baka.",
            "Piši kod u {loc}, mnogo je lakše.",
            "Juče sam ceo dan proveo na {loc}.",
            "Prešli smo sa {gen} na {acc:2} prošle godine.",
            "Sa {ins} nikad nisam imao problema.",
        ],
        "bg": [
            "Качих снимките в {def}, погледни ги.",
            "Не мога да намеря настройките в {def}.",
            "{def_full_cap} пак смени интерфейса си.",
            "Цял ден се занимавах с {def} и нищо не стана.",
            "Новите {pl} са доста по-скъпи от старите.",
            "Живеем в комплекс {place}, блок 4.",
            "Офисът ни е на ул. {place} 12.",
        ],
        "kk": [
            "Мен кеше жаңа нұсқаны {loc} жарияладым.",
            "Кодты {loc} жазған әлдеқайда оңай.",
            "Маған әлі {loc} жауап берген жоқ.",
            "Біз {abl} былтыр бас тарттық.",
            "Сілтемені {dat} жіберші, кешке қараймын.",
            "{gen_cap} жаңа интерфейсі маған ұнамады.",
        ],
    },
    "heldout": {
        "ru": [
            "Вчера полдня разбирался с {ins}, так и не понял, почему падает сборка.",
            "Выложи фотки в {acc}, бабушка хочет посмотреть.",
            "В {loc} есть отличный плагин для этого, поищи.",
            "Без {gen} я бы этот проект вообще не закончил.",
            "Переписали бэкенд на {acc}, и всё стало работать быстрее.",
            "Напиши мне в {acc} или в {acc:2}, как тебе удобнее.",
            "По {dat} в этом месяце было сразу три обновления.",
            "Знакомый продаёт пару старых {pl_gen} почти даром.",
            "Мы остановились в отеле {place} у самого моря.",
        ],
        "uk": [
            "Завтра покажу вам, як налаштувати сповіщення в {loc}.",
            "Без {gen} наша команда просто не впоралася б.",
            "Я написав про це довгий пост в {loc}, почитай.",
            "Скільки коштує підписка на {acc} у цьому році?",
            "Ми вже місяць експериментуємо з {ins} і поки задоволені.",
            "Постав лайк моєму відео в {loc}, будь ласка.",
            "Колега порівнював {acc} з {ins:2} і обрав перший.",
            "На складі лишилося кілька {pl_gen}, треба замовити ще.",
        ],
        "be": [
            "Заўтра пакажу, як наладзіць апавяшчэнні ў {loc}.",
            "Без {gen} наша каманда проста не справілася б.",
            "Я напісаў пра гэта доўгі пост у {loc}, пачытай.",
            "Колькі каштуе падпіска на {acc} сёлета?",
            "Мы ўжо месяц эксперыментуем з {ins} і пакуль задаволеныя.",
            "Пастаў лайк майму відэа ў {loc}, калі ласка.",
            "На складзе засталося некалькі {pl_gen}, трэба замовіць яшчэ.",
        ],
        "sr": [
            "Сутра ћу вам показати како се подешавају обавештења у {loc}.",
            "Без {gen} наш тим не би успео.",
            "Написао сам дугачак пост на {loc}, прочитај га.",
            "Колико кошта претплата на {acc} ове године?",
            "Већ месец дана радимо са {ins} и задовољни смо.",
            "Лајкуј мој снимак на {loc}, молим те.",
            "У магацину је остало неколико {pl_gen}, треба наручити још.",
        ],
        "sr-Latn": [
            "Sutra ću vam pokazati kako se podešavaju obaveštenja u {loc}.",
            "Bez {gen} naš tim ne bi uspeo.",
            "Napisao sam dugačak post na {loc}, pročitaj ga.",
            "Već mesec dana radimo sa {ins} i zadovoljni smo.",
        ],
        "bg": [
            "Утре ще ви покажа как се настройват известията в {def}.",
            "Без {def} екипът ни нямаше да се справи.",
            "Написах дълъг пост в {def}, прочети го.",
            "Вече месец работим с {def} и сме доволни.",
            "Харесай видеото ми в {def}, моля те.",
            "В склада останаха няколко {pl}, трябва да поръчаме още.",
            "{def_full_cap} се срина точно преди срещата.",
            "Продава се апартамент в {place}, близо до морето.",
            "Срещата е в хотел {place} в 10 часа.",
        ],
        "kk": [
            "Ертең {loc} хабарландыруларды қалай баптауды көрсетемін.",
            "{abl_cap} басқа біздің команда үлгермес еді.",
            "Бұл туралы {loc} ұзақ пост жаздым, оқып шық.",
            "Биыл {gen} жазылымы қанша тұрады?",
            "Бір айдан бері {acc} қолданып жүрміз, әзірге ризамыз.",
            "Менің {loc} салған видеома лайк басшы.",
            "{pl_cap} соңғы кезде қатты қымбаттап кетті.",
        ],
    },
}

SENTENCES_PER_TEMPLATE = {"dev": 5, "heldout": 7}
SLOT = re.compile(r"\{(\w+?)(?::(\d))?\}")


def _style(r: random.Random, lang: Lang) -> str:
    x = r.random()
    for mark, share in lang.styles:
        if x < share:
            return mark
        x -= share
    return lang.styles[-1][0]


def fill(template: str, lang: Lang, split: str, r: random.Random) -> str:
    """One sentence: every slot filled with a brand (or product, or place) and its ending."""
    brands = list(BRANDS[split])
    r.shuffle(brands)
    picked: dict[str, str] = {}

    def one(m: re.Match[str]) -> str:
        case = m.group(1).removesuffix("_cap")
        if case == "place":
            stems, suffixes, prefixes = PLACES[split]
            prefix = r.choice(prefixes)
            name = r.choice(stems) + r.choice(suffixes)
            return f"{prefix} {name}".strip()
        key = m.group(2) or "1"
        if key not in picked:
            pool = PRODUCTS[split] if case.startswith("pl") else brands
            picked[key] = next(b for b in pool if b not in picked.values())
        stem = picked[key]
        ending = lang.endings(stem, case)  # type: ignore[operator]
        return stem + (_style(r, lang) + ending if ending else "")

    return SLOT.sub(one, template)


def sentences(split: str) -> list[Case]:
    seed = SEEDS[split]
    out: list[Case] = []
    seen: set[str] = set()
    for code, templates in TEMPLATES[split].items():
        lang = LANGS[code]
        for t_i, template in enumerate(templates):
            r = common.rng(seed, code, t_i)
            got = tries = 0
            while got < SENTENCES_PER_TEMPLATE[split] and tries < 50:
                tries += 1
                text = fill(template, lang, split, r)
                if text in seen:
                    continue
                seen.add(text)
                got += 1
                category = "place-suffix" if "{place}" in template else "brand-ending"
                out.append(
                    Case(
                        id=f"codeswitch-{split}:{code}:{t_i:02d}:{got}",
                        category=f"{category}-{code}",
                        lang=code,
                        source=f"template:{split}",
                        input=text,
                        expected=text,
                    )
                )
    return out


# --------------------------------------------------------------------------- attack side

#: Latin letter -> Cyrillic look-alike used at word ends (the scraped-article letters).
WORD_END = {
    "a": "\N{CYRILLIC SMALL LETTER A}",
    "e": "\N{CYRILLIC SMALL LETTER IE}",
    "o": "\N{CYRILLIC SMALL LETTER O}",
    "c": "\N{CYRILLIC SMALL LETTER ES}",
    "p": "\N{CYRILLIC SMALL LETTER ER}",
    "x": "\N{CYRILLIC SMALL LETTER HA}",
    "y": "\N{CYRILLIC SMALL LETTER U}",
    "i": "\N{CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I}",
    "s": "\N{CYRILLIC SMALL LETTER DZE}",
}
WORD = re.compile(r"[A-Za-z]+")


def _swap_ends(text: str, positions: list[int]) -> str:
    chars = list(text)
    for i in positions:
        chars[i] = WORD_END[chars[i]]
    return "".join(chars)


def word_end_attacks(split: str, counts: dict[str, int]) -> list[Case]:
    import english_pool

    seed = SEEDS[split]
    prose = english_pool.load(split, seed)
    r = common.rng(seed, "attacks")
    paras = list(prose.paragraphs)
    r.shuffle(paras)
    out: list[Case] = []

    def add(category: str, src: str, original: str, attacked: str) -> None:
        assert attacked != original
        assert all(
            common.is_lookalike(a, b) for a, b in zip(original, attacked, strict=True) if a != b
        )
        out.append(
            Case(
                id=f"wordend-{split}:{category}:{len(out):04d}",
                category=category,
                lang="en",
                source=src,
                input=attacked,
                expected=original,
                kinds=["homoglyph"],
            )
        )

    it = iter(paras)
    # one word-final letter swapped
    for _ in range(counts["single"]):
        src, text = next(it)
        ends = [m.end() - 1 for m in WORD.finditer(text) if text[m.end() - 1] in WORD_END]
        add("word-final-single", src, text, _swap_ends(text, [r.choice(ends)]))
    # every word-final "a" of the paragraph (standalone "a" included)
    made = 0
    for src, text in it:
        if made >= counts["all-a"]:
            break
        ends = [m.end() - 1 for m in WORD.finditer(text) if text[m.end() - 1] == "a"]
        if len(ends) >= 2:
            add("word-final-every-a", src, text, _swap_ends(text, ends))
            made += 1
    # every word-final look-alike letter of the paragraph
    for _ in range(counts["every"]):
        src, text = next(it)
        ends = [m.end() - 1 for m in WORD.finditer(text) if text[m.end() - 1] in WORD_END]
        add("word-final-every", src, text, _swap_ends(text, ends))
    # the scraped article: from the first paragraph break after the middle, every "a"
    articles = list(prose.articles)
    for k in range(counts["article"]):
        src, long_paras = articles[k % len(articles)]
        n = r.randint(4, 7)
        start = r.randrange(0, max(1, len(long_paras) - n))
        chunk = long_paras[start : start + n]
        original = "\n\n".join(chunk)
        half = (len(chunk) + 1) // 2
        head = "\n\n".join(chunk[:half])
        tail = "\n\n".join(chunk[half:]).replace("a", WORD_END["a"])
        add("scraped-article-half", src, original, head + "\n\n" + tail)
    return out


ATTACK_COUNTS = {
    "dev": {"single": 40, "all-a": 20, "every": 20, "article": 12},
    "heldout": {"single": 60, "all-a": 30, "every": 30, "article": 15},
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("dev", "heldout", "both"), default="both")
    ap.add_argument("--no-attacks", action="store_true", help="the code-switching sentences only")
    args = ap.parse_args(argv)
    for split in ("dev", "heldout") if args.split == "both" else (args.split,):
        folder = common.DEV_DIR if split == "dev" else common.HELDOUT_DIR
        cases = sentences(split)
        n = common.write_jsonl(folder / "codeswitch.jsonl", cases)
        by_lang = Counter(c.lang for c in cases)
        print(f"{split}: {n} code-switched sentences {dict(sorted(by_lang.items()))}")
        if not args.no_attacks:
            attacks = word_end_attacks(split, ATTACK_COUNTS[split])
            n = common.write_jsonl(folder / "wordend_attacks.jsonl", attacks)
            print(f"{split}: {n} word-end attacks {dict(Counter(c.category for c in attacks))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
