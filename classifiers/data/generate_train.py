"""Write ``train.jsonl``: the bundled training set, composed from our own templates and fact lists.

Every text here is our own writing in the style of Taiwanese outlets; facts (city names, sister-city
pairs, office names) are public. Run ``python -m classifiers.data.generate_train`` after editing; the
output is deterministic (seeded) so the bundled model can be rebuilt exactly.

Each item: id, title (or null), text, lang, kind (the template family), taiwan_japan, city_diplomacy,
relevant. Boilerplate (datelines, closing lines) is shared by positives and negatives so the model
cannot learn the template instead of the content.
"""

# ruff: noqa: E501  (template sentences read better unbroken)
from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

OUT = Path(__file__).resolve().parent / "train.jsonl"
SEED = 20261121

# --- fact lists ---------------------------------------------------------------------------------
TW = [  # city, short name, head title, head name, English name
    ("台北市", "北市", "市長", "蔣萬安", "Taipei"),
    ("新北市", "新北", "市長", "侯友宜", "New Taipei"),
    ("桃園市", "桃園", "市長", "張善政", "Taoyuan"),
    ("台中市", "中市", "市長", "盧秀燕", "Taichung"),
    ("台南市", "南市", "市長", "黃偉哲", "Tainan"),
    ("高雄市", "高市", "市長", "陳其邁", "Kaohsiung"),
    ("基隆市", "基市", "市長", "謝國樑", "Keelung"),
    ("新竹市", "竹市", "市長", "高虹安", "Hsinchu"),
    ("嘉義市", "嘉市", "市長", "黃敏惠", "Chiayi"),
    ("新竹縣", "竹縣", "縣長", "楊文科", "Hsinchu County"),
    ("苗栗縣", "苗縣", "縣長", "鍾東錦", "Miaoli"),
    ("彰化縣", "彰縣", "縣長", "王惠美", "Changhua"),
    ("南投縣", "投縣", "縣長", "許淑華", "Nantou"),
    ("雲林縣", "雲縣", "縣長", "張麗善", "Yunlin"),
    ("嘉義縣", "嘉縣", "縣長", "翁章梁", "Chiayi County"),
    ("屏東縣", "屏縣", "縣長", "周春米", "Pingtung"),
    ("宜蘭縣", "宜縣", "縣長", "林姿妙", "Yilan"),
    ("花蓮縣", "花縣", "縣長", "徐榛蔚", "Hualien"),
    ("台東縣", "東縣", "縣長", "饒慶鈴", "Taitung"),
    ("澎湖縣", "澎縣", "縣長", "陳光復", "Penghu"),
]
JP = [  # place, prefecture, head title, English, kind (pref/city)
    ("熊本縣", "熊本縣", "知事", "Kumamoto Prefecture", "pref"),
    ("熊本市", "熊本縣", "市長", "Kumamoto City", "city"),
    ("千葉縣", "千葉縣", "知事", "Chiba Prefecture", "pref"),
    ("群馬縣", "群馬縣", "知事", "Gunma Prefecture", "pref"),
    ("大分縣", "大分縣", "知事", "Oita Prefecture", "pref"),
    ("愛媛縣", "愛媛縣", "知事", "Ehime Prefecture", "pref"),
    ("松山市", "愛媛縣", "市長", "Matsuyama", "city"),
    ("橫濱市", "神奈川縣", "市長", "Yokohama", "city"),
    ("福岡市", "福岡縣", "市長", "Fukuoka City", "city"),
    ("名古屋市", "愛知縣", "市長", "Nagoya", "city"),
    ("京都市", "京都府", "市長", "Kyoto", "city"),
    ("仙台市", "宮城縣", "市長", "Sendai", "city"),
    ("山形市", "山形縣", "市長", "Yamagata City", "city"),
    ("日光市", "栃木縣", "市長", "Nikko", "city"),
    ("八王子市", "東京都", "市長", "Hachioji", "city"),
    ("青森縣", "青森縣", "知事", "Aomori Prefecture", "pref"),
    ("三重縣", "三重縣", "知事", "Mie Prefecture", "pref"),
    ("鳥取縣", "鳥取縣", "知事", "Tottori Prefecture", "pref"),
    ("長野縣", "長野縣", "知事", "Nagano Prefecture", "pref"),
    ("宮崎縣", "宮崎縣", "知事", "Miyazaki Prefecture", "pref"),
    ("岡山市", "岡山縣", "市長", "Okayama", "city"),
    ("尾道市", "廣島縣", "市長", "Onomichi", "city"),
    ("八代市", "熊本縣", "市長", "Yatsushiro", "city"),
    ("成田市", "千葉縣", "市長", "Narita", "city"),
    ("銚子市", "千葉縣", "市長", "Choshi", "city"),
    ("館山市", "千葉縣", "市長", "Tateyama", "city"),
    ("石垣市", "沖繩縣", "市長", "Ishigaki", "city"),
    ("與那國町", "沖繩縣", "町長", "Yonaguni", "city"),
    ("釧路市", "北海道", "市長", "Kushiro", "city"),
    ("富良野市", "北海道", "市長", "Furano", "city"),
    ("北九州市", "福岡縣", "市長", "Kitakyushu", "city"),
    ("山梨縣", "山梨縣", "知事", "Yamanashi Prefecture", "pref"),
    ("沖繩縣", "沖繩縣", "知事", "Okinawa Prefecture", "pref"),
    ("靜岡縣", "靜岡縣", "知事", "Shizuoka Prefecture", "pref"),
    ("嬉野市", "佐賀縣", "市長", "Ureshino", "city"),
    ("金澤市", "石川縣", "市長", "Kanazawa", "city"),
    ("平戶市", "長崎縣", "市長", "Hirado", "city"),
    ("宇土市", "熊本縣", "市長", "Uto", "city"),
]
FOREIGN = [  # city, country, head title, English, country (en)
    ("布里斯本", "澳洲", "市長", "Brisbane", "Australia"),
    ("黃金海岸", "澳洲", "市長", "Gold Coast", "Australia"),
    ("休士頓", "美國", "市長", "Houston", "the United States"),
    ("洛杉磯", "美國", "市長", "Los Angeles", "the United States"),
    ("聖地牙哥", "美國", "市長", "San Diego", "the United States"),
    ("長堤", "美國", "市長", "Long Beach", "the United States"),
    ("辛辛那提", "美國", "市長", "Cincinnati", "the United States"),
    ("塔科馬", "美國", "市長", "Tacoma", "the United States"),
    ("布拉格", "捷克", "市長", "Prague", "the Czech Republic"),
    ("維爾紐斯", "立陶宛", "市長", "Vilnius", "Lithuania"),
    ("釜山", "韓國", "市長", "Busan", "South Korea"),
    ("仁川", "韓國", "市長", "Incheon", "South Korea"),
    ("大田", "韓國", "市長", "Daejeon", "South Korea"),
    ("馬尼拉", "菲律賓", "市長", "Manila", "the Philippines"),
    ("關島", "美國", "總督", "Guam", "the United States"),
    ("華沙", "波蘭", "市長", "Warsaw", "Poland"),
    ("伯斯", "澳洲", "市長", "Perth", "Australia"),
]
JP_NAMES_FAMILY = [
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "渡邊",
    "伊藤",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "松本",
    "井上",
    "木村",
    "清水",
    "森田",
    "池田",
    "橋本",
    "石井",
]
JP_NAMES_GIVEN = [
    "健一",
    "浩二",
    "直樹",
    "英樹",
    "裕子",
    "誠",
    "隆",
    "雅彥",
    "和夫",
    "美紀",
    "剛",
    "正人",
    "知子",
]
TW_FAMILY = ["王", "林", "陳", "張", "李", "黃", "吳", "劉", "蔡", "楊", "許", "鄭", "謝", "郭", "洪", "邱"]
TW_GIVEN = ["志明", "怡君", "家豪", "雅婷", "俊傑", "淑芬", "建宏", "佳穎", "冠宇", "美玲", "宗翰", "欣怡"]
TOPICS = [
    "觀光",
    "教育",
    "文化",
    "經貿",
    "農業",
    "體育",
    "青年交流",
    "防災",
    "醫療",
    "科技產業",
    "港灣",
    "藝術",
]
ANNIV = ["5", "10", "15", "20", "30", "40"]


def _person_tw(r: random.Random) -> str:
    return r.choice(TW_FAMILY) + r.choice(TW_GIVEN)


def _person_jp(r: random.Random) -> str:
    return r.choice(JP_NAMES_FAMILY) + r.choice(JP_NAMES_GIVEN)


def _dateline(r: random.Random, city: str) -> str:
    short = city[:2]
    day = r.randint(1, 28)
    return r.choice(
        [
            f"〔記者{_person_tw(r)}／{short}報導〕",
            f"（中央社記者{_person_tw(r)}{short}{day}日電）",
            f"【記者{_person_tw(r)}／{short}報導】",
            f"記者{_person_tw(r)}／{short}報導",
            "",
            "",
        ]
    )


def _topics(r: random.Random, n: int = 3) -> str:
    return "、".join(r.sample(TOPICS, n))


def _closing(r: random.Random) -> str:
    return r.choice(
        [
            "",
            "",
            "相關活動詳情可至官方網站查詢。",
            "市府表示，後續將持續追蹤辦理情形。",
            f"出席者還包括{_person_tw(r)}、{_person_tw(r)}等人。",
            "活動現場氣氛熱烈，吸引不少民眾駐足。",
        ]
    )


def _tai(r: random.Random, text: str) -> str:
    """Some outlets write 臺, others 台: vary it so the model sees both."""
    return text.replace("台", "臺") if r.random() < 0.3 else text


# --- positive families: Taiwan–Japan and city diplomacy ----------------------------------------
def sister_signing(r: random.Random) -> tuple[str | None, str]:
    city, short, title, head, _ = r.choice(TW)
    jp, pref, jtitle, _, kind = r.choice(JP)
    where = jp if kind == "pref" or pref == jp else f"{pref}{jp}"
    pact = r.choice(
        ["友好交流協定", "姊妹市協定", "友好城市協議", "友誼市盟約", "交流合作備忘錄", "友好交流備忘錄"]
    )
    text = (
        f"{_dateline(r, city)}{city}與日本{where}今天正式簽署{pact}，由{title}{head}與{jp}{jtitle}{_person_jp(r)}"
        f"共同簽署。{head}表示，兩地多年來在{_topics(r)}等領域往來密切，盼藉由締盟深化合作，讓雙方市民有更多交流機會。"
        f"{jp}{jtitle}也說，{r.choice(['台灣在日本震災時伸出援手，日本人都銘記在心', '兩地都重視觀光與農業，合作空間很大', '希望透過青少年交流延續兩地情誼'])}。"
        f"{r.choice(['這是', '此為'])}{city}締結的第{r.randint(5, 60)}個國際友好城市。{_closing(r)}"
    )
    title_text = r.choice(
        [f"{short}與日本{jp}締盟 {head}：深化{r.choice(TOPICS)}交流", f"{city}、{jp}簽{pact}", None]
    )
    return title_text, text


def anniversary(r: random.Random) -> tuple[str | None, str]:
    city, short, title, head, _ = r.choice(TW)
    jp, _, jtitle, _, _ = r.choice(JP)
    n = r.choice(ANNIV)
    text = (
        f"{_dateline(r, city)}為慶祝{city}與日本{jp}締結友好關係{n}週年，{jp}{jtitle}{_person_jp(r)}率領議員及"
        f"{r.choice(['觀光', '產業', '教育'])}界人士組成的訪問團來台，今天拜會{title}{head}。{head}致詞時感謝訪團遠道而來，"
        f"並回顧雙方{n}年來在{_topics(r)}上的合作成果。雙方並互贈紀念品，相約明年由{short}組團回訪。{_closing(r)}"
    )
    return r.choice(
        [f"締盟{n}週年 日本{jp}訪團拜會{head}", f"{jp}{jtitle}率團訪{short} 慶友好{n}年", None]
    ), text


def mayor_visits_japan(r: random.Random) -> tuple[str | None, str]:
    city, short, title, head, _ = r.choice(TW)
    jp1, _, t1, _, _ = r.choice(JP)
    jp2, _, t2, _, _ = r.choice(JP)
    days = r.randint(3, 8)
    text = (
        f"{_dateline(r, city)}{city}{title}{head}今天率團啟程赴日本進行{days}天訪問，將先後拜會{jp1}{t1}與{jp2}{t2}，"
        f"洽談{_topics(r)}合作，並出席{r.choice(['觀光推介會', '農產品展售會', '台灣祭開幕式', '城市論壇'])}。"
        f"{head}出發前表示，日本是{short}最重要的國際夥伴之一，此行希望把城市行銷出去，也爭取更多日本旅客與投資。{_closing(r)}"
    )
    return r.choice([f"{head}訪日 拜會{jp1}{t1}", f"{head}率團訪日{days}天 推動城市交流", None]), text


def japan_delegation_visits(r: random.Random) -> tuple[str | None, str]:
    city, short, title, head, _ = r.choice(TW)
    jp, _, jtitle, _, _ = r.choice(JP)
    body = r.choice(
        [
            f"日本{jp}議會議長{_person_jp(r)}率領日台友好議員聯盟訪團，今天到{city}議會拜會，雙方就議會交流與觀光合作交換意見。",
            f"日本{jp}副{jtitle}{_person_jp(r)}一行今天拜會{city}政府，由副{title}{_person_tw(r)}代表{title}{head}接待。",
            f"日本{jp}觀光局長率領業者組成的考察團今天訪問{short}府，盼推動兩地包機與教育旅行。",
        ]
    )
    text = (
        f"{_dateline(r, city)}{body}{head}表示，{city}與{jp}往來頻繁，雙方在{_topics(r)}有很大的合作空間，"
        f"歡迎更多日本朋友來{short}旅遊、投資。訪團也參觀了{r.choice(['市場', '港區', '科學園區', '文化園區', '觀光工廠'])}。{_closing(r)}"
    )
    return r.choice([f"日本{jp}訪團拜會{short}府", f"深化台日交流 {jp}訪團來訪", None]), text


def video_call(r: random.Random) -> tuple[str | None, str]:
    city, _short, title, head, _ = r.choice(TW)
    jp, _, jtitle, _, _ = r.choice(JP)
    text = (
        f"{_dateline(r, city)}受疫情影響無法互訪，{city}{title}{head}今天與日本{jp}{jtitle}{_person_jp(r)}舉行視訊會議，"
        f"雙方就防疫經驗、{r.choice(TOPICS)}及青少年交流交換意見，並透過線上方式簽署合作備忘錄。{head}說，"
        f"兩地雖然相隔遙遠，但友誼不因疫情中斷，疫情趨緩後將恢復實體互訪。{_closing(r)}"
    )
    return r.choice([f"{head}與{jp}{jtitle}視訊 線上簽MOU", None]), text


def school_exchange(r: random.Random) -> tuple[str | None, str]:
    city, short, _title, _head, _ = r.choice(TW)
    jp, _, _, _, _ = r.choice(JP)
    text = (
        f"{_dateline(r, city)}在{city}政府教育局牽線下，{short}{r.choice(['國中', '高中', '國小', '高工'])}今天與日本{jp}的"
        f"{r.choice(['高校', '中學校', '小學校'])}締結姊妹校，日方師生{r.randint(15, 60)}人來台進行教育旅行，體驗台灣傳統文化與課堂交流。"
        f"教育局長{_person_tw(r)}表示，市府近年積極推動與日本友好城市的學校交流，今年已有{r.randint(3, 20)}所學校締結姊妹校。{_closing(r)}"
    )
    return r.choice([f"{short}學校與日本{jp}締結姊妹校", f"日本{jp}學生教育旅行訪{short}", None]), text


def city_donation(r: random.Random) -> tuple[str | None, str]:
    city, short, title, head, _ = r.choice(TW)
    jp, _, jtitle, _, _ = r.choice(JP)
    if r.random() < 0.5:
        text = (
            f"{_dateline(r, city)}日本{jp}日前發生{r.choice(['強震', '豪雨災情', '大規模土石流'])}，{city}政府發起募款，"
            f"{title}{head}今天透過視訊將{r.randint(100, 3000)}萬日圓善款轉交給友好城市{jp}{jtitle}{_person_jp(r)}。"
            f"{jp}{jtitle}感謝{short}在第一時間伸出援手，表示台日之間患難見真情。{_closing(r)}"
        )
        title_text = f"助友好城市賑災 {short}捐款{jp}"
    else:
        text = (
            f"{_dateline(r, city)}{city}日前受地震重創，日本友好城市{jp}主動發起募款，{jp}{jtitle}{_person_jp(r)}"
            f"今天將善款交給{title}{head}，用於受災戶重建。{head}說，兩地締盟多年，危難時刻更顯情誼。{_closing(r)}"
        )
        title_text = f"日本{jp}募款助{short} {head}感謝"
    return r.choice([title_text, None]), text


def jtea_calls_on_city(r: random.Random) -> tuple[str | None, str]:
    city, short, title, head, _ = r.choice(TW)
    office = r.choice(["日本台灣交流協會台北事務所", "日本台灣交流協會高雄事務所", "日本台灣交流協會"])
    post = r.choice(["代表", "副代表", "所長", "副所長"])
    text = (
        f"{_dateline(r, city)}{office}{post}{_person_jp(r)}今天拜會{city}{title}{head}，雙方就{short}與日本各地方政府的"
        f"{_topics(r)}交流交換意見。{head}感謝交流協會長期協助{short}與日本城市締盟，盼未來推動更多日本修學旅行團來訪。{_closing(r)}"
    )
    return r.choice([f"交流協會{post}拜會{head} 盼深化台日地方交流", None]), text


def council_exchange(r: random.Random) -> tuple[str | None, str]:
    city, short, _, _, _ = r.choice(TW)
    jp, _, _, _, _ = r.choice(JP)
    text = (
        f"{_dateline(r, city)}{city}議會議長{_person_tw(r)}率領議員訪問團赴日，與{jp}議會簽署友好交流備忘錄，"
        f"雙方約定每年互訪，並在{_topics(r, 2)}領域推動議會外交。{jp}議會議長{_person_jp(r)}表示，日台友好議員聯盟將持續支持兩地交流。{_closing(r)}"
    )
    return r.choice([f"{short}議會與{jp}議會締盟", None]), text


def township_ties(r: random.Random) -> tuple[str | None, str]:
    town, county, jp = r.choice(
        [
            ("蘇澳鎮", "宜蘭縣", "館山市"),
            ("埔里鎮", "南投縣", "出水市"),
            ("魚池鄉", "南投縣", "嬉野市"),
            ("虎尾鎮", "雲林縣", "大間町"),
            ("瑞芳區", "新北市", "琴平町"),
            ("田寮區", "高雄市", "竹田市"),
            ("鹿谷鄉", "南投縣", "玉川村"),
            ("壽豐鄉", "花蓮縣", "厚澤部町"),
        ]
    )
    head = "區長" if town.endswith("區") else ("鄉長" if town.endswith("鄉") else "鎮長")
    text = (
        f"{_dateline(r, county)}{county}{town}{head}{_person_tw(r)}率團赴日本，與{jp}簽署友好交流協定，"
        f"兩地將在{_topics(r, 2)}等方面展開交流。{jp}長表示，兩地都以農業和觀光為主，歡迎{town}的學生來訪。"
        f"這也是台日地方交流再添一樁佳話。{_closing(r)}"
    )
    return r.choice([f"{town}與日本{jp}締結友好", None]), text


def tourism_promotion(r: random.Random) -> tuple[str | None, str]:
    city, short, title, _head, _ = r.choice(TW)
    jp, _, jtitle, _, _ = r.choice(JP)
    text = (
        f"{_dateline(r, city)}{city}政府觀光局今天在日本{jp}舉辦觀光推介會，副{title}{_person_tw(r)}親自站台，"
        f"並拜會{jp}{jtitle}，邀請當地旅行業者規劃{short}行程。{jp}{jtitle}回應，期待兩地包機航線早日開通，擴大觀光與產業交流。{_closing(r)}"
    )
    return r.choice([f"{short}赴日本{jp}推觀光 拜會{jtitle}", None]), text


def ja_sister(r: random.Random) -> tuple[str | None, str]:
    city, _, title, head, _ = r.choice(TW)
    jp, _pref, jtitle, _, _ = r.choice(JP)
    jpj = jp.replace("縣", "県")
    twj = city.replace("台", "台").replace("灣", "湾")
    text = r.choice(
        [
            f"{jpj}は、台湾の{twj}と友好交流協定を締結した。{jpj}の{_person_jp(r)}{jtitle}と{twj}の{head}{title}が出席し、"
            f"協定書に署名した。今後、観光や教育、経済の分野で交流を深めていくという。",
            f"台湾{twj}の{head}{title}らが{jpj}を訪れ、{_person_jp(r)}{jtitle}を表敬訪問した。両市は姉妹都市提携"
            f"{r.choice(ANNIV)}周年を迎え、記念式典が開かれた。{jtitle}は「台湾との絆をさらに深めたい」と述べた。",
            f"{jpj}の中学校が台湾{twj}の学校と姉妹校協定を結んだ。{jpj}と{twj}の交流をきっかけに実現したもので、"
            f"生徒らはオンラインで交流を続けるという。",
        ]
    )
    return r.choice([f"{jpj}と台湾{twj}が交流協定", None]), text


def en_sister(r: random.Random) -> tuple[str | None, str]:
    _, _, _, head, en = r.choice(TW)
    _, _, _, jp_en, _ = r.choice(JP)
    text = r.choice(
        [
            f"{en} signed a friendship city agreement with Japan's {jp_en} on Monday, pledging cooperation in tourism, "
            f"education and industry. Mayor {head} said the pact would bring more Japanese visitors to {en}.",
            f"A delegation from {jp_en}, Japan, led by its mayor, visited {en} to mark the anniversary of the sister-city "
            f"relationship, meeting {head} and touring local schools.",
            f"{en} Mayor {head} arrived in {jp_en} for a four-day visit to deepen exchanges with the Japanese city, "
            f"including a memorandum of understanding on youth and sports exchanges.",
        ]
    )
    return r.choice([f"{en} and {jp_en} sign friendship pact", None]), text


# --- Taiwan–Japan at national level (not city diplomacy) ---------------------------------------
def tj_national(r: random.Random) -> tuple[str | None, str]:
    who = r.choice(["總統", "行政院長", "外交部長", "立法院長"])
    text = r.choice(
        [
            f"{who}今天接見日本台灣交流協會會長{_person_jp(r)}一行，感謝日本長期支持台灣參與國際組織，"
            f"並盼台日在半導體、供應鏈韌性及區域安全上深化合作。交流協會會長表示，台日關係處於歷史最好時期。",
            f"日本跨黨派眾議員{_person_jp(r)}、參議員{_person_jp(r)}等{r.randint(3, 12)}人組成的日華議員懇談會訪團今天抵台，"
            f"將拜會{who}，就台日經貿、區域和平與安全交換意見。外交部表示，誠摯歡迎日本國會議員訪台。",
            f"日本政府宣布再捐贈台灣{r.randint(50, 150)}萬劑疫苗，駐日代表處表示將協助儘速運抵。外交部感謝日方的深情厚誼，"
            f"強調台日是患難與共的好朋友。",
            f"日本能登半島日前發生強震，台灣各界踴躍捐款，外交部今天將{r.randint(1, 6)}億日圓善款轉交日本台灣交流協會。"
            f"日本首相致函感謝台灣溫暖的支持。",
            f"行政院今天宣布調整日本福島等地區食品進口管制措施，日本外務省對此表示歡迎。{who}說，將以科學證據為基礎，"
            f"同時持續推動台日經濟夥伴關係與加入CPTPP。",
            "台積電熊本廠今天舉行開幕典禮，日本首相出席致詞，感謝台灣企業投資。經濟部表示，台日半導體產業互補，"
            "雙方將在人才培育與供應鏈上擴大合作。",
            "日本外務省公布外交藍皮書，再度表態支持台灣以觀察員身分參與世界衛生大會，外交部今天感謝日本政府並表示將持續深化台日合作。",
            f"台灣新任駐日代表{_person_tw(r)}今天抵達東京羽田機場，表示將致力推動台日關係更上一層樓，並拜會日本政界人士。",
            "台日海洋事務合作對話今天在東京舉行，雙方就漁業、海上救難及海洋科學研究交換意見，並簽署合作備忘錄。",
            f"日本自民黨青年局訪團今天抵台，將與{who}會面並參訪國防與產業相關設施，這是疫情後首度恢復的訪台行程。",
            f"日本大阪府的高中生{r.randint(30, 200)}人今天來台進行修學旅行，與台南一所高中的學生交流，體驗台灣文化。教育部表示台日高中教育旅行已推動{r.randint(10, 20)}年。",
            "台灣與日本今天簽署電子商務合作協議，台灣日本關係協會與日本台灣交流協會代表出席，雙方盼擴大數位貿易。",
        ]
    )
    return r.choice([None, None, "台日關係再升溫", "深化台日合作"]), _tai(r, text)


def tj_trade_policy(r: random.Random) -> tuple[str | None, str]:
    """Bilateral policy between Taiwan and Japan: food imports, trade pacts, support in world bodies."""
    pref = r.choice(["福島", "茨城", "栃木", "群馬", "千葉"])
    text = r.choice(
        [
            f"衛福部今天宣布，日本{pref}等五縣食品即日起恢復正常輸入管理，不再要求檢附產地證明與輻射檢驗報告。日本農林水產省表示歡迎，盼擴大對台出口。",
            f"行政院長今天在立法院答詢表示，開放日本{pref}等地區食品進口是依國際標準與科學證據，並非政治交換，台灣加入CPTPP仍需日本支持。",
            "台灣正式申請加入跨太平洋夥伴全面進步協定（CPTPP），外交部感謝日本政府表態歡迎，盼日方持續支持台灣入會。",
            "日本首相在國會表示，歡迎台灣申請加入CPTPP，外交部今天感謝日方友好表態，並表示將與日本持續密切溝通。",
            "日本政府今年再度在世界衛生大會前公開支持台灣以觀察員身分參與，外交部長致函感謝日本外務大臣。",
            "台日雙方今天簽署經濟合作協議，涵蓋投資保障、關稅與電子商務，經濟部表示將有助台灣企業拓展日本市場。",
            f"日本災區食品輸台禁令解除後，首批{pref}產農產品今天運抵台灣，日本台灣交流協會代表出席記者會。",
        ]
    )
    return r.choice([None, "日本食品進口管制鬆綁", "台日經貿再深化"]), _tai(r, text)


def tj_national_ja_en(r: random.Random) -> tuple[str | None, str]:
    text = r.choice(
        [
            f"台湾の総統は、来台した日本の超党派議員団と会談し、日台関係のさらなる強化を呼びかけた。議員団の{_person_jp(r)}衆院議員は、"
            f"台湾との交流を一層深めたいと述べた。",
            "台湾で募られた能登半島地震の義援金が日本台湾交流協会を通じて日本側に届けられた。石川県の関係者は台湾の支援に謝意を示した。",
            "日本台湾交流協会の代表は、台北市内で開かれた新年会で、日台関係は過去最良の状態にあると述べた。",
            "A group of Japanese lawmakers arrived in Taipei to meet the president and discuss regional security and "
            "trade, the foreign ministry said, welcoming the Diet members' visit.",
            "Japan will donate another million doses of vaccine to Taiwan, the Japan-Taiwan Exchange Association said, "
            "as Taipei thanked Tokyo for its support.",
            "Taiwan's foreign minister thanked Japan for backing its bid to take part in the World Health Assembly, "
            "calling Japan a close partner sharing democratic values.",
        ]
    )
    return None, text


# --- city diplomacy without Japan -----------------------------------------------------------------
def city_foreign(r: random.Random) -> tuple[str | None, str]:
    city, short, title, head, _ = r.choice(TW)
    fc, country, ft, _, _ = r.choice(FOREIGN)
    n = r.choice(ANNIV)
    text = r.choice(
        [
            f"{_dateline(r, city)}{city}{title}{head}今天率團抵達{country}{fc}，拜會{fc}{ft}，雙方簽署姊妹市合作備忘錄，"
            f"將在{_topics(r)}等領域推動交流。{head}表示，城市外交是台灣走向國際的重要途徑。",
            f"{_dateline(r, city)}{country}{fc}{ft}{_person_tw(r)[0]}率團訪問{short}，今天拜會{title}{head}，"
            f"慶祝兩市締結姊妹市{n}週年，雙方並就{_topics(r, 2)}交換意見。",
            f"{_dateline(r, city)}{city}與{country}{fc}今天透過視訊簽署友好城市協定，{title}{head}表示，兩市將在智慧城市、"
            f"{r.choice(TOPICS)}等領域交流，這是{short}第{r.randint(10, 50)}個國際姊妹市。",
            f"{_dateline(r, city)}{country}駐台代表今天首度拜會{city}{title}{head}，雙方盼疫情後恢復兩地在{_topics(r, 2)}的交流，"
            f"並推動與{country}城市締結姊妹市。",
            f"{_dateline(r, city)}{city}政府教育局推動國際教育，今年安排{r.randint(3, 12)}所學校與{country}姊妹市{fc}的學校締結姊妹校，"
            f"學生將透過視訊與互訪進行交流。",
        ]
    )
    return r.choice([f"{short}與{fc}締結姊妹市", f"{head}訪{fc} 推城市外交", None]), _tai(r, text)


def city_forum(r: random.Random) -> tuple[str | None, str]:
    city, short, title, head, _ = r.choice(TW)
    forum = r.choice(
        [
            "亞太城市高峰會",
            "智慧城市首長高峰會",
            "國際港灣城市論壇",
            "全球城市氣候論壇",
            "亞洲健康城市聯盟大會",
        ]
    )
    text = r.choice(
        [
            f"{_dateline(r, city)}{forum}今天在{city}開幕，來自{r.randint(15, 40)}個國家、{r.randint(50, 150)}個城市的市長與代表齊聚，"
            f"{title}{head}致詞時表示，城市是國際合作的第一線，盼透過城市外交分享{r.choice(['淨零轉型', '智慧交通', '防災韌性', '公共住宅'])}經驗。"
            f"會中多位外國城市首長並簽署共同宣言。{_closing(r)}",
            f"{_dateline(r, city)}{city}政府宣布將爭取主辦{r.randint(2026, 2030)}年{forum}，副{title}{_person_tw(r)}率團出席今年在"
            f"{r.choice(['布里斯本', '首爾', '釜山', '曼谷'])}舉行的大會，向各國城市代表簡報{short}的籌備規劃。{_closing(r)}",
            f"{_dateline(r, city)}{forum}邀請前{r.choice(['倫敦', '紐約', '巴黎', '首爾'])}市長擔任主講人，分享城市治理經驗，"
            f"{title}{head}表示，{short}將藉此與國際城市建立更緊密的夥伴關係。{_closing(r)}",
            f"{_dateline(r, city)}國內外城市首長今天在{forum}簽署智慧城市宣言，承諾在數據開放、低碳交通上合作，{title}{head}說，這是{short}城市外交的重要里程碑。",
            f"{_dateline(r, city)}{city}主辦的國際城市論壇邀請{r.randint(5, 20)}個國外城市參加，其中包括多個姊妹市，市府表示盼擴大國際能見度。",
        ]
    )
    return r.choice([f"{forum}登場 {head}：城市外交走在前線", None]), _tai(r, text)


def jp_city_other(r: random.Random) -> tuple[str | None, str]:
    jp, _, jtitle, _, _ = r.choice(JP)
    _fc, _, _, fc_en, country_en = r.choice(FOREIGN)
    jpj = jp.replace("縣", "県")
    text = r.choice(
        [
            f"米国{fc_en}市の市長らが{jpj}を訪れ、姉妹都市提携{r.choice(ANNIV)}周年の記念式典に出席した。{_person_jp(r)}{jtitle}は"
            f"「今後も市民交流を続けたい」と話した。",
            f"{jpj}の{_person_jp(r)}{jtitle}は、友好都市である{fc_en}を訪問し、提携{r.choice(ANNIV)}周年を祝った。",
            f"The mayor of {fc_en} in {country_en} visited its Japanese sister city for the anniversary of ties, "
            f"signing a new memorandum on student exchanges.",
        ]
    )
    return None, text


# --- hard negatives ------------------------------------------------------------------------------
def neg_japan_domestic(r: random.Random) -> tuple[str | None, str]:
    jp, _, jtitle, _, _ = r.choice(JP)
    jpj = jp.replace("縣", "県")
    text = r.choice(
        [
            f"日本自民黨總裁選舉今天投票，{_person_jp(r)}與{_person_jp(r)}進入第二輪對決，新總裁將成為下任首相。分析指出，物價與經濟對策是選戰焦點。",
            "日本銀行今天召開貨幣政策會議，市場預期將維持利率不變。日圓兌美元匯率持續疲軟，出口企業受惠但民眾生活成本上升。",
            f"日本{jp}今天清晨發生規模{r.randint(5, 7)}.{r.randint(0, 9)}地震，氣象廳一度發布海嘯注意報，目前未傳出重大傷亡，新幹線部分路段暫停行駛。",
            f"日本各地今年黑熊出沒頻繁，{jp}已發生多起傷人事件，{jtitle}要求自衛隊協助，環境省將召開對策會議。",
            "日本稻米價格持續創新高，農林水產大臣表示將釋出儲備米，超市仍出現搶購情形。",
            "日本首相今天在國會答詢時表示，將推出新的經濟對策以因應物價上漲，在野黨則批評政府對策不足。",
            f"{jpj}で{r.randint(2, 9)}日、住宅火災があり、{r.randint(1, 3)}人が死亡した。警察と消防が出火原因を調べている。",
            f"{jpj}の{jtitle}は記者会見で、来年度予算案について説明した。子育て支援や防災対策に重点を置くという。",
            f"東北新幹線は架線トラブルのため、{r.randint(1, 12)}日午前から運転を見合わせている。再開の見通しは立っていない。",
            f"Japan's ruling Liberal Democratic Party will choose a new leader this month, with {_person_jp(r)} seen as the front-runner "
            f"in a race dominated by rising prices and the weak yen.",
            f"A magnitude 6 earthquake struck off the coast of {r.choice(['Hokkaido', 'Miyagi', 'Fukushima'])} in northern Japan, "
            f"the Japan Meteorological Agency said, with no immediate reports of damage.",
            f"日本出生人數連續第{r.randint(5, 9)}年創新低，厚生勞動省公布的統計顯示，少子化問題日益嚴重。",
        ]
    )
    return r.choice([None, "日本政局動盪 新首相人選受矚目", "日本強震 海嘯注意報解除"]), text


def neg_mayor_domestic(r: random.Random) -> tuple[str | None, str]:
    city, short, title, head, _ = r.choice(TW)
    text = r.choice(
        [
            f"{_dateline(r, city)}{city}{title}{head}今天視察{r.choice(['道路改善工程', '社會住宅工地', '排水改善工程', '捷運施工'])}，"
            f"要求施工單位注意工安並如期完工，預計明年完工後將改善當地交通與居住品質。",
            f"{_dateline(r, city)}春節期間{city}垃圾清運時間調整，環保局表示除夕至初三停收，初四起恢復，請市民配合。",
            f"{_dateline(r, city)}{city}議會今天進行總質詢，議員針對市府預算、{r.choice(['托育政策', '交通建設', '房價問題', '空污改善'])}等議題提出質詢，{title}{head}一一答覆。",
            f"{_dateline(r, city)}{city}燈會今晚點燈，{title}{head}與民眾一同倒數，現場湧入數萬人，主燈結合在地特色吸睛。",
            f"{_dateline(r, city)}颱風過後{city}農損嚴重，{title}{head}今天勘災，表示將向中央爭取全額補助，協助農民復耕。",
            f"{_dateline(r, city)}{city}政府今天公布{r.choice(['托育補助', '老人健保補助', '公車票價優惠'])}新制，{title}{head}表示，盼減輕市民負擔。",
            f"{_dateline(r, city)}最新縣市長施政滿意度調查出爐，{city}{title}{head}排名第{r.randint(1, 10)}，幕僚表示將持續努力。",
            f"{_dateline(r, city)}{city}社會住宅今天動土，{title}{head}表示，將提供{r.randint(100, 800)}戶給青年與弱勢家庭。",
        ]
    )
    return r.choice([f"{head}視察工程 要求如期完工", f"{short}燈會點燈", None]), _tai(r, text)


def neg_japan_travel(r: random.Random) -> tuple[str | None, str]:
    jp, _, _, _, _ = r.choice(JP)
    text = r.choice(
        [
            f"日本櫻花季即將到來，氣象公司公布最新開花預測，東京、京都預計三月下旬盛開。想去{jp}賞櫻的旅客建議提早訂房，並留意熱門景點人潮。",
            f"廉航推出飛日本機票優惠，台北飛{jp}來回含稅最低{r.randint(3, 9)}千元起，網友笑稱國際線像國內線。",
            "日本將改變外國旅客免稅制度，改為出境時退稅，旅行業者提醒赴日購物的台灣旅客留意新規定。",
            f"{jp}自由行懶人包：從機場交通、住宿推薦到必吃美食一次整理，還有溫泉景點與交通票券攻略。",
            f"暑假赴日旅遊人數創新高，旅行社表示{jp}行程最熱門，提醒民眾注意當地天氣與海外旅平險。",
        ]
    )
    return r.choice([f"{jp}自由行攻略", "日本賞櫻懶人包", None]), text


def neg_japan_products(r: random.Random) -> tuple[str | None, str]:
    city, _, _, _, _ = r.choice(TW)
    text = r.choice(
        [
            f"日本知名拉麵連鎖店今天在{city}開設新門市，開幕首日排隊人潮綿延，業者表示將推出台灣限定口味。",
            f"Toyota宣布在日本召回{r.randint(10, 90)}萬輛車，台灣代理商表示國內車款是否受影響仍在確認。",
            "Sony今天發表新款手機，預計初夏在日本上市，台灣上市時間未定，規格與售價曝光。",
            "日本人氣樂團宣布明年登上台北小巨蛋開唱兩天，門票採實名制抽選，粉絲搶票大戰一觸即發。",
            f"日本動畫電影在台票房突破{r.randint(3, 9)}億元，躋身影史前三名，片商加映場次。",
            "日本女星宣布結婚，社群湧入大批祝福，網友直呼國民老婆嫁人了。",
            f"日本海鮮丼名店在台門市陸續熄燈，僅剩{city}店營業，業者表示將調整展店策略。",
            "日系家電品牌公布季度財報，營收衰退，股價應聲下跌，分析師指出面臨韓國品牌競爭。",
        ]
    )
    return None, _tai(r, text)


def neg_sports(r: random.Random) -> tuple[str | None, str]:
    level = r.choice(["經典賽", "U18世界盃", "U15亞洲盃", "亞錦賽", "12強賽"])
    a, b = r.randint(0, 9), r.randint(0, 9)
    text = r.choice(
        [
            f"{level}中華隊今晚對決日本，日本派出強投先發，中華隊總教練表示將全力拚勝。賽前預測日本勝率較高，運彩賠率也看好日方。",
            f"{level}中華隊今天以{a}比{b}{r.choice(['擊敗', '不敵'])}日本，{r.choice(['晉級冠軍戰', '明天將爭奪季軍'])}。先發投手主投{r.randint(3, 7)}局表現穩定。",
            "大谷翔平再度獲選國聯MVP，成為史上少數多次全票當選的球員，日本媒體大篇幅報導。",
            "台日對抗賽今晚在台北大巨蛋開打，門票完售，日本隊多名球星出賽，吸引大批球迷進場。",
        ]
    )
    return r.choice([f"{level}／中華隊戰日本", None]), _tai(r, text)


def neg_other_diplomacy(r: random.Random) -> tuple[str | None, str]:
    text = r.choice(
        [
            f"總統今天接見美國聯邦參議員{r.choice(['', '軍事委員會主席'])}率領的訪問團，感謝美國國會跨黨派支持台灣，並盼深化台美安全合作。",
            f"美國國務院宣布對台軍售{r.randint(3, 8)}項，總額約{r.randint(5, 20)}億美元，總統府與國防部感謝美方。",
            "歐洲議會友台小組訪問團今天抵台，外交部長設宴款待，雙方就民主韌性與經濟安全交換意見。",
            "外交部長今天接見韓國駐台代表，雙方就台韓經貿與觀光交流交換意見。",
            "副總統出席歐洲議會對華政策跨國議會聯盟年會並發表演說，外交部表示這是台灣外交的歷史性一步。",
            "立法院長接見來訪的美國眾議員訪團，雙方討論區域安全與台美經貿協定進展。",
            "Taiwan's president met a visiting US congressional delegation, thanking Washington for arms sales and "
            "bipartisan support.",
            "Taiwan's foreign minister hosted a delegation from the European Parliament to discuss economic security.",
        ]
    )
    return r.choice(["總統接見美國訪團", "台美關係", None]), _tai(r, text)


def neg_ordinary(r: random.Random) -> tuple[str | None, str]:
    city, short, _, _, _ = r.choice(TW)
    text = r.choice(
        [
            f"颱風逐漸接近，氣象署發布海上陸上颱風警報，{r.randint(5, 12)}縣市風雨可能達停班停課標準，請民眾做好防颱準備。",
            f"強烈冷氣團明天南下，北台灣低溫下探{r.randint(8, 12)}度，氣象署提醒民眾注意保暖。",
            f"台股今天收盤下跌{r.randint(100, 900)}點，成交量{r.randint(3000, 6000)}億元，外資賣超，電子股走弱。",
            f"{_dateline(r, city)}{city}一處路口今天發生死亡車禍，機車與轎車碰撞，騎士送醫不治，警方調查肇事原因。",
            f"{_dateline(r, city)}警方破獲詐騙集團車手，逮捕{r.randint(2, 9)}名嫌犯，查扣現金及手機。",
            "疾管署公布上週類流感門急診人次增加，呼籲民眾接種疫苗並勤洗手。",
            f"威力彩頭獎上看{r.randint(2, 9)}億元，台彩公布今晚開獎號碼，提醒民眾理性投注。",
            f"立法院今天三讀通過{r.choice(['預算法', '財劃法', '選罷法'])}修正案，朝野立委在議場激烈攻防。",
            f"{_dateline(r, city)}{city}衛生局中秋食品稽查結果出爐，{r.randint(2, 6)}件不合格，業者遭限期改善。",
            "主計總處上修今年經濟成長率預測，出口與人工智慧相關投資強勁，民間消費則溫和成長。",
            f"{_dateline(r, city)}{city}一處民宅今天清晨發生火警，消防隊到場搶救，{r.randint(1, 3)}人受困送醫。",
            "國中教育會考今天舉行第二天，考生應試自然與寫作測驗，試題難度適中。",
        ]
    )
    return r.choice([None, f"{short}車禍", "颱風動態", "台股收盤"]), _tai(r, text)


def neg_passing_mention(r: random.Random) -> tuple[str | None, str]:
    city, short, title, head, _ = r.choice(TW)
    _jp, _, _, _, _ = r.choice(JP)
    text = r.choice(
        [
            f"{_dateline(r, city)}{city}古都馬拉松今天開跑，兩萬名跑者參加，其中包括來自日本的跑者，{title}{head}為選手鳴槍起跑。",
            f"{_dateline(r, city)}{city}日式建築修復完工，重新開放參觀，{title}{head}表示將活化為文化園區，吸引觀光客。",
            f"一名旅居{short}的日本人在網路分享台灣便利商店的觀察，引起網友熱烈討論。",
            f"{_dateline(r, city)}{city}今年觀光人次創新高，其中日本旅客回流明顯，業者期待明年持續成長。",
            "半導體股今天走強，法人指出台積電熊本廠進度順利，但大盤仍受美國利率政策影響。",
            f"{_dateline(r, city)}{city}一家日式料理店因食材衛生不合格遭衛生局處分，業者表示將改善。",
        ]
    )
    return None, _tai(r, text)


def neg_national_politics(r: random.Random) -> tuple[str | None, str]:
    who = r.choice(["總統", "行政院長", "副總統", "立法院長", "國民黨主席", "民進黨團總召"])
    bill = r.choice(
        ["年金改革", "勞基法修正", "前瞻基礎建設條例", "預算案", "礦業法修正", "轉型正義條例", "公投法"]
    )
    text = r.choice(
        [
            f"立法院臨時會今天繼續審查{bill}，朝野立委在議場激烈攻防，{who}表示將承擔政治責任，在野黨則批評政府強行闖關。",
            f"{who}今天出席黨中常會，針對{bill}引發的爭議表示，改革不能停，盼社會理性討論，並感謝黨籍立委辛苦。",
            f"行政院會今天通過{bill}草案，將送立法院審議。院長表示，這是施政重要一步，各部會須全力溝通。",
            f"最新民調顯示，{who}的施政滿意度下滑，多數民眾對{bill}持保留態度，學者分析執政黨面臨四面楚歌。",
            "經濟部今天舉行新舊任局長交接典禮，由次長監交，新任局長表示將盤點業務、與時俱進。",
            f"民間團體今天到立法院外陳情，要求暫緩審查{bill}，並與政務委員在政論節目正面交鋒。",
            "國民黨主席選舉進入倒數，候選人今天拜會地方黨部，表示這次選舉只能贏不能輸。",
            f"總統府今天宣布新任閣員名單，{r.choice(['國防部長', '經濟部長', '教育部長', '衛福部長'])}由{_person_tw(r)}接任，將於下週就職。",
        ]
    )
    return r.choice([None, f"{bill}攻防 {who}發聲", "政院人事異動"]), _tai(r, text)


def neg_local_gov_acts(r: random.Random) -> tuple[str | None, str]:
    city, short, title, head, _ = r.choice(TW)
    other, _, _, _, _ = r.choice(TW)
    text = r.choice(
        [
            f"{_dateline(r, city)}{r.choice(['建設公司', '基金會', '扶輪社', '期貨交易所', '在地企業'])}今天捐贈{r.randint(1, 10)}輛救災車給{city}消防局，由{title}{head}代表受贈，感謝企業回饋地方。",
            f"{_dateline(r, city)}{city}政府今天與{r.choice(['台灣大學', '成功大學', '中興大學', '在地醫院', '保險公司'])}簽署合作備忘錄，將在長照與智慧醫療上合作，{title}{head}出席見證。",
            f"{_dateline(r, city)}{short}{r.choice(['恆春鎮', '布袋鎮', '東港鎮', '鹿港鎮'])}與{other}的鄉鎮今天締結姊妹鎮，兩地將在觀光與農產行銷上互相合作，吸引國內旅客。",
            f"{_dateline(r, city)}{city}刊物創刊{r.choice(ANNIV)}週年，{title}{head}今天出席改版記者會，邀請設計師團隊協助，盼讓市民更了解市政。",
            f"{_dateline(r, city)}{title}{head}今天率領市府團隊出席{r.choice(['捷運動土典禮', '景觀改造工程開工', '運動中心啟用', '老人活動中心揭牌'])}，表示將打造宜居城市。",
            f"{_dateline(r, city)}{city}國際馬拉松今天登場，吸引{r.randint(1, 3)}萬名跑者參加，{title}{head}鳴槍起跑，沿途設置補給站與加油團。",
            f"{_dateline(r, city)}{city}議會今天三讀通過{r.choice(['天際線條款', '自治條例', '垃圾處理自治條例'])}，議員要求{short}府提出完整配套，{title}{head}表示會尊重議會決議。",
            f"{_dateline(r, city)}{city}環保局舉辦綠色消費表揚大會，副{title}{_person_tw(r)}頒獎給企業與學校，感謝各界響應。",
            f"{_dateline(r, city)}{title}{head}今天與{r.choice(['保險公司', '慈善基金會', '銀行'])}簽署合約，開辦中低收入戶微型保險，盼照顧弱勢家庭。",
            f"{_dateline(r, city)}{city}公布{title}選舉最新民調，{head}支持度領先，對手陣營表示將加強基層拜票。",
            f"{_dateline(r, city)}{city}垃圾處理問題延燒，{title}{head}北上拜會環保署，要求中央協助處理堆積的垃圾。",
        ]
    )
    return r.choice([None, f"{short}府受贈救災車", f"{head}出席記者會"]), _tai(r, text)


def neg_japan_culture(r: random.Random) -> tuple[str | None, str]:
    city, _, _, _, _ = r.choice(TW)
    text = r.choice(
        [
            f"{city}一座博物館推出日本茶道文物特展，展出江戶時代茶碗與漆器，策展人表示盼民眾感受日本的待客之心。",
            "日本作家在新書中指出，東京正從流行文化發源地轉為接收地，台灣與韓國的時尚潮流可能後來居上。",
            "日治時期從日本來台的農業技師，曾在台南試驗場培育甘蔗新品種，被後人稱為台灣甘蔗之父，地方文史工作者整理其生平。",
            "日本桌球名將與台灣丈夫宣布將迎接第二胎，夫妻倆在社群分享喜訊，網友湧入祝福。",
            f"美少女戰士快閃店在{city}開幕，推出限量周邊商品，吸引大批粉絲排隊。",
            f"日本知名旅遊網站票選想去的台灣飯店，{city}一家設計旅店奪冠，業者表示將推出日文導覽。",
            "日本電視台介紹都議會選舉候選人的奇特經歷，在社群上引發熱議，台灣網友也跟著討論。",
            "東京迪士尼宣布將斥資擴建第三座主題園區，預計吸引更多外國觀光客，其中台灣旅客是主要客源之一。",
            f"一名日本籍旅客在{city}搭乘白牌計程車遭超速繞路，事後在網路分享經驗，交通局表示將加強稽查。",
        ]
    )
    return None, _tai(r, text)


def tj_firms_culture(r: random.Random) -> tuple[str | None, str]:
    jp, _, _, _, _ = r.choice(JP)
    text = r.choice(
        [
            f"台灣港務公司與日本{jp}的港灣營運公司今天簽署合作備忘錄，雙方將在港口物流、貨櫃航線及人才培訓上交流，強化台日港口合作。",
            f"文化部與日本{r.choice(['愛知大學', '早稻田大學', '九州大學'])}合作，在大阪舉辦台灣民主化研討會，並透過台灣文化光點計畫推廣台灣文化。",
            "經濟部與日本經濟產業省今天召開台日產業合作會議，雙方同意在半導體、電動車與新創領域深化合作。",
            f"台灣企業與日本{r.choice(['電機大廠', '汽車零件廠', '商社'])}今天宣布合資設廠，台日雙方各持股五成，將共同開拓東南亞市場。",
            f"台日觀光高峰論壇今天在{jp}登場，交通部觀光署與日本觀光廳官員出席，盼雙向旅遊人次早日突破千萬。",
            "外貿協會率領台灣品牌參加日本國際授權展，以台灣館形象推廣原創角色，並與日本業者洽談合作。",
        ]
    )
    return r.choice([None, "台日合作再添一例", "深化台日交流"]), _tai(r, text)


def neg_world_news(r: random.Random) -> tuple[str | None, str]:
    text = r.choice(
        [
            f"美國總統今天在白宮會見{r.choice(['印度總理', '南韓總統', '德國總理', '法國總統', '澳洲總理'])}，雙方就貿易、國防與區域安全交換意見，並發表聯合聲明。",
            "南韓總統今天啟程訪問美國，將與美國總統舉行高峰會，商討北韓核武與經貿議題。",
            "日本外務大臣表示，日本與歐盟的自由貿易協定談判進入關鍵階段，雙方盼年底前達成協議。",
            "日本首相與南韓總統今天舉行會談，同意改善兩國關係並加強對北韓的合作。",
            "中國外交部今天批評日本政府的防衛白皮書，日方則回應將堅守立場。",
            f"加拿大慶祝建國{r.choice(['150', '100'])}週年，各地舉辦慶祝活動，但部分活動因經費過高引發爭議。",
            "澳洲政府今天在官署升起原住民旗，總理表示這是和解的重要一步。",
            "法國新任總統今天就職，誓言推動勞動改革並強化歐盟團結。",
            "英國首相宣布提前大選，反對黨批評此舉是政治算計。",
            "美國國務卿今天抵達北京，與中國外長會談，雙方就貿易與北韓問題交換意見。",
            f"The leaders of {r.choice(['India', 'South Korea', 'France', 'Germany'])} and the United States met at the White House, "
            f"pledging closer defence and trade ties.",
            "Japan and the European Union are close to concluding a free trade agreement, Japan's foreign minister said.",
        ]
    )
    return r.choice([None, "美印峰會", "國際要聞"]), text


def neg_brands_in_taiwan(r: random.Random) -> tuple[str | None, str]:
    city, _, _, _, _ = r.choice(TW)
    jp, _, _, _, _ = r.choice(JP)
    text = r.choice(
        [
            f"日本{jp}知名水族館首度海外設點，選在{city}購物中心開幕，業者預估每年吸引上百萬人次。",
            "瑞士錶款推出台日限定版，在台灣與日本同步開賣，鐘錶業者表示限量款很快就會售罄。",
            "日本廉價航空禁止輪椅旅客自行登機引發爭議，航空公司致歉並表示將改善設備，台灣旅客也關注此事。",
            f"日本知名藥妝店在{city}開設旗艦店，首日湧入排隊人潮，業者表示台灣是海外最重要市場。",
            "日本人氣動畫與台灣便利商店推出聯名活動，集點送限量公仔，粉絲搶翻天。",
            f"蘋果手機問世{r.choice(['10', '15'])}周年，新機規格傳聞不斷，台灣首間直營店開幕吸引果粉朝聖。",
            "日本電器品牌在台推出新款空氣清淨機，強調台灣限定色，價格較日本便宜。",
            f"日本連鎖咖哩店宣布進軍台灣，首店落腳{city}，菜單將比照日本並推出台灣限定口味。",
            "日本偶像團體宣布來台舉辦見面會，門票採抽選，粉絲擔心黃牛哄抬票價。",
            "日劇在台灣串流平台熱播，劇中取景地成為台灣旅客赴日打卡熱點。",
        ]
    )
    return r.choice([None, "日系品牌搶攻台灣市場", "台日限定"]), _tai(r, text)


def neg_japan_in_passing(r: random.Random) -> tuple[str | None, str]:
    """Long-form domestic stories that mention Japan once: commentary, history, celebrities, exhibitions."""
    city, short, title, head, _ = r.choice(TW)
    lead = r.choice(
        [
            f"{_person_tw(r)}／專欄作家　政府推動{r.choice(['年金改革', '前瞻建設', '長照政策', '能源轉型'])}，各界爭論不休。",
            f"〔記者{_person_tw(r)}／台北報導〕立法院今天審查{r.choice(['預算', '組織法', '條例草案'])}，朝野攻防激烈。",
            f"{city}{r.choice(['美術館', '博物館', '文化中心'])}新特展明天登場，展出{r.randint(50, 300)}件文物。",
            f"知名{r.choice(['歌手', '演員', '桌球選手', '主播'])}今天在社群宣布喜訊，粉絲湧入祝福。",
            f"日治時期的{r.choice(['糖廠', '車站', '宿舍', '醫院'])}見證地方發展，文史工作者整理相關人物的故事。",
        ]
    )
    middle = r.choice(
        [
            "有學者舉日本的經驗為例，認為政府應該多與民間溝通。",
            "其中部分展品來自日本收藏家，策展團隊花了兩年籌備。",
            f"他的妻子是日本人，兩人婚後定居{short}，經常在社群分享生活。",
            "當年一名日本技師在此工作二十多年，留下許多珍貴紀錄。",
            "網友比較台灣與日本的做法，引發熱烈討論。",
            "業者表示，日本旅客也對這項活動很感興趣。",
        ]
    )
    tail = r.choice(
        [
            "相關爭議預料將持續延燒。",
            f"{title}{head}也到場致意，感謝主辦單位用心。",
            "展期至年底，歡迎民眾前往參觀。",
            "",
        ]
    )
    return r.choice([None, f"{short}特展登場", "專欄／政府該聽聽民間聲音"]), _tai(r, f"{lead}{middle}{tail}")


def neg_foreign_local(r: random.Random) -> tuple[str | None, str]:
    """Foreign cities' own affairs and national leaders abroad: local government, but no exchange."""
    fc, country, ft, _, _ = r.choice(FOREIGN)
    text = r.choice(
        [
            f"{country}{fc}遊民問題嚴重，市府擬斥資購買旅館安置遊民，{ft}表示將在年底前完成。",
            f"{country}{fc}{ft}今天宣布推動垃圾減量政策，市議會將於下月審議相關條例。",
            f"{country}{fc}舉辦國慶煙火活動，吸引數十萬人參加，市府加派警力維持秩序。",
            f"{country}觀光局推出新措施吸引外國旅客，機場將設立女性專用通道，盼提升旅遊體驗。",
            f"{country}總理今天訪問{fc}，與當地{ft}討論基礎建設預算，並宣布新的交通計畫。",
        ]
    )
    return None, text


FAMILIES: list[tuple[Callable[[random.Random], tuple[str | None, str]], bool, bool, int]] = [
    # family, taiwan_japan, city_diplomacy, how many
    (sister_signing, True, True, 45),
    (anniversary, True, True, 30),
    (mayor_visits_japan, True, True, 30),
    (japan_delegation_visits, True, True, 30),
    (video_call, True, True, 15),
    (school_exchange, True, True, 20),
    (city_donation, True, True, 20),
    (jtea_calls_on_city, True, True, 20),
    (council_exchange, True, True, 15),
    (township_ties, True, True, 15),
    (tourism_promotion, True, True, 12),
    (ja_sister, True, True, 25),
    (en_sister, True, True, 20),
    (tj_national, True, False, 70),
    (tj_national_ja_en, True, False, 20),
    (tj_trade_policy, True, False, 30),
    (city_foreign, False, True, 60),
    (city_forum, False, True, 45),
    (jp_city_other, False, True, 15),
    (neg_japan_domestic, False, False, 60),
    (neg_mayor_domestic, False, False, 60),
    (neg_japan_travel, False, False, 30),
    (neg_japan_products, False, False, 35),
    (neg_sports, False, False, 30),
    (neg_other_diplomacy, False, False, 35),
    (neg_ordinary, False, False, 70),
    (neg_passing_mention, False, False, 30),
    (neg_national_politics, False, False, 60),
    (neg_local_gov_acts, False, False, 70),
    (neg_japan_culture, False, False, 30),
    (tj_firms_culture, True, False, 30),
    (neg_world_news, False, False, 45),
    (neg_brands_in_taiwan, False, False, 45),
    (neg_japan_in_passing, False, False, 60),
    (neg_foreign_local, False, False, 30),
]


def _lang(text: str) -> str:
    if any("\u3041" <= c <= "\u30fa" for c in text):
        return "ja"
    if sum(c.isascii() for c in text) > 0.8 * len(text):
        return "en"
    return "zh-Hant"


def generate(seed: int = SEED) -> list[dict[str, object]]:
    """Every bundled training item, deterministic for a seed; exact duplicates dropped."""
    rng = random.Random(seed)
    items: list[dict[str, object]] = []
    seen: set[str] = set()
    for family, tj, cd, count in FAMILIES:
        made = 0
        for _ in range(count * 5):
            if made >= count:
                break
            title, text = family(rng)
            if text in seen:
                continue
            seen.add(text)
            made += 1
            items.append(
                {
                    "id": f"t{len(items) + 1:04d}",
                    "kind": family.__name__,
                    "lang": _lang(text),
                    "title": title,
                    "text": text,
                    "taiwan_japan": tj,
                    "city_diplomacy": cd,
                    "relevant": tj or cd,
                }
            )
    return items


def main() -> None:
    items = generate()
    with OUT.open("w", encoding="utf-8") as out:
        for item in items:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"wrote {len(items)} items to {OUT}")


if __name__ == "__main__":
    main()
