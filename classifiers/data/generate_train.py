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
            f"日本{jp}副{jtitle}{_person_jp(r)}率領訪團抵達{city}，副{title}{_person_tw(r)}在府內設宴款待，轉達{title}{head}的歡迎之意。",
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
        f"雙方並約定明年舉辦農產品聯合展售。{_closing(r)}"
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
            f"台灣新任駐日代表{_person_tw(r)}今天抵達東京羽田機場，表示將致力推動台日關係更上一層樓，並拜會日本政界人士。",
            "台日海洋事務合作對話今天在東京舉行，雙方就漁業、海上救難及海洋科學研究交換意見，並簽署合作備忘錄。",
            f"日本自民黨青年局訪團今天抵台，將與{who}會面並參訪國防與產業相關設施，這是疫情後首度恢復的訪台行程。",
            "台灣與日本今天簽署電子商務合作協議，台灣日本關係協會與日本台灣交流協會代表出席，雙方盼擴大數位貿易。",
            f"日本經濟團體聯合會訪團一行{r.randint(20, 60)}人今天抵台，將出席台日產業合作會議，{who}在歡迎晚宴上表示，台日在綠能與半導體供應鏈上是最佳夥伴。",
            f"外交部宣布，日本政府明年起將台灣青年赴日打工度假名額增加到{r.randint(5, 10)}千人，外交部感謝日方支持兩國青年交流。",
            f"日本防衛研究所學者{_person_jp(r)}今天在台北出席區域安全研討會，與國防部智庫學者就台海與東海情勢交換意見，外交部表示台日在安全議題上的對話日益密切。",
            f"台灣日本關係協會與日本台灣交流協會今天在台北簽署海關相互協助協議，雙方將交換走私與仿冒品情資，{who}表示這是台日制度化合作的新進展。",
            f"日本參議院議員{_person_jp(r)}今天拜會{who}，雙方就台日半導體人才培育與觀光雙向交流交換意見，{who}感謝日本國會議員長年關心台灣。",
            "台日雙方今天在東京舉行年度觀光交流會議，交通部觀光署與日本觀光廳官員同意推動地方機場新航線，擴大兩國旅客往來。",
            f"日本廣島縣一所高中的師生{r.randint(30, 200)}人今天抵台進行教育旅行，與新竹一所高中交流，教育部表示台灣連續多年是日本高中生海外修學旅行的首選。",
            f"{who}今天在總統府接見日本眾議院議員{_person_jp(r)}一行，感謝日本國會通過決議關注台海和平，雙方並就能源與防災合作交換意見。",
        ]
    )
    return r.choice([None, None, "台日關係再升溫", "深化台日合作"]), _tai(r, text)


def tj_trade_policy(r: random.Random) -> tuple[str | None, str]:
    """Bilateral policy between Taiwan and Japan: fisheries, trade pacts, flights, taxes, market access."""
    fruit = r.choice(["芒果", "荔枝", "蓮霧", "釋迦", "木瓜"])
    text = r.choice(
        [
            "台日漁業委員會今天在東京召開年度會議，雙方就重疊海域的作業規則達成共識，漁業署表示將保障台灣漁民權益。",
            "經濟部與日本經濟產業省今天召開台日經濟夥伴委員會，雙方同意在氫能與離岸風電供應鏈上擴大合作，並定期召開工作會議。",
            f"台日航空協定完成修訂，雙方同意增加桃園、高雄與日本地方機場之間的航權，交通部預估每週將增加{r.randint(20, 60)}個航班。",
            f"日本農林水產省宣布放寬台灣產{fruit}輸日的檢疫條件，農業部表示將協助果農拓展日本市場，今年外銷量可望倍增。",
            "財政部與日本財務省今天舉行關務合作會談，雙方同意簡化台日貿易的原產地證明程序，協助中小企業降低成本。",
            "台日雙方今天簽署經濟合作協議，涵蓋投資保障、關稅與電子商務，經濟部表示將有助台灣企業拓展日本市場。",
            "台灣與日本今天簽署避免雙重課稅協定補充議定書，財政部表示，在日本工作的台灣人與在台日商將受惠。",
            f"日本政府宣布台灣產{fruit}正式解禁輸日，首批貨櫃今天從高雄港出發，日本台灣交流協會代表出席啟運儀式。",
        ]
    )
    return r.choice([None, "台日經貿再深化", "台日協議新進展"]), _tai(r, text)


def tj_national_ja_en(r: random.Random) -> tuple[str | None, str]:
    text = r.choice(
        [
            f"台湾の外交部長は、来台した日本の超党派議員団と会談し、半導体や防災分野での協力を確認した。議員団の{_person_jp(r)}衆院議員は、"
            f"台湾との交流を一層深めたいと述べた。",
            "日本台湾交流協会と台湾日本関係協会は、漁業協力に関する会合を東京で開き、操業ルールの見直しで合意した。",
            "台湾の経済部は、日本の経済産業省と水素エネルギー分野の協力覚書を交わしたと発表した。",
            "Taiwan and Japan signed an agreement on customs cooperation in Taipei, the Taiwan-Japan Relations Association said, "
            "pledging to share information on smuggling and counterfeit goods.",
            "Japanese and Taiwanese officials held annual talks on maritime cooperation, covering fisheries, search and rescue "
            "and marine research, Taiwan's foreign ministry said.",
            "Japan will raise the quota of its working holiday programme for young Taiwanese next year, Taiwan's foreign "
            "ministry said, thanking Tokyo for supporting exchanges between the two peoples.",
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
            "日本政府今天公布上季國內生產毛額，實質成長率低於預期，內需消費疲弱，分析師認為央行短期內難以調整政策。",
            f"日本{jp}今天清晨發生規模{r.randint(5, 7)}.{r.randint(0, 9)}地震，氣象廳一度發布海嘯注意報，目前未傳出重大傷亡，新幹線部分路段暫停行駛。",
            f"日本各地今年黑熊出沒頻繁，{jp}已發生多起傷人事件，{jtitle}要求自衛隊協助，環境省將召開對策會議。",
            "日本稻米價格持續創新高，農林水產大臣表示將釋出儲備米，超市仍出現搶購情形。",
            "日本首相今天在國會答詢時表示，將推出新的經濟對策以因應物價上漲，在野黨則批評政府對策不足。",
            f"{jpj}で{r.randint(2, 9)}日、住宅火災があり、{r.randint(1, 3)}人が死亡した。警察と消防が出火原因を調べている。",
            f"{jpj}の{jtitle}は記者会見で、来年度予算案について説明した。子育て支援や防災対策に重点を置くという。",
            f"{jpj}の市街地で{r.randint(1, 12)}日、大雪のため路線バスの運休が相次いだ。市は除雪作業を急いでいる。",
            "Japan's parliament passed a record defence budget on Friday, with opposition lawmakers warning about the rising "
            "national debt, public broadcaster NHK reported.",
            f"Heavy snow disrupted trains and flights across {r.choice(['Niigata', 'Akita', 'Aomori'])} in northern Japan, "
            f"with local officials urging residents to stay indoors.",
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
            f"{_dateline(r, city)}{city}公布停車費新制，市區路邊停車改為累進費率，環保團體表示支持，部分商家則有疑慮。",
            f"{_dateline(r, city)}{city}議會今天進行總質詢，議員針對市府預算、{r.choice(['托育政策', '交通建設', '房價問題', '空污改善'])}等議題提出質詢，{title}{head}一一答覆。",
            f"{_dateline(r, city)}{city}燈會今晚點燈，{title}{head}與民眾一同倒數，現場湧入數萬人，主燈結合在地特色吸睛。",
            f"{_dateline(r, city)}汛期將至，{title}{head}今天主持防汛演練，要求各區公所清理側溝並備妥抽水機。",
            f"{_dateline(r, city)}{city}政府今天公布{r.choice(['托育補助', '老人健保補助', '公車票價優惠'])}新制，{title}{head}表示，盼減輕市民負擔。",
            f"{_dateline(r, city)}{title}{head}今天出席里長聯誼會，聽取基層對路燈、公園與垃圾清運的建議，承諾列入明年預算。",
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
            f"日本汽車大廠宣布全球召回{r.randint(10, 90)}萬輛車，原因是煞車零件可能異常，國內車主可洽經銷商檢查。",
            "Sony今天發表新款手機，預計初夏在日本上市，台灣上市時間未定，規格與售價曝光。",
            "日本搖滾樂團宣布亞洲巡演加開高雄場，售票系統開賣後一度塞車，主辦單位呼籲歌迷別買黃牛票。",
            f"日本動畫電影在台票房突破{r.randint(3, 9)}億元，躋身影史前三名，片商加映場次。",
            "日本女星宣布結婚，社群湧入大批祝福，網友直呼國民老婆嫁人了。",
            f"日本迴轉壽司連鎖在{city}的門市宣布歇業，業者表示租約到期，將另覓新點。",
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
            f"外交部長今天接見{r.choice(['英國', '德國', '加拿大', '澳洲'])}國會議員訪問團，雙方就民主韌性、供應鏈安全與經貿合作交換意見。",
            f"美國國務院宣布對台軍售{r.randint(3, 8)}項，總額約{r.randint(5, 20)}億美元，總統府與國防部感謝美方。",
            "立法院長今天接見來訪的美國智庫學者，雙方討論區域安全與台美經貿協定進展。",
            "副總統今天啟程出訪中美洲友邦，將出席友邦總統就職典禮，並與當地僑界見面。",
            "外交部今天與友邦簽署司法互助協定，雙方將在打擊跨國犯罪上合作。",
            "總統今天接見美國前國防部官員率領的訪問團，感謝美國跨黨派支持台灣，並盼深化台美安全合作。",
            "外交部長今天出席台美經濟繁榮夥伴對話，雙方就半導體供應鏈與投資審查交換意見。",
            "Taiwan's president met a visiting US congressional delegation, thanking Washington for arms sales and "
            "bipartisan support.",
            "Taiwan's foreign minister hosted a British parliamentary delegation to discuss supply-chain security.",
        ]
    )
    return r.choice(["總統接見美國訪團", "台美關係", None]), _tai(r, text)


def neg_ordinary(r: random.Random) -> tuple[str | None, str]:
    city, short, _, _, _ = r.choice(TW)
    text = r.choice(
        [
            f"中度颱風持續朝台灣東南方海面前進，氣象署預估{r.randint(5, 12)}個縣市明天風雨明顯，提醒民眾提早做好防颱準備。",
            f"東北季風明天增強，北部與東北部轉涼有雨，清晨最低溫約{r.randint(12, 16)}度，氣象署提醒早晚溫差大。",
            f"台股今天收盤下跌{r.randint(100, 900)}點，成交量{r.randint(3000, 6000)}億元，外資賣超，電子股走弱。",
            f"{_dateline(r, city)}{city}一處路口今天發生死亡車禍，機車與轎車碰撞，騎士送醫不治，警方調查肇事原因。",
            f"{_dateline(r, city)}警方破獲詐騙集團車手，逮捕{r.randint(2, 9)}名嫌犯，查扣現金及手機。",
            "疾管署公布上週類流感門急診人次增加，呼籲民眾接種疫苗並勤洗手。",
            f"威力彩頭獎上看{r.randint(2, 9)}億元，台彩公布今晚開獎號碼，提醒民眾理性投注。",
            f"立法院今天三讀通過{r.choice(['預算法', '財劃法', '選罷法'])}修正案，朝野立委在議場激烈攻防。",
            f"{_dateline(r, city)}{city}衛生局中秋食品稽查結果出爐，{r.randint(2, 6)}件不合格，業者遭限期改善。",
            "主計總處上修今年經濟成長率預測，出口與人工智慧相關投資強勁，民間消費則溫和成長。",
            f"{_dateline(r, city)}{city}一處民宅今天清晨發生火警，消防隊到場搶救，{r.randint(1, 3)}人受困送醫。",
            "大學學科能力測驗成績今天公布，大考中心表示各科均標與去年相近，考生可上網查詢成績。",
        ]
    )
    return r.choice([None, f"{short}車禍", "颱風動態", "台股收盤"]), _tai(r, text)


def neg_passing_mention(r: random.Random) -> tuple[str | None, str]:
    city, short, title, head, _ = r.choice(TW)
    text = r.choice(
        [
            f"{_dateline(r, city)}{city}鐵人三項賽今天登場，一千多名選手參加，其中包括日本與香港的選手，{title}{head}到場為選手加油。",
            f"{_dateline(r, city)}{city}日式宿舍群修復完工，重新開放參觀，{title}{head}表示將活化為文創園區，吸引觀光客。",
            f"一名在{short}工作的日本工程師在社群分享台灣早餐店的點餐文化，引起網友熱烈討論。",
            f"{_dateline(r, city)}{city}今年觀光人次創新高，其中日本旅客回流明顯，業者期待明年持續成長。",
            "半導體股今天走強，法人指出日本客戶訂單回溫，但大盤仍受美國利率政策影響。",
            f"{_dateline(r, city)}{city}一家日式料理店因食材衛生不合格遭衛生局處分，業者表示將改善。",
        ]
    )
    return None, _tai(r, text)


def neg_national_politics(r: random.Random) -> tuple[str | None, str]:
    who = r.choice(["總統", "行政院長", "副總統", "立法院長", "在野黨主席", "執政黨團總召"])
    bill = r.choice(
        ["長照服務法修正", "都市更新條例", "食安法修正", "電業法修正", "住宅法修正", "兒少保護條例"]
    )
    text = r.choice(
        [
            f"立法院臨時會今天繼續審查{bill}，朝野立委在議場激烈攻防，{who}表示將承擔政治責任，在野黨則批評政府強行闖關。",
            f"{who}今天出席黨中常會，針對{bill}引發的爭議表示，改革不能停，盼社會理性討論，並感謝黨籍立委辛苦。",
            f"行政院會今天通過{bill}草案，將送立法院審議。院長表示，這是施政重要一步，各部會須全力溝通。",
            f"最新民調顯示，{who}的施政滿意度下滑，多數民眾對{bill}持保留態度，學者分析執政黨面臨挑戰。",
            "政黨初選民調結果今天出爐，黨部表示將尊重民調結果，未獲提名的參選人則表示將再考慮。",
            f"公民團體今天在立法院外舉行記者會，要求{bill}納入更多民眾參與機制，並邀請朝野立委簽署承諾書。",
            f"總統府今天宣布新任閣員名單，{r.choice(['國防部長', '經濟部長', '教育部長', '衛福部長'])}由{_person_tw(r)}接任，將於下週就職。",
        ]
    )
    return r.choice([None, f"{bill}攻防 {who}發聲", "政院人事異動"]), _tai(r, text)


def neg_local_gov_acts(r: random.Random) -> tuple[str | None, str]:
    city, short, title, head, _ = r.choice(TW)
    other, _, _, _, _ = r.choice(TW)
    text = r.choice(
        [
            f"{_dateline(r, city)}{city}社會局今天接受{r.choice(['慈善團體', '在地企業', '宗教團體'])}捐贈輪椅與電動病床，由{title}{head}代表受贈，將轉贈給需要的長者。",
            f"{_dateline(r, city)}{city}政府今天與{r.choice(['在地大學', '醫學中心', '科技公司'])}簽署合作備忘錄，將在長照與智慧醫療上合作，{title}{head}出席見證。",
            f"{_dateline(r, city)}{short}一座鄉鎮與{other}的鄉鎮今天締結姊妹鄉鎮，兩地將在農產行銷與國內旅遊上互相合作。",
            f"{_dateline(r, city)}{title}{head}今天率領市府團隊出席{r.choice(['捷運動土典禮', '公園改造工程開工', '運動中心啟用', '圖書館分館揭牌'])}，表示將打造宜居城市。",
            f"{_dateline(r, city)}{city}國際馬拉松今天登場，吸引{r.randint(1, 3)}萬名跑者參加，{title}{head}鳴槍起跑，沿途設置補給站與加油團。",
            f"{_dateline(r, city)}{city}議會今天三讀通過{r.choice(['停車場自治條例', '自治條例修正', '公有市場管理自治條例'])}，議員要求{short}府提出完整配套，{title}{head}表示會尊重議會決議。",
            f"{_dateline(r, city)}{city}教育局今天表揚{r.randint(20, 80)}名優良教師，副{title}{_person_tw(r)}親自頒獎，感謝教師作育英才。",
            f"{_dateline(r, city)}{city}政府今天與電信業者簽約，將在全市建置智慧路燈，{title}{head}表示可節省三成電費。",
            f"{_dateline(r, city)}{city}公布{title}選舉最新民調，{head}支持度領先，對手陣營表示將加強基層拜票。",
            f"{_dateline(r, city)}{title}{head}今天北上拜會交通部，爭取捷運延伸線與鐵路立體化經費，盼中央支持地方建設。",
        ]
    )
    return r.choice([None, f"{short}府受贈輔具", f"{head}出席記者會"]), _tai(r, text)


def neg_japan_culture(r: random.Random) -> tuple[str | None, str]:
    city, _, _, _, _ = r.choice(TW)
    text = r.choice(
        [
            "日本一位料理研究家出版新書，介紹關西家常菜的歷史與做法，中文版在台上市後登上書店暢銷榜。",
            f"{city}一家書店舉辦浮世繪複製畫展，展出葛飾北齋、歌川廣重等名家作品的複刻版，並邀請講師解說木版畫技法。",
            "日本時尚雜誌專欄作家撰文分析，東京年輕人近年偏好二手衣與復古穿搭，古著店在下北澤與高圓寺林立，快時尚品牌面臨壓力。",
            "日本知名漫畫家宣布連載二十年的作品即將完結，台灣出版社表示中文版最終卷將在年底推出。",
            f"日本一名美食YouTuber到{city}夜市試吃小吃，影片點閱突破百萬，網友笑稱他比在地人還懂得吃。",
            "京都一間百年和菓子老店因後繼無人宣布歇業，老顧客一早排隊購買最後一批點心，店主感謝大家多年支持。",
            "日本年度代表漢字今天在京都清水寺揭曉，住持揮毫寫下巨大的漢字，反映這一年的社會氛圍。",
            f"日本建築師設計的{city}一座圖書館獲得國際建築獎，館方表示將推出建築導覽，邀請民眾認識木構造之美。",
            "日本一項民調顯示，年輕人參與傳統祭典的意願降低，各地神社面臨扛神轎人手不足，有地方開始招募外國志工。",
            "日本作家村上春樹的新作中文版在台開賣，書店業者表示預購量創新高，粉絲一早到書店排隊。",
        ]
    )
    return None, _tai(r, text)


def tj_firms_culture(r: random.Random) -> tuple[str | None, str]:
    jp, _, _, _, _ = r.choice(JP)
    text = r.choice(
        [
            "台灣電力公司與日本一家電力公司今天簽署離岸風電技術合作備忘錄，雙方將在併網技術與運維人才培訓上交流，深化台日能源合作。",
            "國立故宮博物院與日本一座國立博物館簽署館際交流協議，雙方明年將互借文物展出，並交流文物修復技術。",
            f"台灣高鐵公司與日本{jp}的鐵道業者今天簽署合作備忘錄，雙方將在車輛維修技術與人才培訓上交流，強化台日鐵道合作。",
            "工研院與日本產業技術綜合研究所今天簽署合作協議，雙方將在半導體材料與智慧製造研究上共同投入，推動台日科研合作。",
            f"台日觀光高峰論壇今天在{jp}登場，交通部觀光署與日本觀光廳官員出席，盼雙向旅遊人次早日突破千萬。",
            f"台灣企業與日本{r.choice(['電機大廠', '汽車零件廠', '商社'])}今天宣布合資設廠，台日雙方各持股五成，將共同開拓東南亞市場。",
            "經濟部與日本經濟產業省今天召開台日產業合作會議，雙方同意在半導體、電動車與新創領域深化合作。",
            f"國家電影及視聽文化中心與日本{jp}的影像資料館簽署合作協議，將共同修復台灣早期影片，並在台日兩地巡迴放映。",
        ]
    )
    return r.choice([None, "台日合作再添一例", "深化台日交流"]), _tai(r, text)


def neg_world_news(r: random.Random) -> tuple[str | None, str]:
    text = r.choice(
        [
            "德國總理今天訪問巴西，與巴西總統就雨林保育、再生能源與自由貿易協定交換意見，雙方發表共同聲明。",
            "南韓外交部長今天抵達華府，與美國國務卿會談，雙方就關稅、半導體投資與北韓議題交換意見，並籌備兩國領袖高峰會。",
            "印尼總統今天出訪澳洲，與澳洲總理簽署國防合作協議，並宣布擴大兩國學生交流獎學金。",
            "英國與歐盟今天就北海漁業配額達成協議，雙方漁民團體反應不一，部分港口漁民批評讓步太多。",
            "日本首相今天出訪越南與菲律賓，與兩國領袖會談，同意加強海上安全合作並提供巡邏船。",
            "南韓總統與美國總統今天通電話，確認將在年底前舉行高峰會，商討駐韓美軍費用分擔與經貿議題。",
            "法國總統今天在巴黎接見印度總理，兩國簽署戰鬥機與潛艦採購協議，並發表聯合聲明。",
            "聯合國秘書長今天在氣候峰會上呼籲已開發國家兌現氣候融資承諾，協助島國因應海平面上升。",
            "菲律賓總統今天訪問東京，與日本首相簽署部隊互訪協定，兩國將在南海加強聯合演訓。",
            "中國外交部今天批評日本與菲律賓的防衛合作，日方回應合作不針對第三國。",
            "The leaders of Brazil and Germany met in Brasilia, pledging to revive talks on a trade deal between South "
            "America and Europe.",
            "Japan's prime minister visited Vietnam and the Philippines, signing agreements on maritime security and "
            "coast guard training.",
        ]
    )
    return r.choice([None, "國際要聞", "領袖會談"]), text


def neg_brands_in_taiwan(r: random.Random) -> tuple[str | None, str]:
    city, _, _, _, _ = r.choice(TW)
    text = r.choice(
        [
            f"日本連鎖烏龍麵店在{city}開設新分店，推出季節限定的冷烏龍，業者表示台灣分店業績是海外最好。",
            "日本家居品牌在台推出夏季涼感寢具，售價比日本便宜一成，門市人員表示開賣首週就補貨兩次。",
            "日本動漫展今天在台北世貿登場，吸引大批角色扮演愛好者，主辦單位預估四天湧入十萬人次。",
            "日本文具大廠的新款自動鉛筆今天在台開賣，文具迷一早排隊搶購，店家限定每人兩支。",
            f"日本甜點名店首度來台快閃，在{city}百貨公司設櫃十天，開賣首日排隊人潮繞了兩層樓。",
            "日本溫泉旅館業者組團來台舉辦徵才說明會，招募會說日語的台灣青年赴日工作，提供住宿與語言課程。",
            f"韓國美妝品牌在{city}開設旗艦店，首日湧入排隊人潮，業者表示台灣是海外重要市場。",
            "日本運動品牌推出台灣限定配色球鞋，在網路上開賣五分鐘就售罄，轉賣價格翻倍。",
            "日系超市在台展店加速，今年將再開十家門市，並引進更多日本產地直送的生鮮商品。",
            "日劇在台灣串流平台熱播，劇中取景地成為台灣旅客赴日打卡熱點。",
        ]
    )
    return r.choice([None, "日系品牌搶攻台灣市場", "台灣限定"]), _tai(r, text)


def neg_japan_in_passing(r: random.Random) -> tuple[str | None, str]:
    """Long-form domestic stories that mention Japan once: commentary, history, celebrities, exhibitions."""
    city, short, title, head, _ = r.choice(TW)
    lead = r.choice(
        [
            f"{_person_tw(r)}／專欄作家　政府推動{r.choice(['長照政策', '能源轉型', '少子化對策', '居住正義'])}，各界爭論不休。",
            f"〔記者{_person_tw(r)}／台北報導〕立法院今天審查{r.choice(['預算', '組織法', '條例草案'])}，朝野攻防激烈。",
            f"{city}{r.choice(['美術館', '博物館', '文化中心'])}新特展下週開幕，展出{r.randint(50, 300)}件作品。",
            f"知名{r.choice(['歌手', '演員', '廚師', '主播'])}今天在社群分享近況，粉絲留言鼓勵。",
            f"{short}一座百年{r.choice(['車站', '宿舍', '醫院', '酒廠'])}整修後重新開放，文史工作者整理建物的歷史。",
        ]
    )
    middle = r.choice(
        [
            "有學者舉日本的經驗為例，認為政府應該多與民間溝通。",
            "其中部分展品向日本的私人收藏家借展，策展團隊籌備了一年多。",
            "他曾在日本留學多年，回台後把當地的經驗帶進工作中。",
            "這座建物當年由日本建築師設計，屋頂採用和洋混合的樣式。",
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
            f"{country}{fc}市議會今天通過年度預算，將增加公車班次並調降票價，{ft}表示盼減少市區塞車。",
            f"{country}{fc}遭暴雨襲擊，多處道路淹水，{ft}宣布進入緊急狀態並開設避難所。",
            f"{country}{fc}舉辦年度音樂節，吸引數萬樂迷參加，市府加派警力維持秩序。",
            f"{country}{fc}{ft}選舉今天投票，現任{ft}尋求連任，民調顯示選情緊繃。",
            f"{country}{fc}市府宣布將在市中心設置行人徒步區，商家擔心影響生意，{ft}承諾先試辦半年。",
        ]
    )
    return None, text


def neg_japan_business(r: random.Random) -> tuple[str | None, str]:
    """Japanese companies' own business: no Taiwanese partner."""
    firm = r.choice(
        ["日本電機大廠", "日本老牌相機廠", "日本汽車集團", "日本大型銀行", "日本遊戲大廠", "日本連鎖超商"]
    )
    text = r.choice(
        [
            f"{firm}宣布明年起調漲產品售價約一成，理由是原物料與物流成本上升，分析師認為同業可能跟進。",
            f"{firm}公布上半年財報，淨利年減{r.randint(10, 60)}%，主因日圓升值與海外需求疲弱，股價盤中重挫。",
            f"{firm}宣布與同業合併，合併後將成為日本第二大業者，預計明年春天完成，仍待日本公平交易委員會審查。",
            f"{firm}新任社長今天就任，宣布三年中期經營計畫，目標將營業利益率提高到一成，並加碼投資數位服務。",
            f"{firm}因系統故障導致日本全國分店暫停營業半天，公司今天召開記者會道歉，承諾補償受影響的顧客。",
            f"{firm}宣布將在日本國內新建工廠，投資{r.randint(100, 900)}億日圓，預計創造{r.randint(300, 2000)}個工作機會。",
        ]
    )
    return r.choice([None, "日企動態", "日股焦點"]), _tai(r, text)


def neg_cross_strait(r: random.Random) -> tuple[str | None, str]:
    """Cross-strait and party politics at national level: no city government engaging abroad."""
    text = r.choice(
        [
            "在野黨副主席今天率團出席在廈門舉行的海峽論壇，強調兩岸應以對話代替對抗，陸委會則提醒參與者注意法令規範。",
            "國台辦今天在例行記者會上批評執政黨的兩岸政策，陸委會回應，兩岸關係的僵局責任在北京。",
            "陸委會今天公布最新民調，多數民眾支持維持現狀，對中國大陸軍機擾台感到不安。",
            "中國大陸宣布暫停部分台灣農產品進口，農業部表示將協助業者拓展其他市場，並要求對岸說明理由。",
            "兩岸企業家峰會今天在南京登場，多家台商出席，經濟部提醒業者留意赴陸投資規範。",
            "大陸海警船今天再度進入金門限制水域，海巡署派艦監控並廣播驅離，陸委會表示已向對岸表達嚴正立場。",
        ]
    )
    return r.choice([None, "兩岸關係", "陸委會回應"]), _tai(r, text)


def neg_neighbours_news(r: random.Random) -> tuple[str | None, str]:
    """Korea, Hong Kong and other neighbours' own news."""
    text = r.choice(
        [
            "南韓國會今天通過預算案，在野黨批評政府擴大赤字，總統府表示將全力推動經濟政策。",
            "香港特區政府今天公布施政報告，特首承諾增建公營房屋並縮短輪候時間，議員批評內容缺乏新意。",
            "新加坡總理今天宣布內閣改組，多名年輕部長升任要職，被視為世代交替的布局。",
            "南韓首爾市長今天宣布市區公車將全面改用電動車，預計五年內完成汰換，市議會將審議相關預算。",
            "泰國政府宣布明年起對外國旅客收取入境觀光費，旅行業者擔心影響旅遊意願。",
            "南韓央行今天宣布維持基準利率不變，總裁表示將密切觀察房價與家庭負債。",
            "印度大選今天開票，執政聯盟領先，總理在社群發文感謝選民支持。",
        ]
    )
    return r.choice([None, "國際要聞", "亞洲動態"]), text


def neg_missions_abroad(r: random.Random) -> tuple[str | None, str]:
    """Taiwan's national missions abroad (representative offices, overseas compatriots): national, not city diplomacy."""
    place = r.choice(["華府", "紐約", "洛杉磯", "休士頓", "芝加哥", "倫敦", "柏林", "雪梨"])
    text = r.choice(
        [
            f"駐{place}辦事處今天舉辦國慶酒會，邀請當地政界、學界與僑界人士出席，處長致詞感謝各界長期支持台灣。",
            f"中華民國駐美代表今天出席{place}智庫舉辦的研討會，說明台灣在半導體供應鏈的角色，並呼籲國際重視台海和平。",
            f"僑務委員會今天在{place}舉辦台灣傳統技藝巡迴演出，吸引上千名僑胞與當地民眾觀賞。",
            f"外交部今天宣布，將在{place}增設台灣華語文學習中心，並與當地大學合作開設課程。",
            f"駐{place}辦事處處長今天出席當地台灣商會年會，感謝台商協助拓展經貿關係，並介紹台灣的投資環境。",
        ]
    )
    return r.choice([None, "駐外館處動態", "僑務動態"]), _tai(r, text)


def neg_japan_routes(r: random.Random) -> tuple[str | None, str]:
    """Flights, fares and tour packages to Japan: travel, not relations."""
    jp, _, _, _, _ = r.choice(JP)
    text = r.choice(
        [
            f"廉價航空今天宣布開闢高雄直飛{jp}新航線，首航班機滿載，業者推出限時優惠票價搶客。",
            f"旅行社推出{jp}賞楓團，五天四夜含溫泉住宿，團費{r.randint(3, 6)}萬元起，早鳥報名可再折扣。",
            f"航空公司因應日本旅遊熱潮，將台北往返{jp}的機型換成大型客機，並增加商務艙座位。",
            f"觀光署統計，今年前{r.randint(3, 9)}個月國人赴日旅遊人次創新高，{jp}成為新興熱門地點，旅行業者看好下半年商機。",
            f"颱風影響日本西部，多家航空公司取消往返{jp}的航班，旅客可免費改票或退票。",
        ]
    )
    return r.choice([None, f"{jp}新航線", "赴日旅遊熱"]), _tai(r, text)


def neg_company_events(r: random.Random) -> tuple[str | None, str]:
    """Companies', hospitals' and schools' own events in Taiwan."""
    city, _, _, _, _ = r.choice(TW)
    text = r.choice(
        [
            f"{_dateline(r, city)}{city}一家百貨公司週年慶今天開跑，首日業績突破{r.randint(2, 9)}億元，化妝品與家電最熱賣。",
            f"{_dateline(r, city)}{city}一所大學今天舉辦校園徵才博覽會，{r.randint(50, 200)}家企業提供上千個職缺，吸引應屆畢業生排隊投遞履歷。",
            f"{_dateline(r, city)}國際工具機展今天在{city}展覽館開幕，吸引{r.randint(200, 800)}家廠商參展，主辦單位預估帶來上億元商機。",
            f"{_dateline(r, city)}{city}一所高中今天舉行畢業典禮，校長勉勵畢業生勇於追夢，並頒發各項獎學金。",
            f"{_dateline(r, city)}{city}一家醫學中心今天啟用新的癌症治療中心，院長表示將縮短病患等候時間。",
            f"電信業者今天發表企業專網方案，鎖定工廠與港口的自動化需求，預計年底前簽下{r.randint(10, 50)}家客戶。",
        ]
    )
    return None, _tai(r, text)


def neg_athletes_abroad(r: random.Random) -> tuple[str | None, str]:
    """Taiwanese athletes abroad and their home towns: sport, not exchange."""
    city, short, title, _head, _ = r.choice(TW)
    league = r.choice(["美國職棒小聯盟", "日本職棒", "韓國職籃", "美國大學籃球聯賽"])
    text = r.choice(
        [
            f"{_dateline(r, city)}{short}出身的投手今年挑戰{league}，啟蒙教練回憶他國小時在校隊練球的模樣，母校師生也替他加油。",
            f"{_dateline(r, city)}效力{league}的{short}子弟今天返鄉，回母校指導學弟妹練球，前{title}也到場合影。",
            f"旅外球員在{league}單場敲出兩支全壘打，家鄉{city}的親友在電視機前歡呼，少棒教練說他從小就展現天分。",
            f"{_dateline(r, city)}{city}一所國中的桌球隊遠征海外邀請賽奪冠，校長感謝家長會與教練多年付出。",
        ]
    )
    return None, _tai(r, text)


def neg_industry_forums(r: random.Random) -> tuple[str | None, str]:
    """Business and industry conferences in Taiwan with foreign speakers: not relations between governments."""
    city, _, _, _, _ = r.choice(TW)
    topic = r.choice(["半導體", "電動車", "人工智慧", "綠能", "金融科技", "零售"])
    text = r.choice(
        [
            f"{topic}產業論壇今天在{city}登場，邀請美國、日本與歐洲業者分享市場趨勢，吸引上千名業界人士報名。",
            f"一家財經雜誌舉辦年度{topic}高峰論壇，邀請日本與韓國企業高層演講，討論供應鏈重組帶來的機會。",
            f"國際{topic}展今天在{city}開幕，主辦單位表示有來自{r.randint(10, 30)}個國家的廠商參展，包括日本、德國與美國的大廠。",
            f"{topic}新創競賽今天舉行決賽，評審包括日本與新加坡的創投代表，首獎團隊將獲得赴海外參展的機會。",
        ]
    )
    return r.choice([None, f"{topic}論壇登場", "產業趨勢"]), _tai(r, text)


def neg_japan_essays(r: random.Random) -> tuple[str | None, str]:
    """Japanese writers' and critics' essays on culture and society, Taiwan at most an example."""
    text = r.choice(
        [
            "日本評論家在專欄中比較東亞各城市的咖啡文化，認為台北與首爾的獨立咖啡店更有個性，東京則以連鎖店為主。",
            "日本一位社會學者在新書中分析年輕世代不買車、不買房的消費觀，並舉台灣與韓國的類似現象作比較。",
            "日本作家撰文回顧昭和時代的流行歌曲，認為當年的旋律至今仍影響亞洲各地的流行音樂，包括台灣的老歌。",
            "日本漫畫評論家接受訪問時表示，日本動畫的海外市場已超過國內，台灣與東南亞的粉絲是重要支撐。",
            "一位旅日多年的台灣作家出版散文集，記錄在京都生活的日常，書中描寫町家、錢湯與季節料理。",
        ]
    )
    return None, _tai(r, text)


# --- round 3: false-alarm families and the two miss kinds, in Chinese, Japanese and English ------
# Written from general knowledge of such news (issue 13's list of families), not from any dev or stream item.
US_STATES = [  # Chinese, English, Japanese, kind of legislature
    ("加州", "California", "カリフォルニア州", "state"),
    ("德州", "Texas", "テキサス州", "state"),
    ("亞利桑那州", "Arizona", "アリゾナ州", "state"),
    ("奧克拉荷馬州", "Oklahoma", "オクラホマ州", "state"),
    ("愛達荷州", "Idaho", "アイダホ州", "state"),
    ("內布拉斯加州", "Nebraska", "ネブラスカ州", "state"),
    ("喬治亞州", "Georgia", "ジョージア州", "state"),
    ("亞伯達省", "Alberta", "アルバータ州", "province"),
    ("曼尼托巴省", "Manitoba", "マニトバ州", "province"),
    ("昆士蘭州", "Queensland", "クイーンズランド州", "state"),
    ("新南威爾斯州", "New South Wales", "ニューサウスウェールズ州", "state"),
    ("巴伐利亞邦", "Bavaria", "バイエルン州", "state"),
]
JP_EN_TOWNS = ["Niigata", "Akita", "Yamagata", "Toyama", "Fukui", "Aomori", "Hokkaido", "Ishikawa"]
JP_JA_TOWNS = ["新潟県", "秋田県", "山形県", "富山県", "福井県", "青森県", "北海道", "石川県"]


def _ja(name: str) -> str:
    return name.replace("縣", "県").replace("台", "台").replace("灣", "湾")


def ja_delegation_calls_on_mayor(r: random.Random) -> tuple[str | None, str]:
    city, _short, title, head, en = r.choice(TW)
    jp, _, jtitle, jp_en, _ = r.choice(JP)
    lang = r.choice(["ja", "ja", "zh", "en"])
    group = r.choice(["議会", "商工会議所", "観光協会", "市議会", "経済団体"])
    if lang == "ja":
        text = r.choice(
            [
                f"{_ja(jp)}{group}の訪問団{r.randint(8, 40)}人が{r.randint(1, 28)}日、台湾南部の{_ja(city)}を訪れ、{head}{title}を表敬訪問した。"
                f"団長の{_person_jp(r)}氏は「{_ja(city)}との交流をさらに広げたい」と述べ、{head}{title}は観光や農業での協力に期待を示した。",
                f"{_ja(jp)}の{_person_jp(r)}{jtitle}を団長とする訪問団が{_ja(city)}役所を訪れ、{head}{title}と懇談した。"
                f"双方は学生交流やチャーター便の運航について意見を交わし、今後も相互訪問を続けることで一致した。",
                f"台湾の{_ja(city)}を訪問中の{_ja(jp)}議員団は、{head}{title}と面会し、友好交流の拡大について話し合った。"
                f"{title}は「日本の皆さんを心から歓迎する」と語り、記念品を交換した。",
            ]
        )
        head_line = r.choice(
            [f"{_ja(jp)}訪問団、{_ja(city)}の{title}を表敬", f"{_ja(city)}{title}と懇談 交流拡大で一致", None]
        )
    elif lang == "zh":
        text = (
            f"{_dateline(r, city)}日本{jp}{r.choice(['商工會議所', '觀光協會', '議會'])}訪問團一行{r.randint(8, 40)}人今天拜會{city}{title}{head}，"
            f"團長{_person_jp(r)}表示，盼與{city}擴大{_topics(r, 2)}交流；{head}則邀請訪團成員多帶日本旅客來訪。{_closing(r)}"
        )
        head_line = r.choice([f"日本{jp}訪團拜會{head}", None])
    else:
        text = (
            f"A {r.randint(8, 40)}-member delegation from {jp_en}, Japan, called on {en} Mayor {head} on "
            f"{r.choice(['Monday', 'Tuesday', 'Thursday'])}, discussing school exchanges, farm products and tourism. "
            f"{head} thanked the Japanese visitors and said the city hoped to sign a friendship agreement."
        )
        head_line = r.choice([f"{jp_en} delegation calls on {en} mayor", None])
    return head_line, text


def foreign_legislators_hosted(r: random.Random) -> tuple[str | None, str]:
    city, short, title, head, en = r.choice(TW)
    zh, state_en, state_ja, kind = r.choice(US_STATES)
    body_en = "state legislators" if kind == "state" else "provincial legislators"
    lang = r.choice(["zh", "zh", "en", "en", "ja"])
    n = r.randint(3, 12)
    if lang == "zh":
        text = (
            f"{_dateline(r, city)}{r.choice(['美國', '加拿大', '澳洲', '德國'])}{zh}議員訪問團{n}人今天抵達{city}，{title}{head}在市府接待，"
            f"雙方就{_topics(r, 2)}與產業投資交換意見。{head}表示，{short}與{zh}都重視科技與農業，期盼推動雙方城市結盟或簽署合作備忘錄。{_closing(r)}"
        )
        head_line = r.choice([f"{zh}議員訪{short} {head}接待", f"{head}接見{zh}議員團", None])
    elif lang == "en":
        text = r.choice(
            [
                f"A delegation of {n} {body_en} from {state_en} visited {en} this week at the invitation of the city government. "
                f"Mayor {head} hosted a banquet for the visitors and said the city wanted closer ties in education, agriculture and "
                f"technology with {state_en}.",
                f"{en} Mayor {head} welcomed {body_en} from {state_en} to city hall on {r.choice(['Monday', 'Wednesday', 'Friday'])}, "
                f"where both sides discussed trade, student exchanges and a possible sister-state relationship.",
            ]
        )
        head_line = r.choice([f"{state_en} lawmakers visit {en}", None])
    else:
        text = (
            f"{state_ja}の州議会議員団{n}人が台湾の{_ja(city)}を訪れ、{head}{title}と会談した。双方は教育や農業、"
            f"先端産業での協力について意見を交わした。"
        )
        head_line = None
    return head_line, text


def neg_japan_weather_quake(r: random.Random) -> tuple[str | None, str]:
    jp, _, jtitle, jp_en, _ = r.choice(JP)
    i = r.randrange(len(JP_EN_TOWNS))
    lang = r.choice(["ja", "en", "zh"])
    if lang == "ja":
        text = r.choice(
            [
                f"{JP_JA_TOWNS[i]}では{r.randint(2, 9)}日朝にかけて日本海側を中心に大雪となり、積雪が{r.randint(50, 180)}センチに達した。"
                f"気象庁は大雪警報を出し、交通障害に警戒するよう呼びかけている。",
                f"{r.randint(2, 27)}日午前、{_ja(jp)}で震度{r.randint(3, 6)}の地震があった。気象庁によると震源の深さは約{r.randint(10, 60)}キロ、"
                f"この地震による津波の心配はないという。",
                f"任期満了に伴う{_ja(jp)}{jtitle}選挙が告示され、新人と現職の{r.randint(2, 4)}人が立候補を届け出た。投開票は{r.randint(2, 28)}日。",
                f"気象庁は{r.randint(2, 28)}日、梅雨前線の影響で{_ja(jp)}を中心に線状降水帯が発生するおそれがあるとして、土砂災害に警戒を呼びかけた。",
            ]
        )
        head_line = r.choice([f"{JP_JA_TOWNS[i]}で大雪 交通に乱れ", "震度5弱の地震 津波の心配なし", None])
    elif lang == "en":
        text = r.choice(
            [
                f"Heavy snow blanketed {JP_EN_TOWNS[i]} and other areas along the Sea of Japan coast, cancelling flights and "
                f"stranding cars on highways, the Japan Meteorological Agency said.",
                f"A magnitude {r.randint(5, 6)}.{r.randint(0, 9)} earthquake struck off {jp_en} on {r.choice(['Sunday', 'Tuesday'])}; "
                f"no tsunami warning was issued and there were no immediate reports of damage.",
                f"Voters in {jp_en} go to the polls on Sunday to elect a new governor, with turnout expected to be low amid "
                f"cold weather.",
                f"Japan's weather agency warned of record heat across {jp_en} this week, urging residents to avoid outdoor activity.",
            ]
        )
        head_line = r.choice([f"Heavy snow hits Japan's {JP_EN_TOWNS[i]}", None])
    else:
        text = r.choice(
            [
                f"日本{jp}一帶今天降下大雪，積雪超過{r.randint(50, 150)}公分，多條鐵路停駛、航班取消，氣象廳呼籲民眾避免外出。",
                f"日本{jp}外海今天發生規模{r.randint(5, 6)}.{r.randint(0, 9)}地震，當地最大震度{r.randint(3, 6)}，氣象廳表示無海嘯威脅。",
                f"日本{jp}{jtitle}選舉今天投票，現任{jtitle}尋求連任，選情聚焦人口減少與地方振興。",
            ]
        )
        head_line = r.choice(["日本大雪 交通大亂", None])
    return head_line, text


def neg_taiwan_disaster_jp_media(r: random.Random) -> tuple[str | None, str]:
    city, _short, _title, _head, en = r.choice([*TW[:9], TW[17], TW[18], TW[15]])
    lang = r.choice(["ja", "ja", "en", "zh"])
    mag = f"{r.randint(5, 7)}.{r.randint(0, 9)}"
    if lang == "ja":
        text = r.choice(
            [
                f"台湾東部の{_ja(city)}沖で{r.randint(2, 27)}日、マグニチュード{mag}の地震があった。台湾の気象当局によると、"
                f"{_ja(city)}で震度{r.randint(4, 6)}を観測し、建物の一部が損壊した。日本の気象庁によると、日本への津波の影響はないという。",
                f"台風{r.randint(3, 25)}号の影響で、台湾の{_ja(city)}では大雨となり、土砂崩れで道路が寸断された。現地当局は住民に避難を呼びかけている。",
                f"台湾の{_ja(city)}で{r.randint(2, 27)}日、大規模な停電が発生し、約{r.randint(2, 30)}万世帯に影響が出た。電力会社が原因を調べている。",
            ]
        )
        head_line = r.choice([f"台湾{_ja(city)}で強い地震", "台湾東部で地震 日本への津波の影響なし", None])
    elif lang == "en":
        text = (
            f"A magnitude {mag} earthquake shook {en} in Taiwan on {r.choice(['Monday', 'Saturday'])}, rattling buildings in "
            f"Taipei. Japan's Meteorological Agency said there was no tsunami threat to Okinawa's outlying islands."
        )
        head_line = r.choice([f"Strong quake hits Taiwan's {en}", None])
    else:
        text = (
            f"{city}外海今天發生規模{mag}地震，{city}最大震度{r.randint(4, 6)}級，日本氣象廳表示，沖繩先島群島無海嘯威脅。"
            f"目前{city}傳出落石與零星災情，消防局持續搶修。"
        )
        head_line = r.choice([f"{city}規模{mag}地震 日本：無海嘯威脅", None])
    return head_line, text


def neg_travel_flights_fairs(r: random.Random) -> tuple[str | None, str]:
    jp, _, _, jp_en, _ = r.choice(JP)
    airline = r.choice(["華航", "長榮", "星宇", "虎航"])
    airline_en = {"華航": "China Airlines", "長榮": "EVA Air", "星宇": "Starlux", "虎航": "Tigerair Taiwan"}[
        airline
    ]
    lang = r.choice(["zh", "zh", "ja", "en"])
    if lang == "zh":
        text = r.choice(
            [
                f"寒假旅遊旺季將至，旅行社加開{r.randint(10, 60)}班日本包機，飛往{jp}等地，主打賞雪與溫泉行程，每人團費{r.randint(2, 6)}萬元起。",
                f"{airline}宣布明年{r.randint(1, 12)}月起開航台北飛{jp}定期航線，每週{r.randint(2, 7)}班，開航首月推出優惠票價。",
                f"台北國際旅展今天開幕，日本{jp}等地方觀光單位設攤，業者推出東北賞雪、九州溫泉等行程，主辦單位預估{r.randint(20, 40)}萬人次入場。",
                f"連假出國人潮湧現，桃園機場今天旅客量突破{r.randint(10, 20)}萬人次，日本仍是國人最愛的旅遊地點。",
            ]
        )
        head_line = r.choice([f"日本包機加開 {jp}賞雪團熱賣", "旅展開幕 日本行程搶手", None])
    elif lang == "ja":
        text = r.choice(
            [
                f"台湾の{airline_en}は、台北と{_ja(jp)}を結ぶチャーター便を冬季に{r.randint(10, 40)}往復運航すると発表した。スキーや温泉を目当てにした台湾人観光客の需要が高いという。",
                f"台湾からの訪日客が過去最多を更新した。{_ja(jp)}の観光地では台湾人旅行者の姿が目立ち、ホテルの予約も好調だという。",
                f"台北で開かれた国際旅行博に日本の自治体や旅行会社が出展し、{_ja(jp)}の雪景色や温泉をPRした。",
            ]
        )
        head_line = r.choice(["台湾からのチャーター便増便", None])
    else:
        text = r.choice(
            [
                f"{airline_en} will add {r.randint(10, 40)} charter flights between Taipei and {jp_en} this winter as demand for "
                f"ski and hot-spring holidays in Japan grows.",
                f"Taiwanese travellers made a record number of trips to Japan last year, with {jp_en} among the most popular "
                f"destinations, according to travel agencies.",
                "The Taipei International Travel Fair opened on Friday with booths from Japanese regions promoting winter tours.",
            ]
        )
        head_line = r.choice(["More charter flights to Japan", None])
    return head_line, _tai(r, text) if lang == "zh" else text


def neg_national_diplomacy_other(r: random.Random) -> tuple[str | None, str]:
    partner_zh, partner_en, partner_ja = r.choice(
        [
            ("歐洲議會", "the European Parliament", "欧州議会"),
            ("美國國會", "the US Congress", "米議会"),
            ("英國國會", "the British parliament", "英議会"),
            ("立陶宛國會", "Lithuania's parliament", "リトアニア議会"),
            ("捷克參議院", "the Czech Senate", "チェコ上院"),
            ("德國聯邦議院", "the German Bundestag", "ドイツ連邦議会"),
        ]
    )
    lang = r.choice(["zh", "zh", "en", "ja"])
    who = r.choice(["外交部長", "立法院長", "副總統", "國安會秘書長"])
    if lang == "zh":
        text = r.choice(
            [
                f"{who}今天抵達{r.choice(['布魯塞爾', '史特拉斯堡', '華府', '倫敦'])}，拜會{partner_zh}議員，就民主夥伴關係與供應鏈韌性交換意見，外交部表示此行深化雙邊關係。",
                f"{partner_zh}友台議員訪問團今天抵台，將拜會總統與{who}，並參訪半導體產業，這是今年第{r.randint(2, 6)}個來訪的國會團。",
                f"{partner_zh}今天通過友台決議，支持台灣參與國際組織，外交部表達誠摯感謝。",
            ]
        )
        head_line = r.choice([f"{who}訪{partner_zh} 深化合作", f"{partner_zh}訪團抵台", None])
    elif lang == "en":
        text = r.choice(
            [
                f"Taiwan's foreign minister visited {partner_en}, meeting lawmakers to discuss democratic resilience and trade, "
                f"the ministry said in a statement.",
                f"A cross-party delegation from {partner_en} arrived in Taipei on Monday for a five-day visit and will meet the "
                f"president and the premier.",
            ]
        )
        head_line = r.choice([f"Taiwan's top diplomat visits {partner_en}", None])
    else:
        text = f"台湾の外交部長が{partner_ja}を訪問し、議員らと会談した。民主主義や経済安全保障での連携強化を確認したという。"
        head_line = None
    return head_line, _tai(r, text) if lang == "zh" else text


def neg_sports_multi(r: random.Random) -> tuple[str | None, str]:
    jp, _, _, jp_en, _ = r.choice(JP)
    lang = r.choice(["ja", "en", "zh"])
    if lang == "ja":
        text = r.choice(
            [
                f"野球の国際大会で日本代表は台湾代表に{r.randint(3, 9)}-{r.randint(0, 2)}で勝利し、決勝進出を決めた。先発投手が好投した。",
                f"{_ja(jp)}で開かれた卓球の大会で、台湾の選手が日本の選手を破って優勝した。",
                "女子バレーボールの親善試合で日本は台湾と対戦し、ストレートで勝った。",
            ]
        )
    elif lang == "en":
        text = r.choice(
            [
                f"Taiwan beat Japan {r.randint(3, 8)}-{r.randint(0, 2)} in the baseball tournament final in {jp_en}, with the starting "
                f"pitcher allowing two hits.",
                f"Taiwanese golfer wins the tournament in {jp_en} by three strokes, her first title on the Japan tour.",
            ]
        )
    else:
        text = r.choice(
            [
                f"中華隊今天在{jp}舉行的亞洲錦標賽以{r.randint(3, 8)}比{r.randint(0, 2)}擊敗日本隊，晉級決賽。",
                f"台灣桌球好手在日本{jp}公開賽奪下女單冠軍，賽後感謝教練團。",
                f"日本職棒{r.choice(['火腿', '軟銀', '樂天'])}今天宣布簽下台灣投手，球團表示看好他的速球。",
            ]
        )
    return None, text


def neg_company_multi(r: random.Random) -> tuple[str | None, str]:
    jp, _, _, jp_en, _ = r.choice(JP)
    lang = r.choice(["zh", "ja", "en"])
    if lang == "zh":
        text = r.choice(
            [
                f"台積電{jp}新廠今天舉行開幕典禮，公司表示將依市場需求調整產能，第{r.randint(1, 4)}季營收預估成長{r.randint(5, 20)}%。",
                f"日系連鎖{r.choice(['拉麵', '壽司', '藥妝', '家居'])}品牌今天在台北開設第{r.randint(10, 90)}家門市，開幕當天排隊人潮不斷。",
                f"日本{r.choice(['汽車', '家電', '相機'])}大廠今天公布財報，受日圓走勢影響，獲利較去年同期衰退。",
            ]
        )
    elif lang == "ja":
        text = r.choice(
            [
                f"台湾の電子部品メーカーは{r.randint(2, 28)}日、{_ja(jp)}に新工場を建設すると発表した。投資額は約{r.randint(50, 500)}億円で、{r.randint(2026, 2029)}年の稼働を目指す。",
                f"日本の外食チェーンが台湾に{r.randint(2, 20)}店舗目を出店した。現地の若者に人気だという。",
                f"{_ja(jp)}に本社を置く食品メーカーの{r.randint(4, 9)}月期決算は、海外販売が好調で増収増益となった。",
            ]
        )
    else:
        text = r.choice(
            [
                f"A Taiwanese chipmaker said its new plant in {jp_en} would start volume production next year, lifting "
                f"quarterly revenue forecasts.",
                f"Japanese retailer opens its {r.randint(10, 90)}th store in Taiwan, betting on strong demand for household goods.",
            ]
        )
    return None, text


def neg_cross_strait_multi(r: random.Random) -> tuple[str | None, str]:
    lang = r.choice(["zh", "ja", "en"])
    if lang == "zh":
        text = r.choice(
            [
                "陸委會今天表示，中國大陸持續對台施壓，呼籲北京當局放棄對台動武，恢復兩岸良性互動。",
                f"國台辦發言人今天在記者會上批評台灣政府，陸委會隨即回應，強調兩岸互不隸屬。解放軍本週在台海周邊派出{r.randint(10, 40)}架次軍機。",
                f"海基會今天舉辦台商座談，{r.randint(50, 200)}位台商出席，關切兩岸經貿與人員往來。",
            ]
        )
    elif lang == "ja":
        text = r.choice(
            [
                f"中国軍は{r.randint(2, 28)}日、台湾周辺で大規模な軍事演習を実施した。台湾の国防部は警戒を強めている。",
                "台湾の対中政策を担う大陸委員会は、中国による圧力を批判する声明を発表した。",
            ]
        )
    else:
        text = r.choice(
            [
                f"China sent {r.randint(10, 40)} military aircraft near Taiwan on Tuesday, Taiwan's defence ministry said, as "
                f"Beijing stepped up pressure on the island.",
                "Taiwan's Mainland Affairs Council urged Beijing to resume dialogue after China's Taiwan Affairs Office "
                "criticised the government in Taipei.",
            ]
        )
    return None, text


def neg_city_domestic_multi(r: random.Random) -> tuple[str | None, str]:
    """A Taiwanese mayor's domestic work, told in Japanese or English (the Chinese family exists)."""
    city, _short, title, head, en = r.choice(TW)
    if r.random() < 0.5:
        text = r.choice(
            [
                f"台湾{_ja(city)}の{head}{title}は{r.randint(2, 28)}日、市内の交通渋滞対策として新たなバス路線の導入を発表した。",
                f"台湾{_ja(city)}で地下鉄の新路線が開業し、{head}{title}が式典に出席した。",
            ]
        )
    else:
        text = r.choice(
            [
                f"{en} Mayor {head} announced new subsidies for childcare on Monday, saying the city budget could cover them.",
                f"{en} opened a new metro line on Saturday; Mayor {head} rode the first train with residents.",
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
    (neg_japan_business, False, False, 30),
    (neg_cross_strait, False, False, 30),
    (neg_neighbours_news, False, False, 30),
    (neg_missions_abroad, False, False, 30),
    (neg_japan_routes, False, False, 30),
    (neg_company_events, False, False, 30),
    (neg_athletes_abroad, False, False, 20),
    (neg_industry_forums, False, False, 25),
    (neg_japan_essays, False, False, 20),
    (ja_delegation_calls_on_mayor, True, True, 40),
    (foreign_legislators_hosted, False, True, 40),
    (neg_japan_weather_quake, False, False, 45),
    (neg_taiwan_disaster_jp_media, False, False, 35),
    (neg_travel_flights_fairs, False, False, 40),
    (neg_national_diplomacy_other, False, False, 35),
    (neg_sports_multi, False, False, 25),
    (neg_company_multi, False, False, 25),
    (neg_cross_strait_multi, False, False, 20),
    (neg_city_domestic_multi, False, False, 15),
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
