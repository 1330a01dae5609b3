"""The chapter as a Word document (pure: a Chapter in, DOCX bytes out). The one module that uses
python-docx.

Styled like a government document: A4, 標楷體 for text and headings (細明體 for footnotes), black
headings with the chapter's own numbering written out (貳拾陸、 / 一、 / （一）) so Word never renumbers
them, 【本處補充】 boxes for the office's additions, and the sources as real Word footnotes.

python-docx has no footnote API, so the footnotes part is written here in OOXML: ``word/footnotes.xml``
with the two separator notes Word expects (ids -1 and 0) and one ``w:footnote`` per source, related to
the document part, the separators named in the settings, and a ``w:footnoteReference`` run
(superscript) where each is cited; Word and LibreOffice both number the notes and place them at the page
foot. Pages are numbered in the footer. Fonts that are absent (標楷體 on Linux) fall
back through fontconfig to the Noto CJK fonts that ``scripts/install-system-deps`` installs.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph

from service.chapter.compose import OFFICE_ADDITIONS, OFFICE_ADDITIONS_HINT, chinese_number, source_line
from service.chapter.types import Chapter, Note, Section

BODY_FONT = "標楷體"
NOTE_FONT = "細明體"
LATIN_FONT = "Times New Roman"
FOOTNOTES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def to_docx(chapter: Chapter) -> bytes:
    document = Document()
    _page_and_styles(document)
    notes: list[Note] = []
    _paragraph(document, chapter.heading, "Heading 1")
    totals = chapter.totals
    _paragraph(
        document,
        f"{chapter.party}｜{chapter.period}｜本稿依新聞報導彙整{totals.events}項活動、{totals.sources}則報導，"
        "請核校並補充後使用。",
        "Normal",
    )
    for section in chapter.sections:
        notes.extend(_section(document, section))
    _attach_footnotes(document, notes)
    _page_numbers(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _section(document: DocumentObject, section: Section) -> list[Note]:
    _paragraph(document, section.title, "Heading 2")
    _paragraph(document, section.summary, "Normal")
    if section.listing:
        _paragraph(document, section.listing_title, "Normal")
        for index, line in enumerate(section.listing, start=1):
            item = _paragraph(document, f"{index}. {line}", "Normal")
            item.paragraph_format.left_indent = Cm(0.85)
    notes: list[Note] = []
    for entry in section.entries:
        _paragraph(document, f"（{chinese_number(entry.number)}）{entry.heading}", "Heading 3")
        paragraph = _paragraph(document, entry.paragraph, "Normal")
        paragraph.paragraph_format.first_line_indent = Pt(28)
        for index, note in enumerate(entry.notes):
            _cite(paragraph, note.number, separator=index > 0)
        notes.extend(entry.notes)
    box = _paragraph(document, "", "Normal")
    box.add_run(OFFICE_ADDITIONS).bold = True
    box.add_run(_text(OFFICE_ADDITIONS_HINT))
    _border(box)
    return notes


def _text(text: str) -> str:
    return _XML_UNSAFE.sub("", text)


def _paragraph(document: DocumentObject, text: str, style: str) -> Paragraph:
    return document.add_paragraph(_text(text), style=style)


def _fonts(style: BaseStyle, east_asian: str, size: float, bold: bool = False) -> None:
    font = style.font  # type: ignore[attr-defined]
    font.name = LATIN_FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = False
    font.color.rgb = RGBColor(0, 0, 0)
    r_pr = style.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _page_and_styles(document: DocumentObject) -> None:
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    styles = document.styles
    _fonts(styles["Normal"], BODY_FONT, 14)
    normal = styles["Normal"].paragraph_format
    normal.space_after = Pt(6)
    normal.line_spacing = 1.25
    normal.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for name, size in (("Heading 1", 20), ("Heading 2", 16), ("Heading 3", 14)):
        _fonts(styles[name], BODY_FONT, size, bold=True)
        styles[name].paragraph_format.space_before = Pt(12)
        styles[name].paragraph_format.keep_with_next = True
    document.core_properties.title = "國際事務"
    document.core_properties.language = "zh-TW"


def _border(paragraph: Paragraph) -> None:
    """A thin box around the office's additions, so it is seen and filled in."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "6")
        line.set(qn("w:space"), "4")
        line.set(qn("w:color"), "808080")
        borders.append(line)
    p_pr.append(borders)


def _cite(paragraph: Paragraph, number: int, separator: bool = False) -> None:
    """A footnote reference (superscript number) at the end of the paragraph; a superscript comma keeps
    two references from reading as one number."""
    if separator:
        paragraph.add_run(",").font.superscript = True
    run = paragraph.add_run()
    r_pr = run._r.get_or_add_rPr()
    align = OxmlElement("w:vertAlign")
    align.set(qn("w:val"), "superscript")
    r_pr.append(align)
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), str(number))
    run._r.append(reference)


def _attach_footnotes(document: DocumentObject, notes: list[Note]) -> None:
    """Write ``word/footnotes.xml`` and relate it to the document (see the module docstring)."""
    part = document.part
    partname = PackURI("/word/footnotes.xml")
    if any(rel.reltype == RELATIONSHIP_TYPE.FOOTNOTES for rel in part.rels.values()):
        raise ValueError("the document template already has a footnotes part")
    blob = _footnotes_xml(notes).encode("utf-8")
    footnotes = Part(partname, FOOTNOTES_CONTENT_TYPE, blob, part.package)
    part.relate_to(footnotes, RELATIONSHIP_TYPE.FOOTNOTES)
    # settings name the separator notes, as Word's own files do (footnotePr comes before compat)
    settings = document.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is not None and settings.find(qn("w:footnotePr")) is None:
        properties = OxmlElement("w:footnotePr")
        for ident in ("-1", "0"):
            separator = OxmlElement("w:footnote")
            separator.set(qn("w:id"), ident)
            properties.append(separator)
        compat.addprevious(properties)


def _page_numbers(document: DocumentObject) -> None:
    """A centred page number at the foot of every page (a PAGE field, so Word and LibreOffice count)."""
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)


def _footnotes_xml(notes: list[Note]) -> str:
    fonts = f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{NOTE_FONT}"/>'
    size = '<w:sz w:val="18"/><w:szCs w:val="18"/>'
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        f'<w:footnotes xmlns:w="{_W}">',
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
        'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
    ]
    for note in notes:
        text = escape(_text(source_line(note.source)))
        parts.append(
            f'<w:footnote w:id="{note.number}"><w:p>'
            '<w:pPr><w:spacing w:after="0"/><w:jc w:val="left"/></w:pPr>'
            f'<w:r><w:rPr>{fonts}{size}<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr>{fonts}{size}</w:rPr><w:t xml:space="preserve"> {text}</w:t></w:r></w:p>'
            "</w:footnote>"
        )
    parts.append("</w:footnotes>")
    return "".join(parts)
