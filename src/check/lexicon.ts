/**
 * Word lists per language for the plain-language and actionability rules: a starter list of
 * medical jargon with plain wording (extend or trim it with `check.jargon` / `check.ignoreJargon`
 * in handout.config.yaml), and the cues the PEMAT-style rules look for. Only languages listed
 * here get these rules; others are skipped (the readability note already asks for human review).
 */

/** Cues of one language. */
export interface Lexicon {
  /** Medical term (lower case) → plain wording. */
  readonly jargon: Readonly<Record<string, string>>;
  /** A heading naming a summary or key points (matched case-insensitively). */
  readonly summaryHeading: RegExp;
  /** A sentence telling the reader to contact someone. */
  readonly callToAction: RegExp;
  /** A sentence opening with a sequence marker (first, then, next, finally…). */
  readonly sequenceMarker: RegExp;
  /** A plain definition near a term: "which means", "(…)", "is a", "called"… */
  readonly definitionCue: RegExp;
}

const EN_JARGON: Record<string, string> = {
  anesthetic: 'medicine that stops pain or puts you to sleep',
  antagonist: 'something that blocks',
  antidepressant: 'medicine for depression',
  chronic: 'long-lasting',
  contraindication: 'reason not to use a treatment',
  dissociation: 'feeling detached or disconnected',
  dosage: 'how much medicine',
  efficacy: 'how well it works',
  glutamate: 'a brain chemical',
  hypertension: 'high blood pressure',
  intramuscular: 'into a muscle',
  intravenous: 'into a vein',
  infusion: 'medicine given slowly through a vein',
  neurotransmitter: 'chemical messenger in the brain',
  nmda: '',
  prognosis: 'likely outcome',
  receptor: 'part of a cell that a chemical attaches to',
  sedation: 'medicine to make you calm or sleepy',
  synaptogenesis: 'the brain making new connections',
  'vital signs': 'heart rate, breathing, blood pressure and temperature',
};

const ES_JARGON: Record<string, string> = {
  anestésico: 'medicamento que quita el dolor o duerme',
  antagonista: 'algo que bloquea',
  disociación: 'sensación de estar desconectado',
  intramuscular: 'en un músculo',
  intravenosa: 'en una vena',
  neurotransmisor: 'mensajero químico del cerebro',
  sinaptogénesis: 'el cerebro crea nuevas conexiones',
};

const FR_JARGON: Record<string, string> = {
  anesthésique: 'médicament qui endort ou supprime la douleur',
  antagoniste: 'qui bloque',
  dissociation: 'sensation d’être détaché',
  intramusculaire: 'dans un muscle',
  intraveineuse: 'dans une veine',
  neurotransmetteur: 'messager chimique du cerveau',
};

const DE_JARGON: Record<string, string> = {
  anästhetikum: 'Betäubungsmittel',
  antagonist: 'etwas, das blockiert',
  dissoziation: 'Gefühl, losgelöst zu sein',
  intramuskulär: 'in einen Muskel',
  intravenös: 'in eine Vene',
  neurotransmitter: 'Botenstoff im Gehirn',
};

/** Lexicons by primary language subtag. */
export const LEXICONS: Readonly<Record<string, Lexicon>> = {
  en: {
    jargon: EN_JARGON,
    summaryHeading: new RegExp(
      String.raw`\b(summary|key (points|messages|facts)|at a glance|in (short|brief)|(things )?to remember` +
        String.raw`|takeaways?|conclusion|what you need to know)\b`,
      'i',
    ),
    callToAction: new RegExp(
      String.raw`\b(call|phone|text|e-?mail|contact|ring|reach out to|talk to|tell|ask|visit` +
        String.raw`|go to|come to)\b.{0,80}\b(us|your (care )?team|your (doctor|provider|practitioner` +
        String.raw`|nurse|therapist|clinic|pharmacist)|the clinic|911|emergency|\{\{clinic\.)`,
      'i',
    ),
    sequenceMarker: /^(first(ly)?|second(ly)?|third(ly)?|next|then|after (that|this)|afterwards|finally|lastly|last|step \d+)\b/i,
    definitionCue: new RegExp(
      String.raw`\(|\b(which|that) means\b|\bmeans?\b|\bmeaning\b|\bthat is\b|\bi\.e\.|\bin other words\b` +
        String.raw`|\b(is|are) (a|an|the|when|how)\b|\brefers? to\b|\b(known as|called)\b`,
      'i',
    ),
  },
  es: {
    jargon: ES_JARGON,
    summaryHeading: /(resumen|puntos clave|en resumen|lo más importante|recuerde|conclusión)/i,
    callToAction: new RegExp(
      String.raw`\b(llame|llámenos|escriba|contacte|comuníquese|consulte|hable con|pregunte` +
        String.raw`|acuda)\b.{0,80}(nosotros|su (equipo|médico|proveedor|profesional|terapeuta` +
        String.raw`|enfermera|clínica)|la clínica|911|urgencias|\{\{clinic\.)`,
      'i',
    ),
    sequenceMarker: /^(primero|en primer lugar|segundo|luego|después,|a continuación|por último|finalmente)/i,
    definitionCue: /\(|\b(que significa|significa|es decir|es (un|una|el|la|cuando)|se llama|llamad[oa]|conocid[oa] como)\b/i,
  },
  fr: {
    jargon: FR_JARGON,
    summaryHeading: /(résumé|points clés|en bref|à retenir|l’essentiel|l'essentiel|conclusion)/i,
    callToAction: new RegExp(
      String.raw`\b(appelez|contactez|écrivez|parlez à|parlez-en|demandez)\b.{0,80}(nous` +
        String.raw`|votre (équipe|médecin|praticien|thérapeute|infirmière|clinique)|la clinique` +
        String.raw`|15|112|urgences|\{\{clinic\.)`,
      'i',
    ),
    sequenceMarker: /^(d['’]abord|premièrement|ensuite|puis|après cela|enfin|finalement)\b/i,
    definitionCue: /\(|\b(c['’]est-à-dire|qui signifie|signifie|est (un|une|le|la|quand)|appelée?|dite?)\b/i,
  },
  de: {
    jargon: DE_JARGON,
    summaryHeading: /(zusammenfassung|das wichtigste|auf einen blick|kurz gesagt|merken|fazit)/i,
    callToAction: new RegExp(
      String.raw`\b(rufen sie|kontaktieren sie|schreiben sie|sprechen sie mit|fragen sie)\b.{0,80}(uns` +
        String.raw`|ihr(e|en)? (team|arzt|ärztin|praxis|therapeut|pflege)|die praxis|112|notruf` +
        String.raw`|\{\{clinic\.)`,
      'i',
    ),
    sequenceMarker: /^(zuerst|erstens|zweitens|dann|danach|anschließend|als nächstes|schließlich|zuletzt)\b/i,
    definitionCue: /\(|\b(das heißt|d\. h\.|bedeutet|ist (ein|eine|der|die|das|wenn)|genannt|heißt)\b/i,
  },
};
