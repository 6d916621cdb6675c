/**
 * Tagging: PDFKit structure elements are created lazily, in the order their
 * content is drawn, so each element's kids (marked content, child elements,
 * link annotations) come out in reading order.
 */
import type { StructNode } from '../types/paged.js';
import { addMarkedContent, type Doc, type StructElem as Elem, type StructKid as Kid } from './pdf-adapter/index.js';

/** Creates structure elements for the nodes that receive content. */
export class Tagger {
  private readonly elems = new Map<number, Elem>();

  constructor(
    private readonly doc: Doc,
    private readonly nodes: readonly StructNode[],
    /** When false, content is drawn untagged (only to measure what tagging costs). */
    private readonly enabled = true,
  ) {}

  private elem(id: number, withActualText = true): Elem {
    let e = this.elems.get(id);
    if (e) return e;
    const n = this.nodes[id]!;
    const options: Record<string, string> = {};
    if (n.alt) options.alt = n.alt;
    if (n.actualText && withActualText) options.actual = n.actualText;
    if (n.lang) options.lang = n.lang;
    if (n.scope) options.scope = n.scope;
    e = this.doc.struct(n.role, options);
    this.elems.set(id, e);
    if (n.parent === null) this.doc.addStructure(e);
    else this.elem(n.parent).add(e);
    return e;
  }

  /** Draws `draw` as marked content owned by node `id` (or as an artifact when null). */
  content(id: number | null, draw: () => void, artifactType: 'Pagination' | 'Layout' = 'Layout'): void {
    if (!this.enabled) {
      draw();
      return;
    }
    if (id === null) {
      this.doc.markContent('Artifact', { type: artifactType });
      draw();
      this.doc.endMarkedContent();
      return;
    }
    const role = this.nodes[id]!.role;
    const elem = this.elem(id);
    const mc = this.doc.markStructureContent(role);
    draw();
    this.doc.endMarkedContent();
    addMarkedContent(elem, mc);
  }

  /** A parent stand-in for an annotation owned by node `id`. */
  annotationParent(id: number): { add(kid: Kid): void } | undefined {
    if (!this.enabled) return undefined;
    const elem = this.elem(id);
    return { add: (kid: Kid) => elem.add(kid) };
  }

  /**
   * A `Form` element inside node `id` (a checklist item's label) holding the widget annotation
   * that `addWidget` creates; it is ended at once, so its `/OBJR` names the current page. The label
   * gets no `/ActualText`: the field itself tells its state, which the reader may change.
   */
  formField(id: number, addWidget: (parent: { add(kid: Kid): void } | undefined) => void): void {
    if (!this.enabled) {
      addWidget(undefined);
      return;
    }
    const form = this.doc.struct('Form');
    this.elem(id, false).add(form);
    addWidget(form);
    form.end();
  }

  /** Ends every element (call before doc.end()). */
  finish(): void {
    if (!this.enabled) return;
    this.elems.get(0)?.end();
    for (const e of this.elems.values()) e.end();
  }
}
