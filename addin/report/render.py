"""`matrica report`: the annual monitoring report in Word (docxtpl) and HTML (jinja2) from a filled workbook.

Data flows one way: workbook -> `context.build_context` (the workbook read once, then one function per template
section in `sections.py`) -> one dict of formatted text -> the templates (`templates_dir()`: the repository's
`templates/` in a checkout, the copy shipped inside the package once installed). Everything a person typed reaches
the output escaped (jinja2 autoescape, in a sandbox, with strict undefined names); nothing in the output depends on
the clock unless `--date` is given. docxtpl, jinja2 and matplotlib are imported only here, inside the functions
that need them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from addin.common.files import ensure_folder, write_atomic
from addin.common.messages import Count, MatricaError
from addin.report import charts as C
from addin.report.context import build_context, validate_years

SHIPPED_TEMPLATES = Path(__file__).resolve().parent / "templates"  # the wheel maps templates/ here (pyproject.toml)
CHECKOUT_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"  # where people edit them, in the repository
DOCX_TEMPLATE = "raporti.docx"  # one template; its labels come in the report language
HTML_TEMPLATE = "raporti.html.j2"
FORMATS = ("docx", "html")
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
RT_SIZE = 16  # coloured words in Word tables: 8 pt (half-points), like the template's table text


@dataclass
class ReportRequest:
    """What `matrica report` was asked for."""

    workbook: Path
    year: int
    out_dir: Path | None = None  # default: the workbook's folder
    formats: tuple[str, ...] = FORMATS
    lang: str = "sq"
    allow_errors: bool = False
    date: dt.date | None = None
    docx_template: Path | None = None
    html_template: Path | None = None
    template_dir: Path | None = None  # files named like the shipped templates here replace them
    from_file: bool = True  # False: `wb` comes from Excel with no file here (xlwings Lite); the checksum covers values
    extra: dict = field(default_factory=dict)


# ------------------------------------------------------------------ where the templates are


def templates_dir() -> Path:
    """The report templates: the copy inside the installed package, else the repository's `templates/` (a
    checkout or an editable install, where people edit them)."""
    return SHIPPED_TEMPLATES if SHIPPED_TEMPLATES.is_dir() else CHECKOUT_TEMPLATES


def template_path(name: str, explicit: Path | None = None, folder: Path | None = None) -> Path:
    """The template to use: the file given, else one named `name` in `folder` (a municipality's own
    templates), else the shipped one."""
    if explicit is not None:
        return Path(explicit)
    if folder is not None and (Path(folder) / name).is_file():
        return Path(folder) / name
    return templates_dir() / name


def _hex(color: str) -> str:
    return color.lstrip("#")


# ------------------------------------------------------------------ templates


def _env(autoescape: bool = True):
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=autoescape, undefined=StrictUndefined, trim_blocks=True,
                                lstrip_blocks=True, keep_trailing_newline=True)


_TAG = re.compile(r"\{[{%#].*?(?:[}%#]\}|$)", re.DOTALL)
_BLOCK = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}", re.DOTALL)
_OPENERS = {"for", "if", "macro", "block", "with", "filter", "call", "set_block"}


def _plain(fragment: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", fragment))
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= 80 else text[:79] + "…"


def _tags(source: str) -> list[str]:
    return [_plain(m.group(0)) for m in _TAG.finditer(source)]


def _tag_with(source: str, name: str) -> str:
    """The first tag of the template that mentions `name` as a word."""
    for tag in _tags(source):
        if re.search(rf"(?<![\w.]){re.escape(name)}\b", tag) or re.search(rf"\.{re.escape(name)}\b", tag):
            return tag
    return "{{ " + name + " }}"


def _unclosed_block(source: str) -> str | None:
    stack: list[str] = []
    for m in _BLOCK.finditer(source):
        word = m.group(1)
        if word in _OPENERS:
            stack.append(_plain(m.group(0)))
        elif word.startswith("end") and stack:
            stack.pop()
    return stack[-1] if stack else None


def _broken_tag(env, source: str, exc) -> str:
    """Name the tag a syntax error is about: the fragment on the error's line that does not parse alone, an
    unclosed block, or the line's text."""
    from jinja2 import TemplateSyntaxError

    lines = source.splitlines()
    line = lines[exc.lineno - 1] if exc.lineno and exc.lineno <= len(lines) else ""
    text = html.unescape(re.sub(r"<[^>]+>", "", line))
    if "end of template" in (exc.message or ""):
        unclosed = _unclosed_block(source)
        if unclosed:
            return unclosed
        opened = [m for m in re.finditer(r"\{\{(?:(?!\}\}).)*$|\{%(?:(?!%\}).)*$", html.unescape(
            re.sub(r"<[^>]+>", "", source)), re.DOTALL)]
        if opened:
            return _plain(opened[0].group(0)[:60])
    fragments = [m.group(0) for m in _TAG.finditer(text)]
    for frag in fragments:
        if frag.startswith("{{") or not frag.endswith("}"):
            try:
                env.parse(frag)
            except TemplateSyntaxError:
                return _plain(frag)
    for frag in fragments:
        if frag.startswith("{%"):
            word = (_BLOCK.match(frag) or [None, ""])[1] if _BLOCK.match(frag) else ""
            if word.startswith("end") or word in ("else", "elif"):
                return _plain(frag)
    return _plain(fragments[0] if fragments else text) or "?"


def check_template_source(env, source: str, names: set[str], path: Path) -> None:
    """Parse a template and compare the names it uses with the report's data; a clear MatricaError (exit 2)
    naming the tag for anything broken or unknown."""
    from jinja2 import TemplateSyntaxError, meta

    try:
        ast = env.parse(source)
    except TemplateSyntaxError as exc:
        raise MatricaError("report_template_broken", path=path, tag=_broken_tag(env, source, exc),
                           detail=exc.message or "") from None
    unknown = sorted(meta.find_undeclared_variables(ast) - names)
    if unknown:
        raise MatricaError("report_template_unknown", path=path, tag=_tag_with(source, unknown[0]), name=unknown[0])


def _render_error(exc: Exception, source: str, path: Path) -> MatricaError:
    from jinja2 import UndefinedError

    message = getattr(exc, "message", None) or str(exc)
    m = re.search(r"attribute '([^']+)'|'([^']+)' is undefined|no attribute '([^']+)'", message)
    name = next((g for g in m.groups() if g), None) if m else None
    if isinstance(exc, UndefinedError) and name:
        return MatricaError("report_template_unknown", path=path, tag=_tag_with(source, name), name=name)
    tag = _tag_with(source, name) if name else "?"
    return MatricaError("report_template_error", path=path, tag=tag, detail=message[:200])


def render_html(context: dict, template: Path) -> str:
    """The HTML report: one self-contained page (styles and SVG charts inline)."""
    from markupsafe import Markup

    if not template.is_file():
        raise MatricaError("report_template_missing", path=template)
    source = template.read_text(encoding="utf-8")
    env = _env()
    check_template_source(env, source, set(context), template)
    ctx = dict(context)
    ctx["charts"] = {k: {**v, "svg": Markup(C.svg(v["chart"]))} for k, v in context["charts"].items()}
    try:
        text = env.from_string(source).render(ctx)
    except Exception as exc:  # jinja errors and errors raised by expressions a person wrote
        raise _render_error(exc, source, template) from None
    return text


def _docx_source(tpl) -> str:
    """The template's body, headers and footers as docxtpl will hand them to jinja2, one paragraph a line."""
    from docx.oxml import parse_xml

    doc = tpl.get_docx()
    parts = [tpl.xml_to_string(doc._element.body)]
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _key, part in tpl.get_headers_footers(uri):
            parts.append(tpl.xml_to_string(parse_xml(part.blob)))
    return "\n".join(re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(x)) for x in parts)


def render_docx(context: dict, template: Path, out: Path) -> Path:
    """The Word report from the docxtpl template, written atomically with fixed zip dates."""
    data = render_docx_bytes(context, template)
    write_atomic(out, lambda tmp: tmp.write_bytes(data))
    return out


def render_docx_bytes(context: dict, template: Path) -> bytes:
    """The Word report from the docxtpl template, as the bytes of a .docx with fixed zip dates."""
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage, RichText

    if not template.is_file():
        raise MatricaError("report_template_missing", path=template)
    try:
        tpl = DocxTemplate(str(template))
        source = _docx_source(tpl)
    except Exception as exc:  # not a zip, not a Word document, damaged parts
        raise MatricaError("report_template_unreadable", path=template, detail=f"{type(exc).__name__}") from None
    env = _env()
    check_template_source(env, source, set(context), template)
    ctx = dict(context)
    pngs: dict[str, str] = {}
    charts = {}
    for k, v in context["charts"].items():
        data = C.png(v["chart"])
        pngs[hashlib.sha1(data).hexdigest()] = v["description"]
        charts[k] = {**v, "image": InlineImage(tpl, io.BytesIO(data), width=Mm(160))}
    ctx["charts"] = charts
    ctx["fields"] = [{**f, "rows": [_rich_row(r) for r in f["rows"]],
                      "objectives": [{**o, "rating_rt": RichText(o["rating_label"], color=_hex(o["rating_color"]),
                                                                 bold=True, size=RT_SIZE)} for o in f["objectives"]]}
                     for f in context["fields"]]
    ctx["legend"] = {**context["legend"], **{f"{k}_rt": _legend_rt(context["legend"][k])
                                             for k in ("ratings", "statuses")}}
    ctx["summary"] = {**context["summary"], "statuses": [
        {**s, "label_rt": RichText("● " + s["label"], color=_hex(s["color"]), bold=True, size=RT_SIZE)}
        for s in context["summary"]["statuses"]]}
    ctx["quality"] = {**context["quality"], "findings": [
        {**f, "severity_rt": RichText(f["severity_label"], color=_hex(f["color"]), bold=True, size=RT_SIZE)}
        for f in context["quality"]["findings"]]}
    ctx["recommendations"] = {**context["recommendations"], "follow_up": [
        {**x, "status_rt": RichText(x["status_label"], bold=bool(x["status"]), size=RT_SIZE,
                                    style=None if x["status"] else "Placeholder")}
        for x in context["recommendations"]["follow_up"]]}
    logo = context.get("logo_image")
    ctx["cover"] = {**context["cover"], "logo_image": InlineImage(tpl, io.BytesIO(logo.data), height=Mm(22))
                    if logo is not None else ""}
    try:
        tpl.render(ctx, env, autoescape=True)
    except Exception as exc:
        raise _render_error(exc, source, template) from None
    _alt_texts(tpl, pngs)
    _file_properties(tpl.docx, context["properties"])
    raw = io.BytesIO()
    tpl.save(raw)
    return _fixed_zip(raw.getvalue())


def _file_properties(doc, props: dict) -> None:
    """The Word file's own properties (File → Info): title, subject, author, language, dates; and Word refreshes
    the contents and every field when the document is opened (`updateFields`, kept even when staff saved the
    template in Word, which drops it)."""

    cp = doc.core_properties
    cp.title, cp.subject, cp.author = props["title"], props["subject"], props["author"]
    cp.last_modified_by, cp.language, cp.keywords = props["author"], props["language"], props["keywords"]
    cp.category, cp.comments, cp.revision = props["category"], "", 1
    cp.created = cp.modified = props["date"]
    update_fields_on_open(doc.settings.element)


def update_fields_on_open(settings) -> None:
    """Ask Word to refresh the contents and every field when it opens the document: `<w:updateFields>` in the
    settings part, at its place in the schema's order (once)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if settings.find(qn("w:updateFields")) is not None:
        return
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    later = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids")
    anchor = next((settings.find(qn(k)) for k in later if settings.find(qn(k)) is not None), None)
    if anchor is not None:
        anchor.addprevious(update)
    else:
        settings.append(update)


def _legend_rt(entries: list[dict]):
    """A colour scale as one run of coloured words: "● në rrugë të mbarë (≥ 90 %) · ● pjesërisht …"."""
    from docxtpl import RichText

    rt = RichText()
    for i, e in enumerate(entries):
        if i:
            rt.add(" · ", size=17)
        rt.add("● " + e["label"], color=_hex(e["color"]), bold=True, size=17)
        if e["bound"]:
            rt.add(f" ({e['bound']})", size=17)
    return rt


def _rich_row(row: dict) -> dict:
    from docxtpl import RichText

    return {**row,
            "status_rt": RichText("● " + row["status_label"], color=_hex(row["status_color"]), bold=True,
                                  size=RT_SIZE)
            if row["status_label"] else RichText(""),
            "rating_rt": RichText(row["rating_label"], color=_hex(row["rating_color"]), bold=True, size=RT_SIZE)}


def _alt_texts(tpl, descriptions: dict[str, str]) -> None:
    """Give each chart picture its text alternative (Word's "Alt Text")."""
    from docx.oxml.ns import qn

    part = tpl.docx.part
    for shape in tpl.docx.inline_shapes:
        blips = shape._inline.xpath(".//a:blip")
        if not blips:
            continue
        rid = blips[0].get(qn("r:embed"))
        image = part.related_parts.get(rid)
        if image is None:
            continue
        text = descriptions.get(hashlib.sha1(image.blob).hexdigest())
        if text:
            shape._inline.docPr.set("descr", text)
            shape._inline.docPr.set("title", text.split(":", 1)[0])


def _fixed_zip(data: bytes) -> bytes:
    """A zip's bytes again with fixed dates and attributes, so the same content gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 0
            zout.writestr(fixed, zin.read(info.filename))
    return out.getvalue()


# ------------------------------------------------------------------ the command


def report_name(plan_id: str, year: int, example: bool, ext: str) -> str:
    return f"raporti-{plan_id}-{year}{'-shembull' if example else ''}.{ext}"


def make_reports(req: ReportRequest, wb=None) -> list[Path]:
    """Validate, compute, and write the requested reports; returns their paths (docx first).

    `wb` is an already opened workbook (e.g. read from the open Excel book); by default `req.workbook` is read."""
    from addin.workbook.reader import open_workbook, sheets_read

    if wb is None:
        wb = open_workbook(req.workbook, prefetch=sheets_read(req.year, up_to=True))
    plan = wb.plan
    out_dir = Path(req.out_dir) if req.out_dir else Path(req.workbook).parent
    ensure_folder(out_dir, create=False)  # a place that cannot be written is said before any work is done
    wb.require_year(req.year)
    years = [y for y in wb.monitoring_years() if plan.start_year <= y <= req.year]
    validation = validate_years(wb, years)
    errors = validation.counts["error"]
    if errors and not req.allow_errors:
        raise MatricaError("report_invalid", exit_code=1, path=req.workbook, errors=Count("n_errors", errors))
    context = build_context(wb, req.year, req.lang, req.date, req.allow_errors, validation, req.from_file)
    contents: dict[str, bytes] = {}  # every format is made before any file is written
    if "docx" in req.formats:
        contents["docx"] = render_docx_bytes(context, template_path(DOCX_TEMPLATE, req.docx_template,
                                                                    req.template_dir))
    if "html" in req.formats:
        html_text = render_html(context, template_path(HTML_TEMPLATE, req.html_template, req.template_dir))
        contents["html"] = html_text.encode("utf-8")
    ensure_folder(out_dir)
    written = []
    try:
        for ext, data in contents.items():
            out = out_dir / report_name(plan.id, req.year, context["example"], ext)
            written.append(write_atomic(out, lambda tmp, data=data: tmp.write_bytes(data)))
    except MatricaError:
        for path in written:  # all or nothing: a report whose other half failed is not left behind
            path.unlink(missing_ok=True)
        raise
    return written


def parse_formats(text: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(p.strip().lower() for p in text.split(",") if p.strip()))
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise MatricaError("report_bad_format", value=text)
    return formats


def parse_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise MatricaError("report_bad_date", value=text) from None
