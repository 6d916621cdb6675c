/**
 * Document-level PDF/UA-1 rule checks, one function per rule: tagging, language, title, XMP
 * metadata, marked content on pages and fonts.
 */
import { collectFonts, describeFont } from '../pdf-read.js';
import type { LoadedDoc } from './document.js';
import { dig } from './pdf-object.js';
import { PDFUA_RULES, type AddViolation } from './rules.js';

const utf8 = new TextDecoder('utf-8');
/** A well-formed BCP 47 language tag (RFC 5646 syntax, without checking the registry). */
const BCP47_RE =
  /^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?$|^[Xx](?:-[A-Za-z0-9]{1,8})+$/;

/** {@link PDFUA_RULES.tagged}: `/MarkInfo << /Marked true >>`, no `/Suspects`, and a `/StructTreeRoot`. */
export function checkTagged(d: LoadedDoc, add: AddViolation): void {
  const { root } = d;
  const markInfo = root.get('MarkInfo');
  const marked = dig(markInfo, 'Marked');
  if (!markInfo.isDictionary())
    add(PDFUA_RULES.tagged, 'Catalog has no /MarkInfo; a tagged PDF needs /MarkInfo << /Marked true >> (PDFKit: tagged: true)');
  else if (!(marked.isBoolean() && marked.asBoolean()))
    add(PDFUA_RULES.tagged, `Catalog /MarkInfo /Marked is ${marked.isNull() ? 'missing' : marked.toString()}; it must be true`);
  const suspects = dig(markInfo, 'Suspects');
  if (suspects.isBoolean() && suspects.asBoolean())
    add(PDFUA_RULES.tagged, 'Catalog /MarkInfo /Suspects is true; PDF/UA does not allow suspect tags');
  if (!root.get('StructTreeRoot').isDictionary())
    add(PDFUA_RULES.tagged, 'Catalog has no /StructTreeRoot; the document has no structure tree');
}

/** {@link PDFUA_RULES.lang}: catalog `/Lang` is a non-empty BCP 47 tag. */
export function checkLang(d: LoadedDoc, add: AddViolation): void {
  const { root } = d;
  const lang = root.get('Lang');
  if (!lang.isString() || lang.asString().trim() === '') {
    add(
      PDFUA_RULES.lang,
      `Catalog /Lang is ${lang.isNull() ? 'missing' : 'empty'}; set the document language as a BCP 47 tag, e.g. (en-US) (PDFKit: lang option)`,
    );
  } else if (!BCP47_RE.test(lang.asString())) {
    add(PDFUA_RULES.lang, `Catalog /Lang "${lang.asString()}" is not a BCP 47 language tag; use e.g. "en", "en-US", "es-419"`);
  }
}

/** {@link PDFUA_RULES.title}: Info `/Title` set and `/DisplayDocTitle true`. */
export function checkTitle(d: LoadedDoc, add: AddViolation): void {
  const { root } = d;
  const title = dig(d.doc.getTrailer(), 'Info', 'Title');
  if (!title.isString() || title.asString().trim() === '') {
    add(PDFUA_RULES.title, `Document information /Title is ${title.isNull() ? 'missing' : 'empty'}; set info.Title to the handout's title`);
  }
  const display = dig(root, 'ViewerPreferences', 'DisplayDocTitle');
  if (!(display.isBoolean() && display.asBoolean())) {
    add(
      PDFUA_RULES.title,
      `Catalog /ViewerPreferences /DisplayDocTitle is ${display.isNull() ? 'missing' : display.toString()}; it must be true so viewers show the title, not the file name (PDFKit: displayTitle: true)`,
    );
  }
}

/** {@link PDFUA_RULES.xmp}: XMP metadata with `dc:title` and `pdfuaid:part` 1. */
export function checkXmp(d: LoadedDoc, add: AddViolation): void {
  const { root } = d;
  const metadata = root.get('Metadata');
  if (!metadata.isStream()) {
    add(PDFUA_RULES.xmp, 'Catalog has no /Metadata XMP stream; PDF/UA needs one with dc:title and pdfuaid:part (PDFKit: subset: "PDF/UA")');
  } else {
    const buf = metadata.readStream();
    const xml = utf8.decode(buf.asUint8Array().slice());
    buf.destroy();
    if (!/<dc:title[\s>]/.test(xml)) add(PDFUA_RULES.xmp, 'XMP metadata has no dc:title; it must carry the document title');
    const part = /pdfuaid:part\s*(?:>\s*|=\s*["']\s*)([^<"'\s]*)/.exec(xml);
    if (!part)
      add(PDFUA_RULES.xmp, 'XMP metadata has no pdfuaid:part; PDF/UA-1 files identify themselves with <pdfuaid:part>1</pdfuaid:part>');
    else if (part[1] !== '1') add(PDFUA_RULES.xmp, `XMP metadata pdfuaid:part is "${part[1] ?? ''}"; PDF/UA-1 requires 1`);
  }
}

/** {@link PDFUA_RULES.contentMarked}: no painting outside `/Artifact` or MCID sequences; balanced BDC/EMC. */
export function checkContentMarked(d: LoadedDoc, add: AddViolation): void {
  d.pages.forEach(({ analysis }, i) => {
    const p = i + 1;
    const { text, paths, images } = analysis.untagged;
    const fix = 'wrap it in /Artifact BMC … EMC or a tagged /Tag <</MCID n>> BDC … EMC';
    if (text > 0)
      add(
        PDFUA_RULES.contentMarked,
        `page ${p}: ${text} text-showing operator(s) (Tj/TJ/'/") outside any /Artifact or MCID marked-content sequence; ${fix}`,
      );
    if (paths > 0)
      add(
        PDFUA_RULES.contentMarked,
        `page ${p}: ${paths} path-painting operator(s) (f/S/B/sh…) outside any /Artifact or MCID marked-content sequence; ${fix}`,
      );
    if (images > 0)
      add(
        PDFUA_RULES.contentMarked,
        `page ${p}: ${images} image/XObject operator(s) (Do/BI) outside any /Artifact or MCID marked-content sequence; ${fix}`,
      );
    for (const problem of analysis.problems) add(PDFUA_RULES.contentMarked, `page ${p}: ${problem}`);
  });
}

/** {@link PDFUA_RULES.fonts}: every font embedded, with a `/ToUnicode` CMap. */
export function checkFonts(d: LoadedDoc, add: AddViolation): void {
  for (const found of collectFonts(d.doc)) {
    const info = describeFont(found.font);
    const where = `font ${info.name} (/${found.resourceName}, ${info.subtype}) on page ${found.page + 1}`;
    if (!info.embedded)
      add(
        PDFUA_RULES.fonts,
        `${where} is not embedded (no FontFile/FontFile2/FontFile3); register a font file instead of a standard-14 font`,
      );
    if (!info.hasToUnicode) add(PDFUA_RULES.fonts, `${where} has no /ToUnicode CMap, so its text cannot be mapped to Unicode`);
  }
}
