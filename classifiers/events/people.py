"""People with their titles, and the size of a delegation, from the folded text (spans index it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Titles, longest first so 副市長 wins over 市長. Chinese and Japanese forms (folded: 県->縣, 会->會).
_TITLES = (
    "副總統|總統|総統|行政院長|立法院長|外交部長|經濟部長|交通部長|部長|副部長|院長|"
    "副市長|市長|副縣長|縣長|副議長|議長|鎮長|鄉長|區長|副知事|知事|町長|村長|"
    "副代表|代表|大使|總領事|處長|所長|署長|校長|教育長|理事長|會長|副會長|局長|次長|課長|秘書長|"
    "市議員|縣議員|議員|立委|首相|外相|大臣|長官|主委|總督|執行長|董事長|社長"
)
_NAME_STOP = set(
    "今昨明前本於在與和及率等也說表指稱對向為將已則更並就才曾都的親偕帶陪致後訪駐此以時首、,，。:：(（「『 \n"
)
# Words that begin or fill what a title is followed by when no name follows (副市長接待交流團, 指派副知事
# 出席): verbs, function words and nouns of news prose. A CJK "name" holding one of them is no name.
_NOT_NAME_WORDS = frozenset(
    re.findall(
        "..",
        "接待接受接見出席參加參與回應包括特地感謝期待指派表示指出強調率團訪問拜會拜訪前往致詞分享心得任內"
        "締結簽署簽訂交流會談會面見面致贈贈送說明希望歡迎邀請一同共同雙方每個時代連盟聯盟峰會會議國會政府"
        "議會代表市府縣府公所一行出訪來訪到訪視察親自帶領陪同頒發主持宣布認為提到今年去年明年日前近日當天"
        "隨後之後以及事務觀光旅遊文化教育經濟產業國際交通建設農業衛生社會秘書新聞關係委員事業發展推進振興"
        "地方總務企劃環境警察消防管理行政議員友好親善締盟姊妹姐妹城市論壇大會年會總會高峰"
        "高興非常特別十分榮幸首度首次厚生勞動"
        # words that follow a title when its holder was named before (町長則說, 代表抵台, 知事透過視訊)
        "則說視訊透過介紹長期超過來自組成辦公層級有意晉見抵台抵臺來台來臺懇談越來"
        # days (知事今天率團: no name after the title)
        "今天昨天明天當天今日昨日本日",
    )
)
# A Japanese given name of three characters after a two-character surname (服部誠太郎, 小池百合子) runs
# past the four characters a name is matched with; these endings carry it on by one.
_JA_NAME_ENDINGS = frozenset("郎子美夫雄男彦彥吉介助朗也哉")
# After a title these start another word, not a name: 代表部, 代表處, 代表團, 市長室 ..., and 長期 (熊本縣長期
# 支持: "long", not 縣長 and a name).
_AFTER_TITLE_NOT_NAME = frozenset("部處團會室級選期")
_TITLE_FIRSTS = "".join(sorted({title[0] for title in _TITLES.split("|")}))
_TITLE_NAME = re.compile(r"(?=[" + _TITLE_FIRSTS + r"])(" + _TITLES + r")([\u4e00-\u9fff]{2,4})")
# 黃偉哲市長 / 蒲島郁夫知事 / 野志克仁氏: name before the title, after punctuation, a conjunction, a
# Japanese particle (は, が, を, の ...) or an assembly (東京都議會宇田川聡史議長).
_NAME_TITLE = re.compile(
    r"(?:^|[、,，。:：(（「\s由與和及\u3040-\u309f]|議會|議会)([\u4e00-\u9fff]{2,5}?)("
    + _TITLES
    + r"|氏|さん)(?![\u4e00-\u9fff]{0,1}長)"
)
# A foreign name in katakana before its title (リコ・メディナ市長, カク・リュウヒン氏): given and family
# names joined by ・.
_KANA_NAME_TITLE = re.compile(
    r"(?<![\u30a1-\u30fa\u30fc])([\u30a1-\u30fa\u30fc]{2,12}(?:[・=][\u30a1-\u30fa\u30fc]{2,12}){1,2})("
    + _TITLES
    + r"|氏|さん)"
)
_EN_NOT_NAME = frozenset(
    re.findall(
        r"\w+",
        "receives visits meets signs leads welcomes hosts attends says said calls city county of and "
        "the in to at for with on from pays announces inks renews thanks",
    )
)
# Igi Takashi, Mayor of Yonago / Chou Tai-chu (周台竹), a spokesperson for ...: a two- or three-part name,
# then its title after a comma.
_EN_NAME_TITLE = re.compile(
    r"(?<![\w-])((?:[A-Z\u00c0-\u00de\u0100-\u017f][\w-]+ ){1,2}[A-Z\u00c0-\u00de\u0100-\u017f][\w-]+)"
    r"(?: \([^()]{1,12}\))?, (?:the |a |an )?(?:[A-Z][a-z]+ ){0,2}"
    r"([Mm]ayor|[Gg]overnor|[Cc]hairman|[Cc]hairwoman|[Ss]pokes(?:person|man|woman)|"
    r"[Ss]ecretary[- ][Gg]eneral|"
    r"[Pp]resident|[Rr]epresentative|[Aa]mbassador|[Ss]peaker|[Mm]inister|[Dd]irector|[Hh]ead)\b"
)
_EN_TITLE_NAME = re.compile(
    r"\b(Deputy Mayor|Mayor|Vice Governor|Vice Gov\.|Governor|Gov\.|President|Vice President|Premier|"
    r"Foreign Minister|District [Cc]hief|"
    r"Minister|"
    r"Speaker|Magistrate|Representative|Chairman|Ambassador)\s+"
    r"((?-i:[A-Z\u00c0-\u00de\u0100-\u017f])\w+(?:-\w+)?(?:\s(?-i:[A-Z\u00c0-\u00de\u0100-\u017f])\w+(?:-\w+)?){0,2})",
    re.IGNORECASE,
)
_TW_SIDE_TITLES = frozenset(
    {"總統", "総統", "副總統", "行政院長", "立法院長", "外交部長", "經濟部長", "交通部長", "立委"}
)
_PARTNER_TITLES = frozenset({"知事", "副知事", "町長", "村長", "首相", "大臣"})


@dataclass(frozen=True, slots=True)
class FoundPerson:
    name: str
    title: str
    start: int  # of the whole match (title and name)
    end: int
    name_start: int


_TITLE_IN = re.compile(_TITLES)
# Stop characters that are also name characters inside a name (島田教明, 塚部芳和, 曾文生).
_NAME_CHARS_TOO = frozenset("明前本和曾都")


def _trim_name(name: str, after: str = "") -> str:
    """Cut a name at the first character no name goes on with (今, 於, 表 ...), keeping at least two. A
    character that is also a name character (明, 和) ends the name unless the name then stops right after
    it (許立明今天, 谷崎泰明則, 鈴木憲和表示: ``after`` is the text that follows the window)."""
    text = name + after[:1]
    for index in range(2, len(name)):
        if name[index] not in _NAME_STOP:
            continue
        if name[index] in _NAME_CHARS_TOO:
            following = text[index + 1 : index + 2]
            if not following or (following in _NAME_STOP and following not in _NAME_CHARS_TOO):
                return name[: index + 1]
            if index == 2 and following:
                continue  # 片山和之, 武內和久: a surname of two, a given name opening with 和 (not "and")
        return name[:index]
    return name


def is_wordy(name: str) -> bool:
    """A CJK "name" that holds a word of news prose (接待, 出席, 感謝 ...) is no name."""
    if name.endswith("長"):
        return True  # 康議長: a surname and a title
    return any(name[i : i + 2] in _NOT_NAME_WORDS for i in range(len(name) - 1))


def find_people(raw: str, folded: str) -> list[FoundPerson]:
    """Title + name and name + title forms; raw gives the names as written, folded the matching."""
    found: list[FoundPerson] = []
    for match in _TITLE_NAME.finditer(folded):
        if match.group(2)[0] in _AFTER_TITLE_NOT_NAME:
            continue
        name = _trim_name(match.group(2), folded[match.end(2) : match.end(2) + 1])
        after = match.start(2) + len(name)
        if (
            len(name) == 4
            and folded[after : after + 1] in _JA_NAME_ENDINGS
            and folded[after + 1 : after + 2] != "人"  # 安倍晉三夫人: his wife
        ):
            name = folded[match.start(2) : after + 1]
        if len(name) < 2 or is_wordy(name):
            continue
        if (
            name.endswith("一")
            and folded[match.start(2) + len(name) : match.start(2) + len(name) + 1] == "行"
        ):
            name = name[:-1]  # 王育敏一行: the party of 王育敏 (一 is also a name character: 大西一史)
        start = match.start(2)
        found.append(
            FoundPerson(
                raw[start : start + len(name)],
                raw[match.start(1) : match.end(1)],
                match.start(),
                start + len(name),
                start,
            )
        )
    for match in _NAME_TITLE.finditer(folded):
        start = match.start(1)
        name = match.group(1)
        if (
            any(p.start <= start < p.end for p in found)
            or is_wordy(name)
            or any(char in _NAME_STOP and char not in _NAME_CHARS_TOO for char in name)
            or _TITLE_IN.search(name)
        ):
            continue  # 並偕陳致中議員, 韓院長與立委: no name before the title
        found.append(
            FoundPerson(
                raw[start : match.end(1)], raw[match.start(2) : match.end(2)], start, match.end(2), start
            )
        )
    for match in _KANA_NAME_TITLE.finditer(folded):
        start = match.start(1)
        if not any(p.start <= start < p.end for p in found):
            found.append(
                FoundPerson(
                    raw[start : match.end(1)], raw[match.start(2) : match.end(2)], start, match.end(2), start
                )
            )
    for match in _EN_NAME_TITLE.finditer(raw):
        name = match.group(1)
        if any(token.lower() in _EN_NOT_NAME for token in name.split()):
            continue
        if not any(p.name_start <= match.start(1) < p.end for p in found):
            found.append(FoundPerson(name, match.group(2), match.start(1), match.end(), match.start(1)))
    for match in _EN_TITLE_NAME.finditer(raw):
        # Mayor Chiang Wan-an Receives Delegation: a headline's next capitalised word is no part of the name.
        tokens = match.group(2).split()
        while len(tokens) > 1 and tokens[-1].lower() in _EN_NOT_NAME:
            tokens.pop()
        name = " ".join(tokens)
        if name.lower() in _EN_NOT_NAME:
            continue
        start = match.start(2)
        found.append(FoundPerson(name, match.group(1), match.start(), start + len(name), start))
    return sorted(found, key=lambda p: p.start)


def same_person(a: str, b: str) -> bool:
    """大西 and 大西一史; Kōno and Shunji Kōno; Wan-an Chiang and Chiang Wan-an (a headline's order)."""
    if a.startswith(b) or b.startswith(a):
        return True
    tokens_a, tokens_b = set(a.lower().split()), set(b.lower().split())
    return len(tokens_a | tokens_b) > 1 and (tokens_a <= tokens_b or tokens_b <= tokens_a)


def is_partner_title(title: str) -> bool:
    return title in _PARTNER_TITLES


def is_taiwan_title(title: str) -> bool:
    return title in _TW_SIDE_TITLES


_CN_DIGITS = {"一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _number(text: str) -> int | None:
    """12, 十二, 二十, 二十五 -> int; None when it is neither."""
    if text.isdigit():
        return int(text)
    if not text:
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (_CN_DIGITS.get(tens, 0) if tens else 1) * 10
        if ones:
            if ones not in _CN_DIGITS:
                return None
            value += _CN_DIGITS[ones]
        return value if not tens or tens in _CN_DIGITS else None
    return _CN_DIGITS.get(text) if len(text) == 1 else None


_NUM = r"(\d{1,3}|[一二兩三四五六七八九十]{1,3})"
_DELEGATION = re.compile(
    r"(?=[一總率代二兩三四五六七八九十\d]|delegation)(?:"
    r"一行" + _NUM + r"[人名位]"
    r"|總勢" + _NUM + r"[人名]"
    r"|率(?:領)?" + _NUM + r"[人名位](?:的)?(?:代表團|訪問團|參訪團|交流團|訪團|團)"
    r"|" + _NUM + r"[人名](?:的)?(?:代表團|訪問團|參訪團|交流團|訪團|考察團|議員團)"
    r"|代表團" + _NUM + r"[人名]"
    r"|\b(\d{1,3})-(?:member|person|strong) delegation"
    r"|delegation of (\d{1,3})\b)"
)


@dataclass(frozen=True, slots=True)
class FoundSize:
    size: int
    start: int
    end: int


def find_delegation_size(folded: str) -> FoundSize | None:
    for match in _DELEGATION.finditer(folded):
        raw = next(group for group in match.groups() if group)
        size = _number(raw)
        if size and 1 < size < 1000:
            return FoundSize(size, match.start(), match.end())
    return None
