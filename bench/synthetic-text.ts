// Writes an article body piece by piece, keeping the place of every entity name and quote as it
// goes, so mentions and quote anchors come out at their real offsets without searching the text.
// Offsets are code points, as the loader's anchors and mentions count them.
import type { Mention } from '../src/annotations/mentions.js';
import type { Anchor } from '../src/annotations/text-position.js';
import { CONTEXT_LENGTH } from '../src/annotations/text-position.js';

export interface Mark { at: number; cp: number }

export class BodyWriter {
  private readonly parts: string[] = [];
  private at = 0;
  private cp = 0;
  readonly mentions: Mention[] = [];

  constructor(private readonly articleId: string) {}

  write(text: string): this {
    this.parts.push(text);
    this.at += text.length;
    this.cp += codePoints(text);
    return this;
  }

  /** Writes one surface form of an entity (its name or an alias) and records the mention. */
  name(entityId: string, surface: string): this {
    const start = this.cp;
    this.write(surface);
    this.mentions.push({ articleId: this.articleId, entityId, start, end: this.cp, text: surface });
    return this;
  }

  mark(): Mark {
    return { at: this.at, cp: this.cp };
  }

  text(): string {
    return this.parts.join('');
  }
}

/** The anchor of the text between two marks, as src/annotations/text-position.ts anchorAt builds it. */
export function anchorBetween(body: string, from: Mark, to: Mark): Anchor {
  return {
    exact: body.slice(from.at, to.at),
    prefix: body.slice(stepBack(body, from.at, CONTEXT_LENGTH), from.at),
    suffix: body.slice(to.at, stepForward(body, to.at, CONTEXT_LENGTH)),
    start: from.cp,
    end: to.cp,
  };
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Counts code points as Array.from does (a pair is one, a lone surrogate is one). */
export function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++, n++) if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) i++;
  return n;
}

function stepBack(text: string, at: number, count: number): number {
  let i = at;
  for (let k = 0; k < count && i > 0; k++) i -= i > 1 && isLow(text.charCodeAt(i - 1)) && isHigh(text.charCodeAt(i - 2)) ? 2 : 1;
  return i;
}

function stepForward(text: string, at: number, count: number): number {
  let i = at;
  for (let k = 0; k < count && i < text.length; k++) i += isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
  return i;
}

/** 12345 -> "12,345", the same everywhere (toLocaleString depends on the machine's ICU data). */
export function formatNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export const capitalize = (text: string) => text[0].toUpperCase() + text.slice(1);
