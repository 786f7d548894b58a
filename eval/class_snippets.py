"""Hand-written text for the class sets: legitimate counterparts, code lines, host contexts.

Why: every disguise class has legitimate text that uses the same characters on purpose
(Turkish ``ı``, IPA, Hausa hooked letters, RLM in Hebrew UI strings, soft hyphens in long
German words, Cyrillic ``х`` as a variable in Russian maths...).  A tool that repairs the
class must leave these alone.  Each list comes in a DEV and a HELD-OUT version written
separately (different sentences, words and names), so tuning on the dev texts says
nothing about the held-out ones.  ``{x}``-style slots in code lines are the letters the
attack swaps; the rest of each line stays as written.
"""

from __future__ import annotations

SHY = "\N{SOFT HYPHEN}"
LRM = "\N{LEFT-TO-RIGHT MARK}"
RLM = "\N{RIGHT-TO-LEFT MARK}"
ALM = "\N{ARABIC LETTER MARK}"
FSI = "\N{FIRST STRONG ISOLATE}"
RLI = "\N{RIGHT-TO-LEFT ISOLATE}"
LRI = "\N{LEFT-TO-RIGHT ISOLATE}"
PDI = "\N{POP DIRECTIONAL ISOLATE}"
RLE = "\N{RIGHT-TO-LEFT EMBEDDING}"
PDF = "\N{POP DIRECTIONAL FORMATTING}"

# --------------------------------------------------------------------------- class 1

#: Latin letters beyond ASCII used as their languages or sciences require.
LATIN_LEGIT: dict[str, list[tuple[str, str, str]]] = {  # (lang, category, text)
    "dev": [
        (
            "tr",
            "turkish-dotless-i",
            "Yarın sabah ışıklar kapanmadan önce kapıyı kilitlemeyi unutma.",
        ),
        (
            "tr",
            "turkish-dotless-i",
            "Bu dosyayı açmak için yetkiniz yok; lütfen sistem yöneticinize başvurun.",
        ),
        ("az", "azerbaijani", "Bakı şəhərində yağış yağır, amma hava isti olaraq qalır."),
        ("az", "azerbaijani", "Məlumatı yadda saxlamaq üçün düyməni sıxın."),
        ("ha", "hausa-hooked", "Ƙasar Najeriya tana da ɗimbin al'ummai masu yaruka daban-daban."),
        ("ha", "hausa-hooked", "Yara suna ɓoye a bayan ƙofa suna jiran ɗan'uwansu."),
        ("yo", "yoruba-open-vowels", "Ẹ kú àárọ̀, ṣé ẹ ti jẹun?"),
        ("ee", "ewe-open-vowels", "Ŋdi nyuie, aleke nèfɔ ŋdi sia?"),
        ("ln", "lingala-open-vowels", "Mbɔtɛ, ozali malamu? Nazali kolɛngɛla mokɔlɔ ya lobi."),
        ("se", "sami", "Buorre beaivi, mun in sáhte boahtit ihttin go lean bargguin."),
        ("vi", "vietnamese", "Hôm nay trời đẹp quá, chúng ta đi dạo ở công viên nhé."),
        ("vi", "vietnamese", "Vui lòng nhập mật khẩu của bạn để tiếp tục."),
        ("en", "ipa", "The word 'cat' is pronounced /kæt/, while 'cut' is /kʌt/ in most accents."),
        ("en", "ipa", "In narrow transcription, 'button' may be [ˈbʌʔn̩] with a glottal stop."),
        ("en", "ipa", "English 'thing' begins with the dental fricative /θ/ and ends with /ŋ/."),
        (
            "fi",
            "uralic-phonetic",
            "The Uralic Phonetic Alphabet writes reduced vowels as small capitals, e.g. ᴀ and ᴇ in Khanty.",
        ),
        (
            "en",
            "science-greek",
            "The decay constant λ is related to the half-life by t½ = ln 2 / λ.",
        ),
        (
            "en",
            "science-greek",
            "For a normal distribution with mean μ and standard deviation σ, about 68% of values lie within μ ± σ.",
        ),
        ("en", "maths-letters", "Let 𝑓: ℝ → ℝ be continuous; then ∫₀¹ 𝑓(𝑥) d𝑥 exists."),
        (
            "en",
            "roman-numerals",
            "Chapter Ⅳ covers the results, and appendix ⅱ lists the raw measurements.",
        ),
        ("en", "roman-numerals", "Louis XIV reigned for 72 years; see Part Ⅲ of the biography."),
        (
            "en",
            "ipa",
            "Sanskrit retroflex consonants are written ṭ ḍ ṇ in transliteration and [ʈ ɖ ɳ] in IPA.",
        ),
    ],
    "heldout": [
        ("tr", "turkish-dotless-i", "Kışın dağ yollarında kar lastiği kullanmak zorunludur."),
        (
            "tr",
            "turkish-dotless-i",
            "Sipariş numaranızı aşağıdaki kutuya yazın ve gönder tuşuna basın.",
        ),
        ("az", "azerbaijani", "Gəncə şəhərində yeni kitabxana açılıb, giriş pulsuzdur."),
        ("ha", "hausa-hooked", "Malam ya ɗauki littafinsa ya shiga ɗakin karatu da ƙarfe biyu."),
        ("ha", "hausa-hooked", "Ƴan kasuwa sun kawo ɓaure da gyaɗa zuwa kasuwar Kano."),
        ("yo", "yoruba-open-vowels", "Ọmọ náà lọ sí ilé-ìwé ní ọjọ́ Ajé."),
        ("ee", "ewe-open-vowels", "Míawoe nye ŋgɔgbedela siwo wɔ dɔ sia."),
        ("ln", "lingala-open-vowels", "Bato mingi bazali kotánga mikandá na lokótá ya Lingála."),
        ("se", "sami", "Mánát leat skuvllas ja oahppet davvisámegiela."),
        ("vi", "vietnamese", "Cảm ơn bạn đã đặt hàng, chúng tôi sẽ giao trong ba ngày."),
        ("vi", "vietnamese", "Tệp này đã bị xóa hoặc di chuyển sang thư mục khác."),
        (
            "en",
            "ipa",
            "The vowel of 'father' is usually transcribed /ɑː/, and that of 'thought' /ɔː/.",
        ),
        ("en", "ipa", "German 'ich' has the palatal fricative [ç], while 'ach' has the velar [x]."),
        ("en", "ipa", "A flap [ɾ] replaces /t/ in American 'water', giving [ˈwɔɾɚ]."),
        (
            "fi",
            "uralic-phonetic",
            "In UPA notation the reduced vowel is written with a small capital ᴇ, as in Mansi transcriptions.",
        ),
        (
            "en",
            "science-greek",
            "The angular frequency ω equals 2πf, and the wavelength λ equals c/f.",
        ),
        (
            "en",
            "science-greek",
            "In the Arrhenius equation, the rate constant k depends on the activation energy Eₐ.",
        ),
        (
            "en",
            "maths-letters",
            "For every ε > 0 there is δ > 0 such that |𝑥 − 𝑎| < δ implies |𝑓(𝑥) − 𝑓(𝑎)| < ε.",
        ),
        ("en", "roman-numerals", "Volume Ⅱ, section ⅳ describes the survey method in detail."),
        ("en", "roman-numerals", "The clock face showed Ⅻ at the top and Ⅵ at the bottom."),
        ("ru", "cyrillic-palochka", "Кабардинское слово «Ӏуащхьэмахуэ» пишется с палочкой Ӏ."),
        ("en", "ipa", "The click consonant ǃ appears in Zulu and Xhosa words written with q."),
    ],
}

#: Sentences with digits and every capital, for look-alikes of digits and rare capitals.
DIGIT_SENTENCES = {
    "dev": [
        "Version 2.0 of the Qt toolkit was released in 1996 by Quasar Technologies.",
        "The X Window System, version 11, is maintained by the X.Org Foundation.",
        "ZIP archives created on 4 June 2007 can be read by any tool.",
        "Join us at 7:30 in room 85B for the Quarterly Review with Yvonne and Victor.",
        "Jupiter's moon Io completes an orbit in about 42 hours, as Galileo found in 1610.",
        "Kernel 6.9 fixed 1,384 bugs, and the Wayland port now passes 97% of the tests.",
    ],
    "heldout": [
        "Flight UA 839 to Zurich departs at 09:45 from gate K12, says the Quantas agent.",
        "The XFS file system supports volumes of up to 8 exabytes since Linux 2.6.",
        "Quincy Jones recorded 76 albums between 1957 and 2015, a record few Jazz artists match.",
        "Invoice 40213 for the Yale project was paid on 3 May, two weeks late.",
        "Vienna hosted the 1873 World's Fair, which drew 7,255,000 visitors.",
        "Room B14 of the Kepler building seats 260 students for the Zoology lectures.",
    ],
}

# --------------------------------------------------------------------------- class 2

#: Sentences around a host: ``{url}``, ``{email}`` or ``{host}``.
HOST_TEMPLATES = {
    "dev": [
        "Please sign in at https://{host}/login to confirm your account.",
        "Your invoice is ready: download it from https://www.{host}/billing today.",
        "Send the signed contract to legal@{host} before Friday.",
        "We have moved our documentation to {host}, update your bookmarks.",
        "Reset your password here: https://{host}/account/reset?token=8f2a",
    ],
    "heldout": [
        "Security alert: verify your identity at https://{host}/verify within 24 hours.",
        "For refunds, write to support@{host} and quote your order number.",
        "The download mirror is {host}; the checksum is on the release page.",
        "Click https://secure.{host}/session to keep your subscription active.",
        "Questions about the merger go to press@{host}, not to the team list.",
        "Log in to {host} and open Settings, then Privacy.",
    ],
}

#: Genuine IDNs in sentences of their language (the host slot is an IDN of the list).
IDN_TEMPLATES = {
    "dev": [
        ("en", "Our German partner's shop is at https://{idn}/ and ships to Austria."),
        ("en", "The registry lists {idn} as an active internationalized domain."),
        ("en", "Mail sent to info@{idn} reaches the local office."),
    ],
    "heldout": [
        ("en", "The city portal moved to https://{idn}/ last spring."),
        ("en", "You can reach the ministry at kontakt@{idn} during office hours."),
        ("en", "Type {idn} in the address bar; the browser shows it as written."),
        ("en", "Links to www.{idn} in the newsletter all work again."),
    ],
}

#: Native-language sentences with hosts of their own script (legitimate).
NATIVE_HOSTS = {
    "dev": [
        ("ru", "Подробности на сайте https://правительство.рф/docs и в приложении."),
        ("ru", "Пишите нам на почта@пример.рф, ответим в течение дня."),
        ("el", "Δείτε τις οδηγίες στο ελλάδα.gr πριν την υποβολή."),
        ("ja", "詳しくは 例え.テスト をご覧ください。"),
        ("de", "Die Bestellung läuft über https://bücher.de/konto, bitte einloggen."),
    ],
    "heldout": [
        ("ru", "Записаться можно на портале https://москва.рф/услуги до пятницы."),
        ("uk", "Новини публікуємо на сайті україна.укр щоранку."),
        ("el", "Στείλτε το έντυπο στο info@δοκιμή.gr μέχρι την Παρασκευή."),
        ("zh", "更多信息请访问 中文网.cn 的帮助页面。"),
        ("de", "Tickets gibt es unter https://düsseldorf.de/tickets, solange der Vorrat reicht."),
        ("ko", "자세한 내용은 대한민국.kr 에서 확인하세요."),
    ],
}

# --------------------------------------------------------------------------- class 3

#: Legitimate bidi marks, isolates and soft hyphens.
CONTROLS_LEGIT: dict[str, list[tuple[str, str, str]]] = {
    "dev": [
        ("he", "rtl-ui-marks", f"הקובץ report.pdf{RLM} נשמר בהצלחה."),
        ("he", "rtl-ui-marks", f"גרסה 2.4.1{RLM} זמינה להורדה."),
        ("ar", "rtl-ui-marks", f"تم حفظ الملف {LRM}data.csv{LRM} بنجاح."),
        ("ar", "rtl-ui-marks", f"السعر{ALM} 25{ALM} دولارًا فقط."),
        ("fa", "rtl-ui-marks", f"نسخهٔ {LRM}3.2{LRM} منتشر شد."),
        ("en", "isolate-rtl-name", f"User {FSI}محمد علي{PDI} joined the channel."),
        ("en", "isolate-rtl-name", f"{RLI}שרה כהן{PDI} commented on your post."),
        ("en", "isolate-rtl-name", f"The file {FSI}تقرير_2024.pdf{PDI} was shared with you."),
        ("he", "embedding-rtl", f"הפקודה {RLE}ls -la{PDF} מציגה את כל הקבצים."),
        (
            "de",
            "soft-hyphen-long",
            f"Die Donau{SHY}dampf{SHY}schiff{SHY}fahrts{SHY}gesell{SHY}schaft wurde 1829 gegründet.",
        ),
        (
            "de",
            "soft-hyphen-long",
            f"Die Rechts{SHY}schutz{SHY}ver{SHY}siche{SHY}rung übernimmt die Kosten.",
        ),
        (
            "fi",
            "soft-hyphen-long",
            f"Lento{SHY}kone{SHY}suihku{SHY}turbiini{SHY}moottori{SHY}apu{SHY}mekaanikko on pitkä sana.",
        ),
        ("fi", "soft-hyphen-long", f"Kaupungin{SHY}valtuuston pöytäkirja julkaistaan huomenna."),
        (
            "nl",
            "soft-hyphen-long",
            f"De kinder{SHY}op{SHY}vang{SHY}toe{SHY}slag wordt maandelijks betaald.",
        ),
    ],
    "heldout": [
        ("he", "rtl-ui-marks", f"נמצאו 12{RLM} תוצאות עבור החיפוש שלך."),
        ("he", "rtl-ui-marks", f"המשתמש admin{RLM} התחבר מהמחשב החדש."),
        ("ar", "rtl-ui-marks", f"رقم الطلب {LRM}#4471{LRM} قيد المعالجة."),
        ("ar", "rtl-ui-marks", f"تم تحديث {LRM}Windows 11{LRM} إلى آخر إصدار."),
        ("ur", "rtl-ui-marks", f"فائل {LRM}notes.txt{LRM} محفوظ ہو گئی۔"),
        ("en", "isolate-rtl-name", f"{FSI}יוסי לוי{PDI} sent you 3 messages."),
        ("en", "isolate-rtl-name", f"Welcome back, {RLI}فاطمة{PDI}! You have new mail."),
        (
            "en",
            "isolate-rtl-name",
            f"Download {FSI}دليل_المستخدم.docx{PDI} from the shared folder.",
        ),
        ("ar", "embedding-rtl", f"اكتب الأمر {RLE}git status{PDF} في الطرفية."),
        (
            "de",
            "soft-hyphen-long",
            f"Die Bundes{SHY}aus{SHY}bildungs{SHY}förderungs{SHY}gesetz{SHY}novelle tritt im Herbst in Kraft.",
        ),
        (
            "de",
            "soft-hyphen-long",
            f"Das Kraft{SHY}fahr{SHY}zeug{SHY}haft{SHY}pflicht{SHY}versicherungs{SHY}gesetz regelt die Haftung.",
        ),
        ("fi", "soft-hyphen-long", f"Epä{SHY}järjestel{SHY}mällisyydellään hän yllätti kaikki."),
        ("fi", "soft-hyphen-long", f"Kansan{SHY}eläke{SHY}laitoksen toimisto on suljettu."),
        (
            "sv",
            "soft-hyphen-long",
            f"Nord{SHY}ost{SHY}passagen var länge en olöst navigations{SHY}utmaning.",
        ),
        (
            "hu",
            "soft-hyphen-long",
            f"Az elkel{SHY}káposz{SHY}táza{SHY}nítottalaní{SHY}tottátok szó híresen hosszú.",
        ),
    ],
}

#: ASCII fingerprints hidden as LRM = 0, RLM = 1 bits (most significant bit first).
MARK_PAYLOADS = {
    "dev": ["id-7731", "u:ann", "copy-12", "lk9"],
    "heldout": ["src=88", "tok-4", "w:bob", "leak-03", "n7"],
}

# --------------------------------------------------------------------------- class 4

#: Code and formula lines of an English document; ``{a}``... slots are single-letter
#: identifiers (the letter inside the braces), the ones the attack may swap.
CODE_LINES = {
    "dev": [
        'assert {x} < y, "the offset must stay below the limit"',
        "area = integrate(lambda {x}: f({x}), 0, 1)  # f(x) dx over [0, 1]",
        "{p}_k = {p}_prev + alpha * grad[k]",
        'payload = b"\\{x}02\\{x}7f"',
        'printf("%%{x} bytes left\\n", remaining);',
        "for {i} in range(n): total += {a}[{i}]",
        "if ({c} > 0) return {c} - 1;",
        "{y} = {a} * t + {c}",
    ],
    "heldout": [
        "while ({j} < len) {{ sum += buf[{j}]; {j}++; }}",
        "return sorted(items, key=lambda {e}: {e}.score)",
        "d{y}/dt = -k * {y}",
        'const {s} = "%%{s}";',
        '{o}ut = {o}pen(path, "wb")',
        "mask = 0{x}ff & (value >> 8)",
        "{h} = sha256(data).hexdigest()",
        "E[{x}] = sum({x} * {p}({x}) for {x} in support)",
    ],
}

#: Explanation lines that follow a code line and hold genuine Greek letters.
GREEK_EXPLANATIONS = {
    "dev": [
        "Here α is the learning rate and β the momentum of the optimiser.",
        "The loop stops once the error drops below ε = 10⁻⁶.",
        "The angle θ is measured in radians, and ω is the angular speed.",
        "With λ = 0.5 the decay halves the weight at every step.",
    ],
    "heldout": [
        "In this notation μ is the mean and σ² the variance of the sample.",
        "The constant γ controls how quickly older rewards are discounted.",
        "We write Δt for the time step and τ for the relaxation time.",
        "A value of ρ close to 1 means the two series move together.",
    ],
}

#: Legitimate maths written in the script of its language (Cyrillic or Greek variables).
NATIVE_MATHS = {
    "dev": [
        ("ru", "Найдём х из уравнения 2х + 3 = 7: получаем х = 2."),
        ("ru", "Пусть а и в — стороны прямоугольника, тогда его площадь равна ав."),
        ("uk", "Нехай у = 3х − 1; при х = 2 маємо у = 5."),
        ("el", "Έστω α > 0 και β < 0· τότε το γινόμενο αβ είναι αρνητικό."),
        ("el", "Η συνάρτηση φ(χ) = χ² είναι άρτια."),
    ],
    "heldout": [
        ("ru", "Если с = 0, то уравнение ах² + вх + с = 0 имеет корень х = 0."),
        ("ru", "Обозначим через р вероятность успеха, тогда q = 1 − р."),
        ("bg", "Нека х е цяло число и у = х + 1."),
        ("el", "Για κάθε ε > 0 υπάρχει δ > 0 τέτοιο ώστε |χ − α| < δ."),
        ("el", "Το εμβαδόν του κύκλου ακτίνας ρ είναι πρ²."),
    ],
}
