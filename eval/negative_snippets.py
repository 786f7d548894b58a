"""Hand-written legitimate text that uses the same characters attackers use.

Each entry is ``(category, lang, text)``.  Every snippet is a realistic sentence in
which the "suspicious" character is required or conventional: ZWNJ in Persian,
ZWJ in emoji and Indic conjuncts, marks and isolates in right-to-left text,
variation selectors after CJK ideographs, soft hyphens in German, NBSP before
French punctuation, Latin brand names inside Cyrillic and Greek text...  A tool
that changes any of these changes correct text.

Invisible characters are written as escapes so this file can be read and reviewed;
the strings themselves contain the real characters.
"""

from __future__ import annotations

ZWNJ = "\u200c"
ZWJ = "\u200d"
ZWSP = "\u200b"
SHY = "\u00ad"
NBSP = "\u00a0"
NNBSP = "\u202f"
LRM = "\u200e"
RLM = "\u200f"
ALM = "\u061c"
LRI = "\u2066"
RLI = "\u2067"
FSI = "\u2068"
PDI = "\u2069"
LRE = "\u202a"
RLE = "\u202b"
PDF = "\u202c"
VS15 = "\ufe0e"
VS16 = "\ufe0f"
BOM = "\ufeff"
KEYCAP = "\u20e3"
FVS1 = "\u180b"
FVS2 = "\u180c"
FVS3 = "\u180d"
FVS4 = "\u180f"
MVS = "\u180e"  # MONGOLIAN VOWEL SEPARATOR, used before final a/e


def tag_flag(code: str) -> str:
    """Black flag + tag letters + CANCEL TAG: the emoji tag sequence for ``gbeng`` etc."""
    return "\U0001f3f4" + "".join(chr(0xE0000 + ord(c)) for c in code) + "\U000e007f"


def ivs(base: str, n: int) -> str:
    """An ideographic variation sequence: ``base`` + VARIATION SELECTOR-(16+n+1)."""
    return base + chr(0xE0100 + n)


ENGLAND = tag_flag("gbeng")
SCOTLAND = tag_flag("gbsct")
WALES = tag_flag("gbwls")
FAMILY_MWG = f"👨{ZWJ}👩{ZWJ}👧"
FAMILY_MWGB = f"👨{ZWJ}👩{ZWJ}👧{ZWJ}👦"
FAMILY_WWB = f"👩{ZWJ}👩{ZWJ}👦"
HEART = f"❤{VS16}"
HEART_FIRE = f"❤{VS16}{ZWJ}🔥"
MENDING_HEART = f"❤{VS16}{ZWJ}🩹"
RAINBOW_FLAG = f"🏳{VS16}{ZWJ}🌈"
TRANS_FLAG = f"🏳{VS16}{ZWJ}⚧{VS16}"
PIRATE_FLAG = f"🏴{ZWJ}☠{VS16}"
WOMAN_TECH = f"👩🏽{ZWJ}💻"
MAN_FARMER = f"👨🏿{ZWJ}🌾"
KISS = f"👩{ZWJ}{HEART}{ZWJ}💋{ZWJ}👨"
COUPLE_HEART = f"👩🏻{ZWJ}{HEART}{ZWJ}👨🏾"
EYE_BUBBLE = f"👁{VS16}{ZWJ}🗨{VS16}"
POLAR_BEAR = f"🐻{ZWJ}❄{VS16}"
BLACK_CAT = f"🐈{ZWJ}⬛"
PHOENIX = f"🐦{ZWJ}🔥"
HASH_KEY = f"#{VS16}{KEYCAP}"
ONE_KEY = f"1{VS16}{KEYCAP}"
TWO_KEY = f"2{VS16}{KEYCAP}"
THREE_KEY = f"3{VS16}{KEYCAP}"
STAR_KEY = f"*{VS16}{KEYCAP}"
TEN_KEY = "🔟"

# One snippet per line reads and reviews best; keep the formatter off the tables.
# fmt: off
EMOJI = [
    ("emoji", "en", f"Our family photo from the lake is finally up {FAMILY_MWG} — thanks, Grandma!"),
    ("emoji", "en", f"Two moms, one very tired toddler {FAMILY_WWB} and a flat tyre on the M4."),
    ("emoji", "en", f"Happy Pride, everyone {RAINBOW_FLAG}{HEART} see you at the parade on Saturday."),
    ("emoji", "en", f"Trans rights are human rights {TRANS_FLAG} — the march starts at noon."),
    ("emoji", "en", f"Come on {ENGLAND}! Kick-off against {SCOTLAND} is at 8 pm, and {WALES} play tomorrow."),
    ("emoji", "en", f"Press {HASH_KEY} to repeat this menu, {ONE_KEY} for billing or {TWO_KEY} for support."),
    ("emoji", "en", f"Top three picks this week: {ONE_KEY} the ramen place, {TWO_KEY} the taco truck, {THREE_KEY} the bakery."),
    ("emoji", "en", f"She finished the marathon in under four hours {HEART_FIRE} absolutely unstoppable."),
    ("emoji", "en", f"Still healing after the breakup {MENDING_HEART} but the cat helps {BLACK_CAT}."),
    ("emoji", "en", f"Our new intern {WOMAN_TECH} shipped her first feature on day three 👏🏾👏🏾"),
    ("emoji", "en", f"Harvest is in early this year {MAN_FARMER} and the barley looks great 🌾"),
    ("emoji", "en", f"Congratulations to the happy couple {COUPLE_HEART} — what a beautiful ceremony!"),
    ("emoji", "en", f"Arr, the {PIRATE_FLAG} party is on Friday; costumes are mandatory."),
    ("emoji", "en", f"Saw a documentary about the Arctic last night {POLAR_BEAR} — heartbreaking and beautiful."),
    ("emoji", "en", "Thumbs up from the whole team 👍🏻👍🏼👍🏽👍🏾👍🏿 — great launch!"),
    ("emoji", "en", "The weather app shows ☀\ufe0f for Monday and ⛈\ufe0f for Tuesday, so pack an umbrella ☂\ufe0f."),
    ("emoji", "en", f"Use the text-style symbols ☺{VS15} and ☹{VS15} in plain-text mail, please."),
    ("emoji", "en", f"Rated ★★★★☆ by our readers; the plain heart ❤{VS15} is the print version of the logo."),
    ("emoji", "en", "Flags at the summit: 🇫🇷 🇩🇪 🇮🇹 🇯🇵 🇧🇷 🇿🇦 🇮🇳 🇺🇸 🇨🇦 🇦🇺"),
    ("emoji", "en", f"Emergency contacts: dial {ONE_KEY}{ONE_KEY}{TWO_KEY} anywhere in the EU ☎{VS16}"),
    ("emoji", "en", f"Rate your stay from {ONE_KEY} to {TEN_KEY}; press {STAR_KEY} to skip."),
    ("emoji", "en", f"The new phoenix emoji {PHOENIX} made it into the keyboard update."),
    ("emoji", "en", f"Witness protection, but make it emoji: {EYE_BUBBLE}"),
    ("emoji", "fr", f"Allez les Bleus 🇫🇷{HEART} ! Rendez-vous au bar à 21 h."),
    ("emoji", "de", f"Unsere kleine Familie {FAMILY_MWGB} wünscht euch frohe Ostern 🐣🌷"),
    ("emoji", "es", f"¡Feliz cumpleaños, abuela! 🎂🎉 Te queremos mucho {HEART}"),
    ("emoji", "pt_BR", f"Gol do Brasil 🇧🇷⚽{HEART_FIRE} que jogo!"),
    ("emoji", "ru", f"Поздравляем с днём рождения! 🎂🎈 Счастья, здоровья и любви {HEART}"),
    ("emoji", "uk", f"Слава Україні 🇺🇦{HEART} Дякуємо всім волонтерам!"),
    ("emoji", "ja", f"今日はお花見に行きました🌸🍡 家族みんなで{FAMILY_MWG}楽しかったです！"),
    ("emoji", "ko", f"생일 축하해요 🎂🥳 항상 행복하세요{HEART}"),
    ("emoji", "zh_CN", f"新年快乐🧧🎆 祝大家身体健康，万事如意{HEART}"),
    ("emoji", "ar", f"عيد مبارك 🌙✨ وكل عام وأنتم بخير {HEART}"),
    ("emoji", "he", f"שנה טובה ומתוקה 🍎🍯 מכל המשפחה {FAMILY_MWG}"),
    ("emoji", "hi", f"दीपावली की हार्दिक शुभकामनाएँ 🪔✨ {HEART}"),
    ("emoji", "tr", f"Bayramınız kutlu olsun 🌙 Sevgiyle, tüm aile {FAMILY_MWGB}"),
    ("emoji", "el", f"Χρόνια πολλά! 🎂🎉 Να τα εκατοστήσεις {HEART}"),
    ("emoji", "en", "Volunteers needed 🙋🏽\u200d♀\ufe0f🙋🏻\u200d♂\ufe0f for Saturday's beach clean-up 🏖\ufe0f"),
    ("emoji", "en", "The runners 🏃🏾\u200d♀\ufe0f\u200d➡\ufe0f crossed the line just after 10:42."),
    ("emoji", "en", "Shrug 🤷🏼\u200d♂\ufe0f — the build is green again, nobody knows why."),
]

MATHS = [
    ("maths", "en", "For all x ∈ ℝ², the map f(x) = ‖x‖² is convex and f(0) = 0."),
    ("maths", "en", "Let ε > 0 and choose δ = ε/2; then |x − a| < δ implies |f(x) − f(a)| < ε."),
    ("maths", "en", "The sets ℕ ⊂ ℤ ⊂ ℚ ⊂ ℝ ⊂ ℂ are the usual number systems."),
    ("maths", "en", "∀x ∃y: x < y, so the natural numbers have no largest element."),
    ("maths", "en", "Vitamin B₁₂ deficiency is common in older adults and in strict vegans."),
    ("maths", "en", "The reaction 2H₂ + O₂ → 2H₂O releases about 286 kJ per mole of water."),
    ("maths", "en", "Solve x² − 5x + 6 = 0; the roots are x₁ = 2 and x₂ = 3."),
    ("maths", "en", "The oven was set to 180 ℃, which is 356 ℉."),
    ("maths", "en", "A temperature difference ΔT = 12 K drives the heat flux through the wall."),
    ("maths", "en", "The fibres have a diameter of 7 μm and a tensile strength of 3.5 GPa."),
    ("maths", "en", "Peak absorption occurs at λ_max = 450 nm in ethanol."),
    ("maths", "en", "Here 𝑓(𝑥) denotes the density and 𝑔 the gravitational acceleration."),
    ("maths", "en", "The angular frequency ω = 2πν relates to the frequency ν of the wave."),
    ("maths", "en", "The α and β particles were separated by a magnetic field of 0.5 T."),
    ("maths", "en", "Significance was set at α = 0.05 and the effect size was reported as Cohen's d."),
    ("maths", "en", "With μ = 100 and σ = 15, about 95% of scores fall between 70 and 130."),
    ("maths", "en", "The resistance was measured as 4.7 kΩ at 25 °C."),
    ("maths", "en", "Integrate ∫₀^∞ e^(−x²) dx = √π / 2 using polar coordinates."),
    ("maths", "en", "The sum ∑ᵢ aᵢ converges absolutely when ∑ᵢ |aᵢ| < ∞."),
    ("maths", "en", "If A ∩ B = ∅ then P(A ∪ B) = P(A) + P(B)."),
    ("maths", "en", "The gradient ∇φ points in the direction of steepest ascent of φ."),
    ("maths", "en", "A ≈ 6.022 × 10²³ mol⁻¹ is Avogadro's constant."),
    ("maths", "en", "The Hamiltonian Ĥψ = Eψ gives the stationary states of the system."),
    ("maths", "en", "The group SO(3) acts on the sphere S² by rotations."),
    ("maths", "en", "Use the angle θ between the vectors: cos θ = u·v / (‖u‖‖v‖)."),
    ("maths", "en", "The decay constant λ and the half-life t½ satisfy t½ = ln 2 / λ."),
    ("maths", "en", "The ℓ¹ norm promotes sparsity, while the ℓ² norm penalises large weights."),
    ("maths", "en", "Π-bonds are weaker than σ-bonds in most organic molecules."),
    ("maths", "en", "Water boils at 100 °C at sea level but at about 70 °C on Everest."),
    ("maths", "en", "Let 𝒜 be a σ-algebra on Ω and μ a measure on 𝒜."),
    ("maths", "en", "The matrix 𝐀 is symmetric, so its eigenvectors 𝐯ᵢ are orthogonal."),
    ("maths", "en", "For the ideal gas law pV = nRT, R ≈ 8.314 J⋅mol⁻¹⋅K⁻¹."),
    ("maths", "de", "Für alle n ∈ ℕ gilt 2ⁿ > n, wie man per Induktion zeigt."),
    ("maths", "fr", "Soit f : ℝ → ℝ une fonction continue telle que f(0) = 1."),
    ("maths", "ru", "Пусть ε > 0; тогда существует δ > 0 такое, что |f(x) − f(y)| < ε."),
    ("maths", "ru", "Скорость света c ≈ 3·10⁸ м/с, а постоянная Планка ħ ≈ 1,05·10⁻³⁴ Дж·с."),
    ("maths", "el", "Η συνάρτηση f(x) = x² είναι κυρτή για κάθε x ∈ ℝ."),
    ("maths", "en", "Temperatures in the core reach 15 million K; the density is about 150 g/cm³."),
    ("maths", "en", "The sample contained 3 μg of lead per litre, below the 10 μg/L limit."),
    ("maths", "en", "Ångström units (Å) are still common in crystallography: 1 Å = 0.1 nm."),
]

PERSIAN = [
    ("zwnj-persian", "fa", f"من می{ZWNJ}خواهم فردا به کتابخانه بروم."),
    ("zwnj-persian", "fa", f"آن{ZWNJ}ها دیروز به خانه{ZWNJ}ی ما آمدند."),
    ("zwnj-persian", "fa", f"کتاب{ZWNJ}های جدید را روی میز گذاشته{ZWNJ}ام."),
    ("zwnj-persian", "fa", f"لطفاً فایل را ذخیره کنید و سپس برنامه را ببندید؛ تغییرات ذخیره{ZWNJ}نشده از بین می{ZWNJ}روند."),
    ("zwnj-persian", "fa", f"دانش{ZWNJ}آموزان باید تکالیفشان را تا پنج{ZWNJ}شنبه تحویل دهند."),
    ("zwnj-persian", "fa", f"این نرم{ZWNJ}افزار به زبان{ZWNJ}های مختلفی ترجمه شده است."),
    ("zwnj-persian", "fa", f"ما همیشه به یکدیگر کمک می{ZWNJ}کنیم."),
    ("zwnj-persian", "fa", f"بزرگ{ZWNJ}ترین شهر ایران تهران است."),
    ("zwnj-persian", "fa", f"رمز عبور شما باید دست{ZWNJ}کم هشت نویسه داشته باشد."),
    ("zwnj-persian", "fa", f"برای ادامه، روی دکمه{ZWNJ}ی «بعدی» کلیک کنید."),
    ("zwnj-persian", "fa", f"هم{ZWNJ}اکنون {FSI}Firefox{PDI} در حال به{ZWNJ}روزرسانی است."),
    ("zwnj-persian", "fa", f"نمی{ZWNJ}توانم پرونده را باز کنم، چون دسترسی ندارم."),
    ("zwnj-persian", "fa", f"خبرگزاری{ZWNJ}ها گزارش دادند که جلسه به هفته{ZWNJ}ی آینده موکول شد."),
    ("zwnj-persian", "fa", f"۱۲ دانشجو در این کارگاه شرکت کرده{ZWNJ}اند."),
    ("zwnj-persian", "ur", "ہم نے یہ کتاب پڑھی ہے اور یہ بہت دلچسپ ہے۔"),
    ("zwnj-persian", "ur", "براہِ کرم اپنا پاس ورڈ دوبارہ درج کریں۔"),
    ("zwnj-persian", "ur", f"نئی{ZWNJ}دہلی اور اسلام{ZWNJ}آباد کے درمیان مذاکرات جاری ہیں۔"),
    ("zwnj-persian", "ur", "یہ فائل محفوظ نہیں کی جا سکی؛ دوبارہ کوشش کریں۔"),
    ("zwnj-persian", "ckb", f"ئەم نەرم{ZWNJ}ئامێرە بە خۆڕایی بەردەستە."),
    ("zwnj-persian", "ckb", "تکایە وشەی نهێنی نوێ بنووسە."),
    ("zwnj-persian", "ps", "زه غواړم چې پښتو ژبه زده کړم."),
    ("zwnj-persian", "ps", f"دا کتاب{ZWNJ}ونه د ښوونځي د کتابتون دي."),
    ("zwnj-persian", "ku", "Ez dixwazim sibê biçim pirtûkxaneyê."),
    ("zwnj-persian", "fa", f"او گفت: «من دیگر نمی{ZWNJ}آیم.»"),
    ("zwnj-persian", "fa", f"پیش{ZWNJ}نمایش چاپ را ببینید و سپس «چاپ» را بزنید."),
    ("zwnj-persian", "fa", f"تنظیمات حریم{ZWNJ}خصوصی را می{ZWNJ}توانید از منوی بالا تغییر دهید."),
]

INDIC = [
    ("indic-joiners", "hi", f"क्{ZWJ}ष एक संयुक्ताक्षर है जिसे आधे क के साथ भी लिखा जाता है।"),
    ("indic-joiners", "hi", f"कुछ फ़ॉन्ट में र्{ZWJ}य का रूप अलग दिखता है।"),
    ("indic-joiners", "hi", f"हिन्दी में क्{ZWNJ}ष लिखने से संयुक्ताक्षर नहीं बनता।"),
    ("indic-joiners", "mr", f"मराठीत र्{ZWJ}य हे रूप काही शब्दांत दिसते."),
    ("indic-joiners", "ne", f"नेपाली भाषामा पनि क्{ZWJ}ष र ज्ञ प्रयोग हुन्छन्।"),
    ("indic-joiners", "ml", "അവൻ ഇന്നലെ വന്നു; അവൾ നാളെ വരും."),
    ("indic-joiners", "ml", f"പഴയ എൻകോഡിംഗിൽ ചില്ലക്ഷരം ന്{ZWJ} എന്ന് എഴുതിയിരുന്നു: അവന്{ZWJ} വന്നു."),
    ("indic-joiners", "ml", f"കേരളത്തിലെ പ്രധാന ഭാഷ മലയാളമാണ്; ണ്{ZWJ}, ല്{ZWJ} എന്നിവയും ചില്ലുകളാണ്."),
    ("indic-joiners", "si", f"ශ්{ZWJ}රී ලංකාව ඉන්දියන් සාගරයේ පිහිටි දූපතකි."),
    ("indic-joiners", "si", f"ශ්{ZWJ}රී ජයවර්ධනපුර කෝට්ටේ ශ්{ZWJ}රී ලංකාවේ පරිපාලන අගනුවරයි."),
    ("indic-joiners", "si", f"ක්{ZWJ}රියාවලිය සම්පූර්ණ වූ පසු පරිගණකය නැවත ආරම්භ කරන්න."),
    ("indic-joiners", "si", f"ප්{ZWJ}රශ්නයක් ඇත්නම් කරුණාකර අපව අමතන්න."),
    ("indic-joiners", "bn", f"র{ZWJ}্যাব বাহিনী এবং র{ZWJ}্যালি শব্দে য-ফলা আলাদা দেখায়।"),
    ("indic-joiners", "bn", "বাংলাদেশের রাজধানী ঢাকা একটি জনবহুল শহর।"),
    ("indic-joiners", "kn", "ಕನ್ನಡ ಕರ್ನಾಟಕ ರಾಜ್ಯದ ಅಧಿಕೃತ ಭಾಷೆ."),
    ("indic-joiners", "te", f"తెలుగులో క్{ZWNJ}ష మరియు క్ష వేర్వేరుగా కనిపిస్తాయి."),
    ("indic-joiners", "ta", "தமிழ் மொழி உலகின் பழமையான மொழிகளில் ஒன்றாகும்."),
    ("indic-joiners", "gu", f"ગુજરાતીમાં ક્{ZWJ}ષ અને ક્ષ બંને જોવા મળે છે."),
    ("indic-joiners", "pa", "ਪੰਜਾਬੀ ਗੁਰਮੁਖੀ ਲਿਪੀ ਵਿੱਚ ਲਿਖੀ ਜਾਂਦੀ ਹੈ।"),
    ("indic-joiners", "sa", "संस्कृतम् अतीव प्राचीना भाषा अस्ति।"),
]

RTL_MARKS = [
    ("rtl-marks", "he", f"הגרסה החדשה היא 3.2.1{LRM} והיא זמינה להורדה."),
    ("rtl-marks", "he", f"המחיר הוא {LRM}$49.99{LRM} כולל מע״מ."),
    ("rtl-marks", "he", f"התקנו את Windows 11{LRM} על כל המחשבים במשרד."),
    ("rtl-marks", "he", f"לפרטים נוספים פנו אל support@example.com{LRM} או התקשרו אלינו."),
    ("rtl-marks", "he", f"הקובץ report-2024.pdf{LRM} נשמר בתיקייה הראשית."),
    ("rtl-marks", "he", f"שלום, {RLM}(בדיקה){RLM} – זהו ניסיון."),
    ("rtl-marks", "he", f"התאריך הוא 12/05/2024{LRM} והשעה 14:30{LRM}."),
    ("rtl-marks", "he", f"השתמשו ב-Python 3.12{LRM} ומעלה כדי להריץ את הכלי."),
    ("rtl-marks", "ar", f"الإصدار 2.0{ALM} متاح الآن للتنزيل."),
    ("rtl-marks", "ar", f"يرجى إدخال الرمز ABC-123{LRM} في الحقل أدناه."),
    ("rtl-marks", "ar", f"تم تحديث {LRM}Google Chrome{LRM} إلى أحدث إصدار."),
    ("rtl-marks", "ar", f"درجة الحرارة اليوم 25-30{ALM} درجة مئوية."),
    ("rtl-marks", "ar", f"رقم الهاتف: {LRM}+966 11 234 5678{LRM}"),
    ("rtl-marks", "ar", f"السعر {ALM}-15%{ALM} خلال فترة التخفيضات."),
    ("rtl-marks", "ar", f"اقرأ المقال على الموقع www.example.org{LRM} للمزيد من التفاصيل."),
    ("rtl-marks", "fa", f"نسخه{ZWNJ}ی ۳٫۰{RLM} منتشر شد."),
    ("rtl-marks", "fa", f"برای اطلاعات بیشتر به {LRM}https://example.ir{LRM} مراجعه کنید."),
    ("rtl-marks", "ur", f"قیمت {LRM}Rs. 1,200{LRM} ہے۔"),
    ("rtl-marks", "he", f"{RLE}המשפט הזה עטוף בהטבעה מימין לשמאל{PDF} ונגמר כאן."),
    ("rtl-marks", "en", f"The Hebrew title {RLE}שלום עולם{PDF} means \"hello world\"."),
    ("rtl-marks", "ar", f"{RLE}مرحبا بكم في {LRE}Ubuntu 24.04{PDF}{PDF}"),
    ("rtl-marks", "he", f"מספר ההזמנה #4521{LRM} אושר."),
    ("rtl-marks", "yi", f"דער נייַער ווערסיע 5.1{LRM} איז שוין דאָ."),
    ("rtl-marks", "ar", f"أرسل {LRM}CV.docx{LRM} و{LRM}photo.jpg{LRM} قبل الموعد."),
]

ISOLATES = [
    ("rtl-isolates", "ar", f"تم حذف الملف {FSI}report.pdf{PDI} بنجاح."),
    ("rtl-isolates", "ar", f"مرحبًا {FSI}John Smith{PDI}، لديك ٣ رسائل جديدة."),
    ("rtl-isolates", "ar", f"قام {FSI}Ahmed{PDI} بالإعجاب بصورتك."),
    ("rtl-isolates", "ar", f"لا يمكن العثور على المجلد {FSI}/home/user/docs{PDI}."),
    ("rtl-isolates", "he", f"המשתמש {FSI}alice_92{PDI} הצטרף לקבוצה."),
    ("rtl-isolates", "he", f"הקובץ {LRI}notes-v2.txt{PDI} נמחק מהשרת."),
    ("rtl-isolates", "he", f"{FSI}דני{PDI} שלח לך הודעה."),
    ("rtl-isolates", "he", f"שגיאה בחיבור אל {LRI}db.example.com:5432{PDI}"),
    ("rtl-isolates", "fa", f"فایل {FSI}photo_2024.jpg{PDI} بارگذاری شد."),
    ("rtl-isolates", "fa", f"{FSI}Sara{PDI} شما را به گروه اضافه کرد."),
    ("rtl-isolates", "ur", f"{FSI}Ali{PDI} نے آپ کو پیغام بھیجا ہے۔"),
    ("rtl-isolates", "en", f"User {FSI}محمد{PDI} commented on your post."),
    ("rtl-isolates", "en", f"{FSI}שרה{PDI} liked your photo."),
    ("rtl-isolates", "en", f"The file {FSI}تقرير.docx{PDI} was shared with you."),
    ("rtl-isolates", "en", f"Search results for {FSI}מחשב נייד{PDI}: 24 items"),
    ("rtl-isolates", "de", f"{FSI}علی{PDI} hat dir eine Nachricht gesendet."),
    ("rtl-isolates", "ar", f"الطلب رقم {LRI}#A-1042{PDI} قيد الشحن."),
    ("rtl-isolates", "he", f"ההורדה של {FSI}Firefox 128.0{PDI} הושלמה ({LRI}85 MB{PDI})."),
    ("rtl-isolates", "ar", f"نتائج البحث عن {RLI}كتب الأطفال{PDI}: ١٢ نتيجة"),
    ("rtl-isolates", "en", f"Translated by {RLI}فريق الترجمة{PDI} and reviewed by {FSI}Ana{PDI}."),
]

CJK = [
    ("cjk-ivs", "ja", f"{ivs('葛', 0)}飾区の区役所は立石にあります。"),
    ("cjk-ivs", "ja", f"{ivs('葛', 1)}城市は奈良県の北西部に位置しています。"),
    ("cjk-ivs", "ja", f"{ivs('辻', 0)}さんは来週から大阪支社に異動します。"),
    ("cjk-ivs", "ja", f"二点しんにょうの「{ivs('辻', 1)}」は人名でよく使われます。"),
    ("cjk-ivs", "ja", f"渡{ivs('邉', 0)}部長に資料を送りました。"),
    ("cjk-ivs", "ja", f"渡{ivs('邉', 8)}さんの名前は戸籍どおりの字体で印刷してください。"),
    ("cjk-ivs", "ja", f"{ivs('祇', 0)}園祭は毎年七月に京都で行われます。"),
    ("cjk-ivs", "ja", f"{ivs('飴', 0)}と鞭の政策は長続きしなかった。"),
    ("cjk-ivs", "ja", f"{ivs('逢', 0)}坂の関は古典によく登場します。"),
    ("cjk-ivs", "ja", f"記録を{ivs('遡', 0)}ると、この店は明治時代の創業だ。"),
    ("cjk-ivs", "ja", f"その事件は今も{ivs('謎', 0)}に包まれている。"),
    ("cjk-ivs", "ja", f"{ivs('葛', 0)}西さんと{ivs('辻', 0)}本さんが会議に出席しました。"),
    ("cjk-fullwidth", "ja", "ＡＢＣ商事は１２３番地に新しい事務所を開設しました。"),
    ("cjk-fullwidth", "ja", "会議は１０月２５日（金）の午後３時からです。"),
    ("cjk-fullwidth", "ja", "ＮＨＫの番組で紹介されたレシピを試してみました。"),
    ("cjk-fullwidth", "ja", "パスワードには半角英数字を使用してください（全角のＡ〜Ｚは使えません）。"),
    ("cjk-fullwidth", "ja", "ＪＲ東日本は年末年始の臨時列車を発表した。"),
    ("cjk-fullwidth", "ja", "第２章では、ＳＮＳの普及について説明します。"),
    ("cjk-fullwidth", "ja", "価格は１，９８０円（税込）です。"),
    ("cjk-fullwidth", "ja", "ＵＳＢメモリを差し込んで、「ＯＫ」ボタンを押してください。"),
    ("cjk-fullwidth", "ja", "東京都千代田区丸の内１－２－３　ＡＢＣビル５Ｆ"),
    ("cjk-fullwidth", "ja", "ＩＴ企業の採用担当者がＡＩについて講演した。"),
    ("cjk-fullwidth", "zh_CN", "请在１２：００之前提交ＰＤＦ格式的报告。"),
    ("cjk-fullwidth", "zh_CN", "本次活动由ＸＹＺ公司赞助，共有３０人参加。"),
    ("cjk-fullwidth", "ko", "ＫＢＳ 뉴스에 따르면 내일은 전국에 비가 내립니다."),
    ("cjk-fullwidth", "ja", "半角ｶﾀｶﾅは古いシステムでよく使われていました。"),
    ("cjk-fullwidth", "ja", "「ｗｗｗ」は笑いを表すネットスラングです。"),
    ("cjk-text", "zh_TW", "這個程式需要重新啟動才能套用新的設定。"),
    ("cjk-text", "zh_CN", "无法连接到服务器，请检查您的网络设置。"),
    ("cjk-text", "ko", "파일을 저장하지 못했습니다. 디스크 공간을 확인하세요."),
    ("cjk-text", "ja", "このファイルは既に存在します。上書きしますか？"),
]

MONGOLIAN = [
    ("mongolian-fvs", "mn", "ᠮᠣᠩᠭᠣᠯ ᠤᠯᠤᠰ ᠤᠨ ᠨᠡᠶᠢᠰᠯᠡᠯ ᠬᠣᠲᠠ ᠪᠣᠯ ᠤᠯᠠᠭᠠᠨᠪᠠᠭᠠᠲᠤᠷ ᠮᠥᠨ᠃"),
    ("mongolian-fvs", "mn", f"ᠪᠢ ᠬᠣᠲᠠ ᠳ{FVS1}ᠤ ᠠᠮᠢᠳᠤᠷᠠᠵᠤ ᠪᠠᠶᠢᠨ{MVS}ᠠ᠃"),
    ("mongolian-fvs", "mn", f"ᠡᠨᠡ ᠨᠣᠮ ᠢ ᠪᠢ ᠤᠩᠰᠢᠵᠤ ᠪᠠᠶᠢᠨ{MVS}ᠠ᠃"),
    ("mongolian-fvs", "mn", f"ᠬᠠᠷ{MVS}ᠠ ᠮᠣᠷᠢ ᠲᠠᠯ{MVS}ᠠ ᠳ{FVS1}ᠤ ᠪᠠᠶᠢᠨ{MVS}ᠠ᠃"),
    ("mongolian-fvs", "mn", f"ᠨᠠᠭᠠᠳᠤᠮ ᠤᠨ ᠪᠠᠶᠠᠷ ᠳ{FVS1}ᠤ ᠣᠯᠠᠨ ᠬᠦᠮᠦᠰ ᠢᠷᠡᠪᠡ᠃"),
    ("mongolian-fvs", "mn", f"ᠥᠪᠦᠯ ᠳ{FVS1}ᠦ ᠴᠠᠰᠤ ᠣᠷᠤᠵᠤ ᠪᠠᠶᠢᠨ{MVS}ᠠ᠃"),
    ("mongolian-fvs", "mn", f"ᠰᠤᠷᠭᠠᠭᠤᠯᠢ ᠳ{FVS1}ᠤ ᠰᠤᠷᠤᠭᠴᠢᠳ ᠤᠯᠠᠨ ᠪᠠᠶᠢᠨ{MVS}ᠠ᠃"),
    ("mongolian-fvs", "mn", "Монгол Улсын нийслэл Улаанбаатар хот юм."),
]

ZWSP_SCRIPTS = [
    ("zwsp-separators", "th", f"ภาษาไทย{ZWSP}ไม่มี{ZWSP}การ{ZWSP}เว้นวรรค{ZWSP}ระหว่าง{ZWSP}คำ"),
    ("zwsp-separators", "th", f"กรุณา{ZWSP}บันทึก{ZWSP}ไฟล์{ZWSP}ก่อน{ZWSP}ปิด{ZWSP}โปรแกรม"),
    ("zwsp-separators", "th", f"ประเทศไทย{ZWSP}มี{ZWSP}ประชากร{ZWSP}ประมาณ{ZWSP}70{ZWSP}ล้าน{ZWSP}คน"),
    ("zwsp-separators", "th", f"วันนี้{ZWSP}อากาศ{ZWSP}ดี{ZWSP}มาก เรา{ZWSP}จะ{ZWSP}ไป{ZWSP}ทะเล{ZWSP}กัน"),
    ("zwsp-separators", "th", f"รหัสผ่าน{ZWSP}ของ{ZWSP}คุณ{ZWSP}ไม่{ZWSP}ถูกต้อง"),
    ("zwsp-separators", "km", f"ភាសាខ្មែរ{ZWSP}ជា{ZWSP}ភាសា{ZWSP}ផ្លូវការ{ZWSP}របស់{ZWSP}ប្រទេស{ZWSP}កម្ពុជា។"),
    ("zwsp-separators", "km", f"សូម{ZWSP}រក្សាទុក{ZWSP}ឯកសារ{ZWSP}មុន{ZWSP}ពេល{ZWSP}បិទ។"),
    ("zwsp-separators", "km", f"ខ្ញុំ{ZWSP}ចូលចិត្ត{ZWSP}អាន{ZWSP}សៀវភៅ{ZWSP}នៅ{ZWSP}ពេល{ZWSP}ល្ងាច។"),
    ("zwsp-separators", "lo", f"ພາສາລາວ{ZWSP}ເປັນ{ZWSP}ພາສາ{ZWSP}ທາງການ{ZWSP}ຂອງ{ZWSP}ລາວ"),
    ("zwsp-separators", "lo", f"ກະລຸນາ{ZWSP}ປ້ອນ{ZWSP}ລະຫັດຜ່ານ{ZWSP}ຂອງ{ZWSP}ທ່ານ"),
    ("zwsp-separators", "my", f"မြန်မာ{ZWSP}ဘာသာ{ZWSP}စကား{ZWSP}သည်{ZWSP}မြန်မာ{ZWSP}နိုင်ငံ{ZWSP}၏{ZWSP}ရုံးသုံး{ZWSP}ဘာသာ{ZWSP}ဖြစ်{ZWSP}သည်။"),
    ("zwsp-separators", "my", f"ကျေးဇူးပြု၍{ZWSP}ဖိုင်{ZWSP}ကို{ZWSP}သိမ်းဆည်း{ZWSP}ပါ။"),
    ("zwsp-separators", "bo", f"བོད་ཀྱི་{ZWSP}སྐད་ཡིག་{ZWSP}ནི་{ZWSP}རྒྱུན་ལྡན་{ZWSP}ཡིན།"),
    ("zwsp-separators", "th", "โปรแกรมนี้ต้องการการเชื่อมต่ออินเทอร์เน็ต"),
    ("zwsp-separators", "en", f"Long URLs like https://example.com/a/very/long/{ZWSP}path/{ZWSP}segment wrap at the break hints."),
]

GERMANIC_HYPHENS = [
    ("soft-hyphen", "de", f"Die Fuß{SHY}ball{SHY}welt{SHY}meis{SHY}ter{SHY}schaft findet alle vier Jahre statt."),
    ("soft-hyphen", "de", f"Die Donau{SHY}dampf{SHY}schiff{SHY}fahrts{SHY}gesell{SHY}schaft war einst ein großes Unternehmen."),
    ("soft-hyphen", "de", f"Das Rind{SHY}fleisch{SHY}eti{SHY}kettierungs{SHY}über{SHY}wachungs{SHY}aufgaben{SHY}über{SHY}tragungs{SHY}gesetz wurde 2013 aufgehoben."),
    ("soft-hyphen", "de", f"Bitte lesen Sie die Daten{SHY}schutz{SHY}erklärung sorgfältig durch."),
    ("soft-hyphen", "de", f"Die Kranken{SHY}versicherungs{SHY}karte muss bei jedem Arzt{SHY}besuch vorgelegt werden."),
    ("soft-hyphen", "de", f"Unsere Kunden{SHY}zufriedenheits{SHY}umfrage dauert nur fünf Minuten."),
    ("soft-hyphen", "fi", f"Lento{SHY}kone{SHY}suihku{SHY}turbiini{SHY}moottori{SHY}apu{SHY}mekaanikko on pitkä sana."),
    ("soft-hyphen", "fi", f"Kaikki järjestelmä{SHY}päivitykset asennetaan automaattisesti yöllä."),
    ("soft-hyphen", "nl", f"De kinder{SHY}carnavals{SHY}optocht{SHY}voorbereidings{SHY}werkzaamheden zijn begonnen."),
    ("soft-hyphen", "sv", f"Sjukvårds{SHY}upplysnings{SHY}tjänsten svarar dygnet runt."),
    ("soft-hyphen", "hu", f"Megszentségteleníthetetlen{SHY}ségeskedéseitekért kapta a díjat."),
    ("soft-hyphen", "en", f"The word anti{SHY}dis{SHY}establish{SHY}ment{SHY}arian{SHY}ism carries soft hyphens for narrow columns."),
    ("german-zwnj", "de", f"Die Auf{ZWNJ}lage des Buches ist vergriffen."),
    ("german-zwnj", "de", f"Das Dorf{ZWNJ}leben ist ruhiger als das Leben in der Stadt."),
    ("german-zwnj", "de", f"Die Schaf{ZWNJ}fellmütze war ein Geschenk meiner Großmutter."),
    ("german-zwnj", "de", f"Er hat die Kauf{ZWNJ}leute am Hafen getroffen."),
    ("german-zwnj", "de", f"In der Schrift wird die Ligatur in Auf{ZWNJ}lage, Schilf{ZWNJ}insel und Huf{ZWNJ}lattich unterdrückt."),
    ("german-zwnj", "de", f"Die Stoff{ZWNJ}lieferung kommt morgen."),
    ("german-zwnj", "nl", f"De Kauf{ZWNJ}lust-campagne in het Duits werd in Nederland vertaald."),
    ("german-zwnj", "de", f"Das norddeutsche Tief{ZWNJ}land ist sehr flach."),
]

FRENCH = [
    ("french-spacing", "fr", f"Attention{NNBSP}: le fichier existe déjà{NNBSP}!"),
    ("french-spacing", "fr", f"Voulez-vous vraiment quitter{NNBSP}? Les modifications seront perdues."),
    ("french-spacing", "fr", f"Il a dit{NBSP}: «{NBSP}Je reviens tout de suite{NBSP}»."),
    ("french-spacing", "fr", f"Prix{NNBSP}: 1{NNBSP}299,99{NBSP}€ TTC{NNBSP}; livraison gratuite."),
    ("french-spacing", "fr", f"La population de Paris est d’environ 2{NNBSP}100{NNBSP}000 habitants."),
    ("french-spacing", "fr", f"Erreur{NNBSP}: impossible d’ouvrir le fichier «{NNBSP}rapport.pdf{NNBSP}»."),
    ("french-spacing", "fr", f"Bonjour{NNBSP}! Comment allez-vous aujourd’hui{NNBSP}?"),
    ("french-spacing", "fr", f"Rendez-vous à 14{NBSP}h{NBSP}30, salle{NBSP}B."),
    ("french-spacing", "fr", f"Les résultats{NNBSP}: 42{NBSP}% de réussite, soit 3{NNBSP}à 4{NNBSP}points de plus."),
    ("french-spacing", "fr", f"Quoi{NNBSP}?{NNBSP}! Tu as encore oublié tes clés{NNBSP}?"),
    ("french-spacing", "fr", f"M.{NBSP}Dupont et Mme{NBSP}Martin sont arrivés."),
    ("french-spacing", "fr", f"Voir le chapitre{NBSP}IV, p.{NBSP}125."),
    ("french-spacing", "fr_CA", "Attention: le fichier existe déjà!"),
    ("french-spacing", "fr", f"«{NNBSP}Liberté, égalité, fraternité{NNBSP}» est la devise de la République."),
    ("french-spacing", "de", f"Der Preis beträgt 1{NNBSP}234,56{NBSP}€."),
    ("french-spacing", "ru", f"Население Москвы — около 13{NBSP}млн человек."),
    ("french-spacing", "pl", f"Cena: 1{NBSP}299{NBSP}zł, w{NBSP}tym VAT."),
    ("french-spacing", "cs", f"Přijď v{NBSP}pondělí v{NBSP}8{NBSP}hodin."),
    ("french-spacing", "en", f"Chapter{NBSP}7 starts on page{NBSP}112, see Fig.{NBSP}3."),
    ("french-spacing", "fr", f"Le taux est passé de 3{NBSP}% à 4,5{NBSP}% en un an{NNBSP}; c’est énorme."),
]

TYPOGRAPHY = [
    ("typography", "en", "“It’s not a bug,” she said, “it’s a feature…” — and everyone laughed."),
    ("typography", "en", "Pages 12–18 cover the 1990–1995 period; see also § 4.2."),
    ("typography", "en", "The ‘quick fix’ took three days — longer than the proper one would have."),
    ("typography", "en", "Open Settings › Privacy › Location to turn it off."),
    ("typography", "en", "© 2024 Example Ltd. All rights reserved. Example™ is a registered mark®."),
    ("typography", "de", "„Das ist doch nicht dein Ernst“, sagte er – und ging."),
    ("typography", "de", "Sie nannte es ‚eine Kleinigkeit‘ … aber es war keine."),
    ("typography", "de", "»Guten Morgen«, rief sie aus dem Fenster."),
    ("typography", "fr", "Il a répondu : « Pas question ! » – et il est parti…"),
    ("typography", "es", "—¿Vienes mañana? —preguntó ella. —No lo sé… quizá."),
    ("typography", "es", "«El Quijote» se publicó en 1605; la segunda parte, en 1615."),
    ("typography", "it", "«Andiamo», disse lui, «è già tardi…»."),
    ("typography", "pl", "„Pan Tadeusz” to epopeja narodowa – pisał o niej każdy."),
    ("typography", "cs", "„Dobrý den,“ řekla. ‚Jak se máš?‘"),
    ("typography", "ru", "«Ёлки-палки», — сказал он. — «Опять дождь…»"),
    ("typography", "ru", "Он ответил: „Да“ — и ушёл."),
    ("typography", "uk", "«Заповіт» Шевченка — один із найвідоміших віршів."),
    ("typography", "ja", "「こんにちは」と彼女は言った。『源氏物語』を読んでいる…"),
    ("typography", "zh_CN", "他说：“我们明天见。”——然后就走了……"),
    ("typography", "sv", "”Hej då”, sa hon – och stängde dörren."),
    ("typography", "fi", "”Kiitos paljon”, hän sanoi – ja hymyili."),
    ("typography", "hu", "„Jó reggelt!” – köszönt a szomszéd."),
    ("typography", "en", "Temperatures range from −5 °C to +3 °C, ±0.5 °C."),
    ("typography", "en", "Bullet list: • apples • pears • plums; arrows → and ← both work."),
]

LATIN_ACCENTS = [
    ("latin-accents", "vi", "Tiếng Việt có sáu thanh điệu và dùng chữ Quốc ngữ."),
    ("latin-accents", "vi", "Hà Nội là thủ đô của nước Cộng hòa Xã hội chủ nghĩa Việt Nam."),
    ("latin-accents", "vi", "Không thể mở tệp tin này vì nó đang được sử dụng."),
    ("latin-accents", "vi", "Người ta thường ăn phở vào buổi sáng ở Hà Nội."),
    ("latin-accents", "pl", "Zażółć gęślą jaźń — to zdanie zawiera wszystkie polskie znaki."),
    ("latin-accents", "pl", "Łódź i Wrocław są dużymi miastami w Polsce."),
    ("latin-accents", "cs", "Příliš žluťoučký kůň úpěl ďábelské ódy."),
    ("latin-accents", "cs", "V Brně je nejvíc studentů na Masarykově univerzitě."),
    ("latin-accents", "sk", "Kŕdeľ šťastných ďatľov učí pri ústí Váhu mĺkveho koňa obhrýzať kôru."),
    ("latin-accents", "is", "Þjóðleikhúsið í Reykjavík var opnað árið 1950."),
    ("latin-accents", "is", "Ég ætla að fá mér kaffi og kökusneið, takk fyrir."),
    ("latin-accents", "tr", "İstanbul'da ılık bir sonbahar günüydü; çaylar içildi."),
    ("latin-accents", "tr", "Dosya kaydedilemedi: diskte yeterli alan yok."),
    ("latin-accents", "tr", "Pijamalı hasta yağız şoföre çabucak güvendi."),
    ("latin-accents", "ro", "Școala românească își deschide porțile pe 11 septembrie."),
    ("latin-accents", "ro", "Fișierul nu a putut fi șters deoarece este folosit."),
    ("latin-accents", "hu", "Árvíztűrő tükörfúrógép — a magyar ékezetek próbája."),
    ("latin-accents", "lt", "Įjunkite šį nustatymą, kad būtų rodomi pranešimai."),
    ("latin-accents", "lv", "Rīga ir Latvijas galvaspilsēta un lielākā pilsēta."),
    ("latin-accents", "hr", "Čaša šljivovice i đuveč za ručak u Đakovu."),
    ("latin-accents", "sl", "Ljubljana je glavno mesto Slovenije; čudovita je spomladi."),
    ("latin-accents", "et", "Õun ja pirn on puuviljad; jää sulab päikese käes."),
    ("latin-accents", "mt", "Il-Belt Valletta hija l-kapitali ta' Malta; ħafna nies iżuruha."),
    ("latin-accents", "cy", "Mae'r ŵyl yn dechrau ddydd Sadwrn yng Nghaerdydd."),
    ("latin-accents", "ga", "Tá an fhuinneog dúnta agus tá sé ag cur báistí."),
    ("latin-accents", "az", "Bakı Azərbaycanın paytaxtıdır; şəhər Xəzər sahilindədir."),
    ("latin-accents", "yo", "Ẹ káàbọ̀ sí ìlú Èkó; ọjà ń lọ dáadáa."),
    ("latin-accents", "ha", "Ƙasar Najeriya tana da jihohi talatin da shida."),
    ("latin-accents", "eo", "Eĥoŝanĝo ĉiuĵaŭde estas fama pangramo en Esperanto."),
    ("latin-accents", "de", "Größenwahn und Übermut führen selten zum Glück."),
    ("latin-accents", "da", "Københavns Rådhus ligger på Rådhuspladsen; Ærø er en ø."),
    ("latin-accents", "no", "Blåbærsyltetøy på brødskiva er det beste jeg vet."),
    ("latin-accents", "es", "El pingüino Wenceslao hizo kilómetros bajo exhaustiva lluvia y frío."),
    ("latin-accents", "pt_BR", "Ação, coração e informação são palavras com til e cedilha."),
    ("latin-accents", "fr", "Noël, où êtes-vous ? L'Haÿ-les-Roses n'est pas loin."),
    ("latin-accents", "ca", "L'àvia va comprar col·lecció de llibres a la plaça."),
    ("latin-accents", "vi", "Cửa hàng mở cửa từ 8 giờ sáng đến 10 giờ tối, kể cả Chủ nhật."),
]

BRANDS = [
    ("brand-names", "uk", "Компанія Apple представила новий iPhone у Купертіно."),
    ("brand-names", "uk", "Завантажте застосунок з Google Play або App Store."),
    ("brand-names", "uk", "Для входу використовуйте обліковий запис Microsoft або GitHub."),
    ("brand-names", "ru", "Компания Samsung выпустила обновление Android 14 для Galaxy S23."),
    ("brand-names", "ru", "Откройте Firefox и перейдите в раздел «Настройки»."),
    ("brand-names", "ru", "Файл был загружен в Dropbox, ссылка отправлена по e-mail."),
    ("brand-names", "ru", "Установите Python 3.12 и запустите pip install requests."),
    ("brand-names", "ru", "Встреча пройдёт в Zoom, запись будет на YouTube."),
    ("brand-names", "ru", "Сервер работает под Linux, база данных — PostgreSQL."),
    ("brand-names", "ru", "Нажмите Ctrl+C, чтобы скопировать, и Ctrl+V, чтобы вставить."),
    ("brand-names", "bg", "Изтеглете приложението от App Store или Google Play."),
    ("brand-names", "bg", "Компанията Coca-Cola откри нов завод край София."),
    ("brand-names", "sr", "Преузмите ажурирање за Windows и поново покрените рачунар."),
    ("brand-names", "mk", "Пораката е испратена преку Viber и WhatsApp."),
    ("brand-names", "be", "Кампанія Google адкрыла новы офіс у Варшаве."),
    ("brand-names", "kk", "Apple компаниясы жаңа MacBook ұсынды."),
    ("brand-names", "el", "Στείλτε μου το αρχείο στο Gmail ή μέσω Viber."),
    ("brand-names", "el", "Η εταιρεία Apple ανακοίνωσε νέο MacBook Pro."),
    ("brand-names", "el", "Κατεβάστε την εφαρμογή από το Google Play."),
    ("brand-names", "el", "Ο λογαριασμός σας στο Facebook έχει κλειδωθεί προσωρινά."),
    ("brand-names", "el", "Ανοίξτε το Chrome και πατήστε Ρυθμίσεις."),
    ("brand-names", "hy", "Apple ընկերությունը ներկայացրեց նոր iPhone։"),
    ("brand-names", "hy", "Ներբեռնեք հավելվածը Google Play-ից։"),
    ("brand-names", "ka", "კომპანია Microsoft-მა ახალი Windows გამოუშვა."),
    ("brand-names", "ru", "ООО «Ромашка» и ЗАО «Альфа» подписали договор в Москве."),
    ("brand-names", "ru", "Точка А находится в 5 км от точки В."),
    ("brand-names", "ru", "Витамин С содержится в цитрусовых и шиповнике."),
    ("brand-names", "uk", "На фото — вулиця Хрещатик, ліворуч будинок № 5."),
    ("brand-names", "ru", "Модель Tesla Model 3 стоит около 40 000 $."),
    ("brand-names", "ru", "Пишите нам в Telegram: @support_bot."),
]

SERBIAN = [
    ("serbian-digraphia", "sr", "Београд је главни град Србије. Beograd je glavni grad Srbije."),
    ("serbian-digraphia", "sr", "Ћирилица и латиница су равноправне — ćirilica i latinica su ravnopravne."),
    ("serbian-digraphia", "sr", "Добро дошли! Dobro došli! Изаберите писмо: ћирилица или latinica."),
    ("serbian-digraphia", "sr", "Новости су објављене на сајту; vesti su objavljene i na latinici."),
    ("serbian-digraphia", "sr", "Џеп, љубав, њива, ђак. Džep, ljubav, njiva, đak."),
    ("serbian-digraphia", "sr@latin", "Podešavanja su sačuvana. Подешавања су сачувана."),
    ("serbian-digraphia", "sr@latin", "Nije moguće otvoriti datoteku; proverite dozvole."),
    ("serbian-digraphia", "sr", "Град Нови Сад (Novi Sad) налази се на Дунаву."),
    ("serbian-digraphia", "sr", "Ова порука је на ћирилици, a ova na latinici."),
    ("serbian-digraphia", "sr", "Јована и Jovana су исто име написано различитим писмима."),
]

MISC = [
    ("bom", "en", f"{BOM}Title,Author,Year\nThe Hobbit,J. R. R. Tolkien,1937"),
    ("bom", "de", f"{BOM}Name;Straße;Ort\nMüller;Hauptstraße 5;München"),
    ("bom", "ru", f"{BOM}Привет! Этот файл сохранён в кодировке UTF-8 с BOM."),
    ("bom", "ja", f"{BOM}これはＢＯＭ付きのＵＴＦ－８テキストです。"),
    ("bom", "en", f"{BOM}# Release notes\n\n- Fixed the crash on startup."),
    ("bom", "fr", f"{BOM}Numéro;Libellé;Montant\n1;Café;2,50"),
    ("bom", "ar", f"{BOM}مرحبا بالعالم، هذا ملف نصي."),
    ("bom", "zh_CN", f"{BOM}姓名,年龄,城市\n张三,28,北京"),
    ("bom", "el", f"{BOM}Καλημέρα σας, αυτό είναι ένα αρχείο κειμένου."),
    ("bom", "en", f"{BOM}WEBVTT\n\n00:01.000 --> 00:04.000\nHello there."),
    ("crlf", "en", "Dear customer,\r\n\r\nyour order has been shipped.\r\nKind regards,\r\nThe team"),
    ("crlf", "de", "Sehr geehrte Damen und Herren,\r\nanbei finden Sie die Rechnung.\r\nMit freundlichen Grüßen"),
    ("crlf", "ru", "Здравствуйте!\r\nВаш заказ № 1234 отправлен.\r\nС уважением, магазин"),
    ("crlf", "en", "id,name,price\r\n1,Apple,0.50\r\n2,Banana,0.25\r\n"),
    ("crlf", "fr", "Bonjour,\r\nveuillez trouver ci-joint le devis.\r\nCordialement,"),
    ("crlf", "ja", "お世話になっております。\r\n資料を添付いたします。\r\nよろしくお願いいたします。"),
    ("crlf", "es", "Hola:\r\nTe envío el informe.\r\nUn saludo,"),
    ("crlf", "en", "[General]\r\nLanguage=en\r\nTheme=dark\r\n"),
    ("crlf", "pl", "Dzień dobry,\r\nw załączniku przesyłam fakturę.\r\nPozdrawiam"),
    ("crlf", "ar", "مرحبا،\r\nتم استلام طلبك.\r\nشكرا لك"),
    ("lone-letters", "el", "Στο τρίγωνο ΑΒΓ η γωνία Α είναι ορθή."),
    ("lone-letters", "el", "Η ευθεία ε τέμνει τον κύκλο στο σημείο Κ."),
    ("lone-letters", "el", "Το άρθρο 5 παρ. 2 εδ. β του Συντάγματος ορίζει τα εξής."),
    ("lone-letters", "el", "Ο φοιτητής πήρε Α στο μάθημα και Β στην εργασία."),
    ("lone-letters", "el", "Η ομάδα Α κέρδισε την ομάδα Β με 3-1."),
    ("lone-letters", "el", "Σύμφωνα με την περίπτωση α της παραγράφου 1, η αίτηση απορρίπτεται."),
    ("lone-letters", "el", "Ο Α΄ Παγκόσμιος Πόλεμος έληξε το 1918."),
    ("lone-letters", "el", "Η κατηγορία Ε του διπλώματος αφορά ρυμουλκούμενα."),
    ("lone-letters", "el", "Βλέπε Παράρτημα Ι, σελίδα 12."),
    ("lone-letters", "el", "Η ΑΕΚ και ο ΠΑΟΚ έπαιξαν ισόπαλα."),
    ("lone-letters", "el", "Το Ο.Τ.Ε. ανακοίνωσε νέα τιμολόγια."),
    ("lone-letters", "ru", "Пункт Б статьи 3 утратил силу; см. также приложение А."),
    ("lone-letters", "ru", "Вариант а) неверен, вариант в) верен."),
    ("lone-letters", "uk", "Група А пройшла до півфіналу, а група В — ні."),
    ("lone-letters", "bg", "Отговорът е а) или в), но не и б)."),
    ("lone-letters", "ru", "В классе 5 «А» учатся 25 человек."),
    ("lone-letters", "el", "Η ομάδα ΑΒ και η ομάδα ΓΔ θα συναντηθούν."),
    ("lone-letters", "hy", "Ա կետը և Բ կետը միացված են ուղիղ գծով։"),
]

# fmt: on

#: Every hand-written snippet, in a fixed order.
SNIPPETS: list[tuple[str, str, str]] = [
    *EMOJI,
    *MATHS,
    *PERSIAN,
    *INDIC,
    *RTL_MARKS,
    *ISOLATES,
    *CJK,
    *MONGOLIAN,
    *ZWSP_SCRIPTS,
    *GERMANIC_HYPHENS,
    *FRENCH,
    *TYPOGRAPHY,
    *LATIN_ACCENTS,
    *BRANDS,
    *SERBIAN,
    *MISC,
]

#: Sentence frames for the emoji sequences taken from ``emoji-test.txt``; ``{e}`` is the emoji.
EMOJI_FRAMES: list[tuple[str, str]] = [
    ("en", "Sent from my phone {e} see you soon!"),
    ("en", "That was the best concert ever {e}"),
    ("en", "Reminder: team lunch on Friday {e} bring your appetite."),
    ("en", "{e} Breaking: the office coffee machine works again."),
    ("en", "My reaction when the tests finally passed: {e}"),
    ("en", "Added {e} to the group chat name, hope nobody minds."),
    ("de", "Schönes Wochenende euch allen {e}"),
    ("de", "Danke für die Einladung {e} wir kommen gern!"),
    ("fr", "Merci pour tout {e} à bientôt !"),
    ("es", "¡Qué buena noticia! {e}"),
    ("it", "Ci vediamo domani al mare {e}"),
    ("pt_BR", "Bom dia, pessoal {e}"),
    ("ru", "Спасибо за поздравления {e}"),
    ("uk", "Гарного вам дня {e}"),
    ("pl", "Dzięki za pomoc {e}"),
    ("tr", "Harika bir gün geçirdik {e}"),
    ("el", "Καλό σαββατοκύριακο {e}"),
    ("ja", "今日もお疲れさまでした{e}"),
    ("ko", "오늘도 화이팅 {e}"),
    ("zh_CN", "周末愉快{e}"),
    ("ar", "صباح الخير {e}"),
    ("he", "בוקר טוב לכולם {e}"),
    ("fa", "روز خوبی داشته باشید {e}"),
    ("hi", "आपका दिन शुभ हो {e}"),
    ("th", "ขอบคุณมากนะ {e}"),
    ("vi", "Chúc mọi người cuối tuần vui vẻ {e}"),
]
