"""Well-known domains and genuine internationalized domain names, written for the evaluation.

Why: look-alike hosts are made from real targets (phishing imitates what people
trust), and a browser's spoof checker compares a host's skeleton with a list of
top domains.  This list was written by hand from widely known sites (search,
mail, social networks, shops, banks, payment, software, news, government,
universities), lower-case ASCII, one registrable domain each.  It is the
evaluation's own list, not Chromium's top-domain list (which is not available
offline), so the browser reference (``browser_idn.py``) and the look-alike
generators agree on what "well-known" means.

``GENUINE_IDNS`` are real-looking internationalized domains whose labels are
written in one script, as their owners register them; a browser shows them in
Unicode and a cleaner must leave them alone.
"""

from __future__ import annotations

_TOP_DOMAINS_TEXT = """
google.com youtube.com facebook.com instagram.com twitter.com x.com whatsapp.com
wikipedia.org yahoo.com amazon.com reddit.com linkedin.com netflix.com microsoft.com
apple.com bing.com live.com office.com outlook.com tiktok.com pinterest.com twitch.tv
ebay.com paypal.com github.com gitlab.com bitbucket.org stackoverflow.com
stackexchange.com zoom.us dropbox.com adobe.com salesforce.com slack.com discord.com
spotify.com wordpress.com wordpress.org medium.com quora.com tumblr.com vimeo.com
imdb.com cnn.com bbc.com bbc.co.uk nytimes.com theguardian.com washingtonpost.com
reuters.com bloomberg.com forbes.com wsj.com ft.com economist.com nature.com
sciencedirect.com springer.com arxiv.org nih.gov cdc.gov who.int un.org europa.eu
gov.uk irs.gov usps.com fedex.com ups.com dhl.com booking.com airbnb.com expedia.com
tripadvisor.com uber.com lyft.com doordash.com walmart.com target.com bestbuy.com
costco.com homedepot.com ikea.com etsy.com aliexpress.com alibaba.com taobao.com
jd.com baidu.com qq.com weibo.com bilibili.com zhihu.com yandex.ru mail.ru vk.com
ok.ru avito.ru ozon.ru wildberries.ru sberbank.ru tinkoff.ru gosuslugi.ru
naver.com daum.net kakao.com samsung.com lg.com sony.com nintendo.com playstation.com
xbox.com steampowered.com epicgames.com roblox.com minecraft.net ea.com ubisoft.com
chase.com bankofamerica.com wellsfargo.com citi.com hsbc.com barclays.co.uk
santander.com ing.com bnpparibas.com deutsche-bank.de commerzbank.de revolut.com
wise.com stripe.com squareup.com venmo.com coinbase.com binance.com kraken.com
blockchain.com visa.com mastercard.com americanexpress.com
oracle.com ibm.com intel.com amd.com nvidia.com cisco.com dell.com hp.com lenovo.com
asus.com acer.com huawei.com xiaomi.com oneplus.com motorola.com nokia.com
mozilla.org firefox.com chrome.com android.com chromium.org python.org pypi.org
npmjs.com nodejs.org rust-lang.org golang.org java.com kotlinlang.org php.net
ruby-lang.org perl.org debian.org ubuntu.com fedoraproject.org redhat.com suse.com
archlinux.org kernel.org gnu.org apache.org docker.com kubernetes.io
cloudflare.com akamai.com fastly.com digitalocean.com heroku.com vercel.com
netlify.com godaddy.com namecheap.com icann.org iana.org letsencrypt.org
amazonaws.com azure.com googleapis.com gstatic.com icloud.com me.com gmail.com
protonmail.com proton.me tutanota.com zoho.com yahoo.co.jp rakuten.co.jp
mercadolibre.com globo.com uol.com.br olx.com flipkart.com paytm.com
zillow.com craigslist.org indeed.com glassdoor.com monster.com
coursera.org edx.org udemy.com khanacademy.org duolingo.com wikihow.com
harvard.edu stanford.edu mit.edu berkeley.edu ox.ac.uk cam.ac.uk ethz.ch
espn.com nba.com nfl.com fifa.com uefa.com olympics.com
weather.com accuweather.com openai.com anthropic.com huggingface.co kaggle.com
canva.com figma.com notion.so trello.com atlassian.com jira.com asana.com
mailchimp.com hubspot.com shopify.com squarespace.com wix.com weebly.com
telegram.org signal.org viber.com skype.com line.me wechat.com snapchat.com
spotify.net soundcloud.com deezer.com pandora.com hulu.com disneyplus.com hbomax.com
primevideo.com crunchyroll.com archive.org wikimedia.org wiktionary.org
openstreetmap.org maps.google.com translate.google.com duckduckgo.com ecosia.org
brave.com opera.com vivaldi.com torproject.org startpage.com
steamcommunity.com battle.net blizzard.com riotgames.com leagueoflegends.com
"""
TOP_DOMAINS: tuple[str, ...] = tuple(_TOP_DOMAINS_TEXT.split())

GENUINE_IDNS: dict[str, tuple[str, ...]] = {
    # one script per label, as registries allow; the TLD fits the language
    "dev": (
        "bücher.de",
        "münchen.de",
        "яндекс.рф",
        "例え.テスト",
        "ελλάδα.gr",
        "köln.de",
        "правительство.рф",
        "москва.рф",
        "中国政府.网址",
        "한국인터넷정보센터.한국",
        "ουρανός.gr",
        "תפוז.co.il",
        "مثال.إختبار",
        "пример.испытание",
        "café.fr",
        "zürich-airport.ch",
        "españa.com",
        "türkiye.com",
        "háskóli.is",
        "ålesund.no",
    ),
    "heldout": (
        "straße.de",
        "düsseldorf.de",
        "россия.рф",
        "президент.рф",
        "日本語.jp",
        "ドメイン名例.jp",
        "δοκιμή.gr",
        "北京大学.cn",
        "中文网.cn",
        "대한민국.kr",
        "україна.укр",
        "срб.срб",
        "мкд.мкд",
        "ქართული.გე",
        "հայաստան.հայ",
        "ไทย.ไทย",
        "भारत.भारत",
        "رسمی.ایران",
        "évian.fr",
        "øl.dk",
        "kuşadası.com.tr",
        "göteborg.se",
        "łódź.pl",
        "přístav.cz",
    ),
    # for the domains table (docs/accuracy.md) only
    "table": (
        "köln-bonn.de",
        "gärtnerei.at",
        "señor.es",
        "ñandú.com.ar",
        "hôtel.fr",
        "lækker.dk",
        "smörgås.se",
        "čeština.cz",
        "ağaç.com.tr",
        "şişli.com.tr",
        "điệnthoại.vn",
        "tiếngviệt.vn",
        "москва.рус",
        "київ.укр",
        "беларусь.бел",
        "қазақстан.қаз",
        "ελληνικά.ελ",
        "αθήνα.gr",
        "東京.jp",
        "大阪.jp",
        "台灣.tw",
        "香港.hk",
        "한국.kr",
        "서울.kr",
        "مصر.مصر",
        "السعودية.السعودية",
        "ایران.ایران",
        "ישראל.ישראל",
        "भारत.in",
        "বাংলা.বাংলা",
        "ලංකා.ලංකා",
        "இந்தியா.இந்தியா",
        "ไทย.th",
        "ລາວ.la",
        "ኢትዮጵያ.et",
        "հայ.am",
        "საქართველო.ge",
    ),
}
