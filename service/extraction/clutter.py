"""Our own clutter removal, around trafilatura: what a reader of a Taiwanese news page does not want.

Two passes, both pure:

1. **On the HTML tree, before trafilatura** (:func:`prune_tree`): structural signals only.
   - link lists: a block whose visible text is almost all link text (dates, numbers and punctuation do not
     count as own text) once it holds three or more links: headline lists (相關新聞, 熱門新聞, Most read,
     lists with a date after each headline, lists where each headline is repeated as image alt), menus,
     tag clouds, share bars, breadcrumbs. Inside or outside the article container alike;
   - headings that announce a list (相關新聞, 延伸閱讀, Related, ...): the heading and the link-bearing
     siblings after it;
   - captions (``figcaption``, small ``figure``) and page furniture named by class or id (share, social,
     breadcrumb, related, recommend, ...) when small.
2. **On the extracted lines** (:func:`clean_lines`): line patterns that survive any layout: photo captions
   (▲…, （圖／…提供）), bylines and datelines (to metadata), promos (請繼續往下閱讀, app download, subscribe,
   share), copyright lines, the suicide-hotline notice, date-only lines, repeats of the title, lines
   repeated on the same page (content farms print their menu three times).

Per-site rules live in :data:`SITE_RULES`: a small declarative table, used only where general signals fail,
each rule with a golden test in ``tests/fixtures/extract``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from lxml.html import HtmlElement

# --- tree pass --------------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    {"div", "ul", "ol", "dl", "section", "aside", "nav", "table", "tbody", "tr", "td", "header", "footer"}
    | {"p", "li", "span", "form", "menu", "center"}
)
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "button", "select", "input")

# Headings that announce a list of other pages, not article text (zh-Hant, zh-Hans, ja, en).
_LIST_HEADING = re.compile(
    r"^(?:其他)?(?:熱門|热门|相關|相关|延伸|推薦|推荐|最新|即時|人氣|人气|精選|精选|猜你|更多|編輯)"
    r"(?:新聞|新闻|閱讀|阅读|的文章|文章|報導|报导|排行|影音|推薦|推荐|喜歡|喜欢|專題|专题)?.{0,6}$"
    r"|^看更多.{0,8}$|^你可能(?:也|會)?(?:喜歡|喜欢|想看|有興趣).{0,4}$|^(?:大家都在看|今日焦點|新聞排行|排行榜)$"
    r"|^(?:関連記事|関連ニュース|人気記事|最新記事|おすすめ記事|アクセスランキング|ランキング)$"
    r"|^(?:related(?: (?:news|stories|articles|coverage|posts))?|most (?:read|popular|viewed)"
    r"|latest(?: news)?|more (?:from|news|stories)|trending(?: now)?|recommended(?: for you)?"
    r"|you may also like|read more|"
    r"top stories|editor'?s picks)\s*:?$",
    re.IGNORECASE,
)

# Class or id words of page furniture. Matched as whole words of the class/id (split on - _ and space).
_FURNITURE_WORDS = frozenset(
    {
        "share",
        "sharing",
        "social",
        "sns",
        "breadcrumb",
        "breadcrumbs",
        "crumb",
        "crumbs",
        "related",
        "recommend",
        "recommended",
        "popular",
        "hotnews",
        "rank",
        "ranking",
        "toolbar",
        "tags",
        "tag",
        "keywords",
        "keyword",
        "subscribe",
        "newsletter",
        "promo",
        "banner",
        "advert",
        "ad",
        "ads",
        "adsense",
        "sponsor",
        "sponsored",
        "cookie",
        "cookies",
        "gdpr",
        "consent",
        "comment",
        "comments",
        "disqus",
        "footer",
        "copyright",
        "sidebar",
        "widget",
        "menu",
        "nav",
        "navbar",
        "pagination",
        "pager",
        "print",
        "caption",
        "picinfo",
        "pictext",
        "imgcaption",
        "photocaption",
        "imgtext",
    }
)
_FURNITURE_MAX_CHARS = 400  # a furniture-named block larger than this might be the article: leave it

_DATEISH = re.compile(r"[0-9０-９年月日時分秒:/.\-]+")


# The complements, removed in one C pass: counting what is left is about twice as fast as summing matches.
_NOT_CONTENT = re.compile(r"[\W_]+")
_NOT_OWN = re.compile(r"[\W_0-9０-９年月日時分秒]+")  # also the letters and digits of ``_DATEISH``
# ASCII text (most of an English page, all of its markup's whitespace) is counted by deleting bytes, some
# twenty times faster than a Unicode regex: its letters and digits are exactly [A-Za-z0-9].
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_ASCII_NOT_CONTENT = bytes(b for b in range(128) if b not in _ASCII_LETTERS + b"0123456789")
_ASCII_NOT_LETTER = bytes(b for b in range(128) if b not in _ASCII_LETTERS)


def content_len(text: str) -> int:
    """Letters and digits only: whitespace, punctuation and symbols do not count."""
    if text.isascii():
        return len(text.encode("ascii").translate(None, _ASCII_NOT_CONTENT))
    return len(_NOT_CONTENT.sub("", text))


def _own_len(text: str) -> int:
    """Content length of non-link text, not counting dates and numbers (a list item's date is no prose)."""
    if text.isascii():
        return len(text.encode("ascii").translate(None, _ASCII_NOT_LETTER))
    return len(_NOT_OWN.sub("", text))


def _text(el: HtmlElement) -> str:
    if not len(el):  # most links and small blocks: their own text (text_content runs an XPath, 5x slower)
        return el.text or ""
    return str(el.text_content())


def _link_texts(el: HtmlElement) -> list[str]:
    return [t for t in (_text(a).strip() for a in el.iter("a")) if content_len(t) >= 2]


@dataclass(slots=True)
class _Stats:
    """Text measures of one subtree: all content, link content, links with text, own non-date content, and
    content in runs of text long enough to be prose (``PROSE_RUN_CHARS``, outside links)."""

    total: int = 0
    link: int = 0
    links: int = 0
    own: int = 0
    prose: int = 0

    def add(self, other: _Stats) -> None:
        self.total += other.total
        self.link += other.link
        self.links += other.links
        self.own += other.own
        self.prose += other.prose

    def subtract(self, other: _Stats) -> None:
        self.total -= other.total
        self.link -= other.link
        self.links -= other.links
        self.own -= other.own
        self.prose -= other.prose

    def is_link_list(self, min_links: int = 3) -> bool:
        """Own text (outside links, dates left out) negligible beside the link text."""
        if self.links < min_links:
            return False
        return self.total <= self.link or self.own <= max(12, 0.15 * self.link)


def _collect(el: HtmlElement, table: dict[HtmlElement, _Stats]) -> _Stats:
    """One post-order pass measuring every element (linear in the size of the tree). The hottest loop of
    the tree pass: plain local sums, one measure object per element."""
    if el.tag == "a":
        size = content_len(_text(el))
        stats = _Stats(size, size, 1 if size >= 2 else 0, 0)
        table[el] = stats
        return stats
    total = link = links = own = prose = 0
    text = el.text
    if text and not text.isspace():
        size = content_len(text)
        total, own = size, _own_len(text)
        if size >= PROSE_RUN_CHARS:
            prose = size
    for child in el:
        if isinstance(child.tag, str):
            sub = _collect(child, table)
            total += sub.total
            link += sub.link
            links += sub.links
            own += sub.own
            prose += sub.prose
        tail = child.tail
        if tail and not tail.isspace():
            size = content_len(tail)
            total += size
            own += _own_len(tail)
            if size >= PROSE_RUN_CHARS:
                prose += size
    stats = _Stats(total, link, links, own, prose)
    table[el] = stats
    return stats


PROSE_RUN_CHARS = 20  # a run of text outside links this long counts towards the page's prose estimate


def is_link_list(el: HtmlElement, min_links: int = 3) -> bool:
    """A block whose own text (outside links) is negligible beside its link text."""
    return _collect(el, {}).is_link_list(min_links)


_NAME_SEPARATORS = re.compile(r"[\s_\-]+")


@lru_cache(maxsize=4096)
def _names_furniture(names: str) -> bool:
    """Whether a class and id string holds a furniture word (cached: a page repeats its class names, and so
    do the pages of one site)."""
    return not _FURNITURE_WORDS.isdisjoint(_NAME_SEPARATORS.split(names.lower()))


def _drop(el: HtmlElement) -> None:
    """Remove an element but keep its tail text (it belongs to the parent)."""
    if el.getparent() is not None:
        el.drop_tree()


def _remove_invisible(tree: HtmlElement) -> None:
    """Scripts, styles, controls, and the ``<head>`` (the extract stage has read the metadata by now:
    trafilatura, without metadata, finds nothing there, and copies and searches it three times)."""
    head = tree.find("head")
    if head is not None:
        _drop(head)
    for el in list(tree.iter(*_INVISIBLE_TAGS)):
        _drop(el)


_CAPTION_TAGS = frozenset({"div", "p", "span", "small", "em", "i", "td"})
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "div", "p", "span", "strong", "b", "li", "dt"})
_BYLINE_TAGS = frozenset(
    {"div", "span", "p", "address", "small", "em", "strong", "li", "h3", "h4", "h5", "h6"}
)
_SMALL_TAGS = _CAPTION_TAGS | _HEADING_TAGS | _BYLINE_TAGS
_SMALL_MAX_CHARS = 200


def _small_blocks(tree: HtmlElement, table: dict[HtmlElement, _Stats]) -> list[tuple[HtmlElement, str]]:
    """Every element with at most three children and little text, with that text, in document order: one
    list serves captions, list headings and bylines. The measures of :func:`_collect` rule out the large
    ones without reading their text."""
    found: list[tuple[HtmlElement, str]] = []
    for el in tree.iter(*_SMALL_TAGS):
        if len(el) > 3:
            continue
        stats = table.get(el)
        # No letters or digits: no caption, heading or byline pattern can match (most such blocks are empty).
        if stats is not None and (stats.total > _SMALL_MAX_CHARS or not stats.total):
            continue
        text = " ".join(_text(el).split())
        if text and len(text) <= _SMALL_MAX_CHARS:
            found.append((el, text))
    return found


def _remove_captions(
    tree: HtmlElement, small: list[tuple[HtmlElement, str]], table: dict[HtmlElement, _Stats]
) -> None:
    """Captions: figcaption, small figures, and any block repeating an image's alt text (CNA, UDN)."""
    for el in list(tree.iter("figcaption")):
        _drop_measured(el, table)
    alts = {key for img in tree.iter("img") if len(key := squash(img.get("alt") or "")) >= 8}
    if alts:
        for el, text in small:
            if el.tag in _CAPTION_TAGS and el.getparent() is not None and squash(text) in alts:
                _drop_measured(el, table)
    for el in list(tree.iter("figure")):
        if content_len(_text(el)) < 200:
            _drop_measured(el, table)


def _drop_measured(el: HtmlElement, table: dict[HtmlElement, _Stats]) -> None:
    """Drop an element and take its measures off its ancestors' (its tail text stays with the parent)."""
    stats = table.get(el)
    if stats is not None and el.getparent() is not None:
        for ancestor in el.iterancestors():
            measured = table.get(ancestor)
            if measured is not None:
                measured.subtract(stats)
    _drop(el)


_FURNITURE_TAGS = (*_BLOCK_TAGS, "a")


def _remove_furniture(tree: HtmlElement) -> None:
    """Blocks named as furniture (by a word of their class or id) that hold little text."""
    for el in list(tree.iter(_FURNITURE_TAGS)):
        names = el.get("class"), el.get("id")
        if not any(name and _names_furniture(name) for name in names) or el.getparent() is None:
            continue
        if content_len(_text(el)) <= _FURNITURE_MAX_CHARS:
            _drop(el)


def _remove_link_lists(el: HtmlElement, table: dict[HtmlElement, _Stats], removed: list[str]) -> _Stats:
    """Top-down: drop the largest link-list blocks, descend into the rest. The text of dropped blocks goes
    to ``removed`` (the recall guard must not bring a headline list back line by line); returns the measures
    of what went."""
    gone = _Stats()
    for child in list(el):
        if not isinstance(child.tag, str):
            continue
        stats = table.get(child)
        if stats is None:
            continue
        if child.tag in _BLOCK_TAGS and stats.is_link_list():
            removed.append(_text(child))
            gone.add(stats)
            _drop(child)
        else:
            gone.add(_remove_link_lists(child, table, removed))
    return gone


def _remove_announced_lists(
    small: list[tuple[HtmlElement, str]], removed: list[str], table: dict[HtmlElement, _Stats]
) -> None:
    """A heading such as 相關新聞 or Related: drop it and the link-bearing siblings that follow."""
    for el, text in small:
        # A heading holds no more than itself (not a container whose only text is short).
        if el.tag not in _HEADING_TAGS or len(text) > 14 or len(el) > 2 or el.getparent() is None:
            continue
        if not _LIST_HEADING.match(text):
            continue
        sibling = el.getnext()
        _drop_measured(el, table)
        while sibling is not None and isinstance(sibling.tag, str):
            after = sibling.getnext()
            if _link_texts(sibling) and is_link_list(sibling, min_links=1):
                removed.append(_text(sibling))
                _drop_measured(sibling, table)
                sibling = after
            else:
                break


_LAYOUT_CELL_CHARS = 200  # a table cell holding this much text is page layout, not a data table


def _unwrap_layout_tables(tree: HtmlElement, table_stats: dict[HtmlElement, _Stats]) -> None:
    """Old portals lay whole pages out in nested tables; turn those into plain blocks.

    trafilatura would copy such a table row by row into the text, navigation cells and all. As divs, its
    own main-content search and our link-list pass apply. Data tables (no nesting, short cells) stay.
    """
    for table in list(tree.iter("table")):
        nested = table.find(".//table") is not None
        cells = list(table.iter("td", "th"))
        big_cell = any(
            stats.total >= _LAYOUT_CELL_CHARS for td in cells if (stats := table_stats.get(td)) is not None
        )
        # A cell made of paragraphs is page layout too (government releases put the text in one).
        paragraphs = any(len(td.findall("p")) >= 2 for td in cells)
        if not (nested or big_cell or paragraphs):
            continue
        # Only this table's own rows and cells: a data table nested in the layout gets its own verdict.
        own = [
            el for el in table.iter("tbody", "thead", "tfoot", "tr", "td", "th") if _owner_table(el) is table
        ]
        for el in [*own, table]:
            el.tag = "div"


def _owner_table(el: HtmlElement) -> HtmlElement | None:
    for ancestor in el.iterancestors("table"):
        return ancestor
    return None


@dataclass(frozen=True)
class Pruned:
    """What the tree pass saw on the way: the page's byline block (read before anything was removed) and
    an estimate of its prose (letters and digits in long runs of text outside links, captions left out)."""

    byline: str | None
    prose_chars: int = 0
    removed_lists: tuple[str, ...] = ()  # the text of link lists taken out (headline lists, menus)
    own_chars: int = 0  # letters and digits outside links, dates and removed link lists


def light_prune(tree: HtmlElement) -> Pruned:
    """Only what is never article text: invisible elements and captions (for the rescue pass)."""
    _remove_invisible(tree)
    table: dict[HtmlElement, _Stats] = {}
    _collect(tree, table)
    small = _small_blocks(tree, table)
    _remove_captions(tree, small, table)
    return Pruned(_first_byline(small))


def prune_tree(tree: HtmlElement) -> Pruned:
    """Remove clutter blocks in place (see the module docstring)."""
    _remove_invisible(tree)
    table: dict[HtmlElement, _Stats] = {}
    _collect(tree, table)  # one measuring pass; removals below take their measures off their ancestors
    small = _small_blocks(tree, table)
    byline = _first_byline(small)
    _remove_captions(tree, small, table)
    removed: list[str] = []
    _remove_announced_lists(small, removed, table)
    body = tree.find("body")
    root = body if body is not None else tree
    page = table.get(root) or _collect(root, table)
    _unwrap_layout_tables(root, table)
    gone = _remove_link_lists(root, table, removed)
    _remove_furniture(tree)
    return Pruned(byline, page.prose - gone.prose, tuple(removed), page.own - gone.own)


def _first_byline(small: list[tuple[HtmlElement, str]]) -> str | None:
    """The first small block that reads as a byline (記者…／…報導, By …). trafilatura often drops the
    byline block with the page furniture, so it is read here."""
    for el, text in small:
        if el.tag in _BYLINE_TAGS and len(text) <= _BYLINE_MAX_CHARS and is_byline(text):
            return text
    return None


# --- line pass --------------------------------------------------------------------------------------

_SLASH = "／/∕"
# A standalone byline or dateline: 記者王小明／台北報導, 社會中心／綜合報導, 中央社記者…電, By Jane Doe.
_BYLINE = re.compile(
    rf"^[（(〔【\[]?\s*(?:(?:文|圖|撰文|圖文|编译|編譯|記者|记者|特派員|特派员|實習記者|[^\s{_SLASH}]{{0,16}}?(?:中心|組|部|新聞網|新聞|编辑部|編輯部|日報))"
    rf"[^{_SLASH}\n]{{0,24}}[{_SLASH}][^\n]{{0,24}}?(?:報導|报导|報道|报道|電|电|撰稿|整理|專題|综合报导|綜合報導|採訪))\s*[）)〕】\]]?$"
    rf"|^[（(]?中央社(?:記者|记者)?[^\n]{{0,30}}(?:電|电)[）)]?$"
    rf"|^[^\n]{{1,20}}(?:記者|记者)\s*[{_SLASH}]\s*\S{{1,8}}$"
    rf"|^by\s+[A-Z][^\n]{{1,80}}$|^(?:staff|special) (?:writer|reporter)s?\b[^\n]{{0,60}}$"
    rf"|^[^\n]{{1,16}}(?:編集部|ニュース班|記者)$|^(?:編集部|地域ニュース班)$",
    re.IGNORECASE,
)
_BYLINE_MAX_CHARS = 60

# Photo captions: ▲…, ▼…, a line that ends with the photo credit (圖／…提供), or is only a credit.
_CAPTION = re.compile(
    r"^[▲▼△▽►▶■◆]|"
    r"[（(]\s*(?:圖|图|照片|相片|攝影|摄影|翻攝|翻摄|資料照|写真|photo|image|圖片|图片|影片|取自)[^（()）]{0,40}[）)]\s*$|"
    r"^[（(][^（()）]{1,30}(?:提供|攝|摄|翻攝|傳真|传真|資料照|写真)[^（()）]{0,16}[）)]$|"
    r"^(?:photo|photograph|image|file photo)\s*(?:courtesy|by|:)[^\n]{0,80}$",
    re.IGNORECASE,
)
_CAPTION_MAX_CHARS = 160

# Promos, notices and page controls. ``_STRONG`` matches may stand in long lines (a 120-character copyright
# notice), ``_PROMO`` only in short ones (real paragraphs mention subscriptions or apps too).
_STRONG = re.compile(
    r"請繼續往下閱讀|请继续往下阅读|繼續閱讀|版權所有|版权所有|禁止(?:任何媒體|任意)?轉載|未經(?:本報)?(?:授權|同意).{0,4}(?:不得|請勿|禁止|轉載)|"
    r"all rights reserved|copyright\s*(?:©|\(c\))|^©|自殺防治|自杀防治|安心專線|生命線協談|張老師專線|"
    r"0800[-\s]?788[-\s]?995|留言(?:系統|板規則|規則|服務)|請使用者在發言前|"
    r"请勿转载|禁止转载|未经.{0,12}(?:授权|许可|同意).{0,4}(?:不得|请勿|禁止|转载)|著作权(?:声明|归)|版权声明|反侵权公告|"
    r"侵权必究|违者(?:必究|依法)",
    re.IGNORECASE,
)
_STRONG_MAX_CHARS = 200
_PROMO = re.compile(
    r"下載.{0,12}(?:app|APP|App)|(?:app|APP|App).{0,6}下載|立即下載|點我下載|(?:加入|追蹤).{0,12}(?:粉絲團|粉丝团|好友|LINE|IG|臉書|脸书)|"
    r"訂閱.{0,8}(?:電子報|頻道|YouTube|新聞|我們)|立即訂閱|加入.{0,12}(?:會員|会员)|已過查詢時效|載點|下載點|^分享(?:到|至|給)|分享到\s*(?:facebook|line|twitter|微博|微信|臉書)|點我看|點擊看|按讚|投稿|"
    r"^(?:留言|發表意見|回上一頁|回上頁|上一頁|下一頁|列印|友善列印|回頂端|回首頁|TOP|廣告|贊助|附件|相關連結|"
    r"更多新聞|看更多|更多內容|延伸閱讀|推薦閱讀|相關新聞|熱門新聞|點閱次數|瀏覽人次|字級|字體大小|返回|關閉|广告|広告)\s*[:：]?|"
    r"(?:^|\s)(?:share on|share this|follow us|subscribe|sign up|download (?:our|the) app|advertisement|"
    r"read more|continue reading)|關心您|关心您|\.(?:pdf|docx?|odt|xlsx?|ods|zip)\b|^(?:生命線|張老師)|"
    r"珍惜生命|再給自己一次機會|請給自己機會|"
    r"^[【\[■]?(?:发表评论|發表評論|文章评论|我来说两句|打印本页|打印|关闭窗口|關閉視窗|返回页首|返回顶部|回到顶部|相关文章|"
    r"相关新闻|热门评论|最新评论|热门文章|推荐阅读|更多精彩)|已被阅读\d+次|阅读次数|点击数[:：]|浏览次数",
    re.IGNORECASE,
)
_PROMO_MAX_CHARS = 80

# A line that only carries a date/time (or a label and a date): metadata, not body.
_DATE_LABEL = re.compile(
    r"(?:最新更新|更新時間|更新时间|更新日期|發布時間|发布时间|發佈時間|發布日期|發佈日期|发布日期|發稿時間|日期|時間|"
    r"published|updated|posted|last modified|date|星期[一二三四五六日天]|週[一二三四五六日]|"
    r"mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|am|pm|page \d+)[a-z]*",
    re.IGNORECASE,
)
# A short outlet credit in brackets at the end of an article, such as (中時 ) or 【新聞網】, or a translator's
# credit such as （譯者：陳小玲）1130902.
_CREDIT = re.compile(
    r"^[（(【〔\[]\s*[^（()）\]】〕]{1,8}\s*[）)】〕\]]$"
    r"|^[（(](?:核稿|譯者|译者|翻譯|翻译)[：:][^（()）]{1,20}[）)]\s*\d*$"
)

# An editor's credit in parentheses, such as （編輯：陳小玲）1130902 or （编辑：严玉洁 王辉）.
# Closing the body it is article text in the golds' own terms (newsmon_dev keeps CNA's closing
# (編輯:謝雅竹)1130927, newspaper4k_zh its closing （编辑：…） line), so it stays there; anywhere else it
# is a stray credit line and dropped.
_EDITOR_CREDIT = re.compile(r"^[（(](?:責任編輯|责任编辑|編輯|编辑)\s*[：:][^（()）]{1,20}[）)]\s*\d*$")


# A source, editor or press-contact credit on its own line: 来源：新闻晨报, 責任編輯：王小明, 新聞聯絡人：….
_SOURCE_CREDIT = re.compile(
    r"^[（(]?(?:来源|來源|出处|出處|稿源|文章来源|文章來源|编辑|編輯|责任编辑|責任編輯|责编)\s*[:：]\s*\S[^。！？]{0,30}$"
    r"|^(?:新聞聯絡人|新闻联络人|新聞連絡人|發稿單位|发稿单位)\s*[:：][^。！？]{1,60}$"
)


# A line made only of labelled page fields: 發布日期：2026-10-15 發布單位：長青福利科 (government pages).
_META_FIELDS = re.compile(
    r"^(?:(?:(?:發布|發佈|发布|更新|上版|公告|刊登)(?:日期|時間|时间|單位|单位|機關|机关)|點閱次數|点阅次数|瀏覽人次|浏览人次)"
    r"\s*[:：]\s*[^\s:：]{1,24}\s*)+$"
)


@dataclass(frozen=True)
class SiteRule:
    """A per-site line rule, for what general signals cannot tell. Each needs a golden test."""

    host_suffix: str
    drop_line: re.Pattern[str]
    why: str


SITE_RULES: tuple[SiteRule, ...] = (
    SiteRule(
        "appledaily.com",
        re.compile(r"^(?:《蘋果》關心你|有話要說.{0,20}|>>.{0,40})$"),
        "Apple Daily's own notice heading and forum promo carry no keyword the general patterns know",
    ),
)


def site_rules_for(host: str | None) -> tuple[re.Pattern[str], ...]:
    if not host:
        return ()
    host = host.lower()
    return tuple(
        r.drop_line for r in SITE_RULES if host == r.host_suffix or host.endswith("." + r.host_suffix)
    )


def squash(text: str) -> str:
    """The letters and digits of a line, normalised: the key for comparing lines."""
    text = unicodedata.normalize("NFKC", text).lower()
    if text.isascii():
        return text.encode("ascii").translate(None, _ASCII_NOT_CONTENT).decode("ascii")
    return _NOT_CONTENT.sub("", text)


def is_byline(line: str) -> bool:
    return len(line) <= _BYLINE_MAX_CHARS and bool(_BYLINE.search(line))


def is_caption(line: str) -> bool:
    return len(line) <= _CAPTION_MAX_CHARS and bool(_CAPTION.search(line))


_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def is_promo(line: str) -> bool:
    if len(line) <= _STRONG_MAX_CHARS and _STRONG.search(line):
        return True
    if _URL.search(line) and content_len(_URL.sub("", line)) <= 8:
        return True  # a bare link, or "iOS載點 https://…"
    return len(line) <= _PROMO_MAX_CHARS and bool(_PROMO.search(line))


_HAS_DATE = re.compile(
    r"\d{2,4}\s*[/\-.年]\s*\d{1,2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d",
    re.IGNORECASE,
)


# Longer lines are never only a date (the longest dropped on the shared sets has 34 characters); the date
# patterns are the slowest of the line pass on the paragraphs they would otherwise scan.
_DATE_ONLY_MAX_CHARS = 100


def is_date_only(line: str) -> bool:
    if len(line) > _DATE_ONLY_MAX_CHARS or not _HAS_DATE.search(line):
        return False
    rest = _DATEISH.sub("", _DATE_LABEL.sub("", line))
    return content_len(rest) <= 1


def is_list_heading(line: str) -> bool:
    return len(line) <= 16 and bool(_LIST_HEADING.match(line.strip()))


@dataclass
class CleanResult:
    lines: list[str]
    raw: list[str] = field(default_factory=list)  # the lines as given (for cross-page counting)
    bylines: list[str] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (reason, line), for debugging and tests
    _size: int | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def size(self) -> int:
        """Letters and digits of the kept lines, counted once (the extract stage asks several times)."""
        if self._size is None:
            self._size = sum(map(content_len, self.lines))
        return self._size


def clean_lines(
    lines: Sequence[str],
    title: str | None = None,
    host: str | None = None,
) -> CleanResult:
    """Drop clutter lines, move bylines out; keeps the order of what remains."""
    title_key = squash(title) if title else ""
    extra_rules = site_rules_for(host)
    result = CleanResult([], raw=list(lines))
    seen: set[str] = set()
    keys = [squash(raw) for raw in lines]
    refrains = _repeats_are_the_text(keys)
    for raw, key in zip(lines, keys, strict=True):
        line = " ".join(raw.split())
        if not key:
            continue
        reason = _line_verdict(line, key, title_key, extra_rules, set() if refrains else seen)
        if reason == "byline":
            result.bylines.append(line)
        if reason:
            result.dropped.append((reason, line))
            continue
        seen.add(key)
        result.lines.append(line)
    _settle_tail(result)
    return result


REFRAIN_SHARE = 0.3


def _repeats_are_the_text(keys: Sequence[str]) -> bool:
    """When repeated lines make up this share of the lines, repetition is the text's own (a song's chorus, a
    chant, a table of like rows), not a menu printed twice: then repeats stay."""
    counted = [key for key in keys if len(key) >= 8]
    if len(counted) < 10:
        return False
    return len(counted) - len(set(counted)) >= REFRAIN_SHARE * len(counted)


def _line_verdict(
    line: str,
    key: str,
    title_key: str,
    extra_rules: tuple[re.Pattern[str], ...],
    seen: set[str],
) -> str | None:
    if key in seen and len(key) >= 8:  # short repeats (主講人：) are the article's own structure
        return "repeat"
    if title_key and (key == title_key or (len(key) >= 8 and key in title_key)):
        return "title"
    if is_caption(line):
        return "caption"
    if is_byline(line):
        return "byline"
    if is_promo(line):
        return "promo"
    if is_date_only(line) or _META_FIELDS.match(line):
        return "date"
    if is_list_heading(line):
        return "list-heading"
    if _SOURCE_CREDIT.match(line) and not _EDITOR_CREDIT.match(line):
        return "credit"  # an editor's credit in parentheses waits for its place: _settle_tail
    if any(rule.search(line) for rule in extra_rules):
        return "site-rule"
    return None


def _settle_tail(result: CleanResult) -> None:
    """A short bracketed outlet credit closing the article, such as (中時 ), is furniture. Editors' credits in
    parentheses stay only where they close the body (after the outlet credits are trimmed)."""
    while result.lines and _CREDIT.match(result.lines[-1]) and not _EDITOR_CREDIT.match(result.lines[-1]):
        result.dropped.append(("credit", result.lines.pop()))
    closing = len(result.lines)
    while closing and _EDITOR_CREDIT.match(result.lines[closing - 1]):
        closing -= 1
    body: list[str] = []
    for line in result.lines[:closing]:
        if _EDITOR_CREDIT.match(line):
            result.dropped.append(("credit", line))
        else:
            body.append(line)
    result.lines = body + result.lines[closing:]
