// Turns a report as received (copied from a web page) into the article body that claims quote.
// The raw text is kept untouched beside it; this only decides what a reader would call the
// article. Rules are line-based and conservative: a line is dropped only when it is
// recognisably page furniture, so a quote can never lose words it really had.

export interface CleanOptions {
  title: string;
  publisher: string;
  authors: string[];
  /** Further exact lines to drop, given by the annotator for this report. */
  boilerplate?: string[];
}

// Whole lines that are site furniture (navigation, share buttons, comment boxes, text-to-speech notes).
const FURNITURE: RegExp[] = [
  /^back to top$/i,
  /^(•\s*)?link copied$/i,
  /^audio report: written by reporters, read by ai$/i,
  /^to write comments, please log in/i,
  /^standards board policy/i,
  /^most popular$/i,
  /^latest news$/i,
  /^subscribe$/i,
  /^related article$/i,
  /^print dictionary print$/i,
  /^home\s*>/i,
  /^log in to (twitter|facebook)/i,
  /^with the korea joongang daily$/i,
  /^help-image\b/i,
  /^lock icon$/i,
  /^소아쌤$/, // an advertising widget's label on The Korea Herald's pages
  /^published\s*:/i,
  /^updated\s*:/i,
  /^-\s*\[email(&#160;|\s)protected\]$/i,
];

// A subscription pitch runs to the end of the page: everything from its first line is dropped.
const PITCH_START: RegExp[] = [/^you['’]ve read .* free articles/i, /^subscribe to continue/i];

// "By Kim Arin", "BY MICHAEL LEE [[email protected]]", "By Ji Da-gyum (x@y.com)", "- MICHAEL LEE".
const BYLINE = /^(by\s+[\p{L}][\p{L} .,'’-]*|-\s+[\p{Lu}][\p{Lu} .'’-]*)(\s*[[(]+[^\])]*[\])]+)?$/iu;
// "Kristina Kormilitsyna/Sputnik/AP/File": a photo credit, no spaces around its slashes.
const PHOTO_CREDIT = /^[\p{L} .'’-]+(\/[\p{L}.'’-]+){2,}$/u;

export function cleanBody(raw: string, options: CleanOptions): string {
  const exact = new Set(
    [options.title, options.publisher, ...(options.boilerplate ?? [])].map((line) => normalizeLine(line)),
  );
  const kept: string[] = [];
  for (const rawLine of raw.replace(/\r\n?/g, '\n').split('\n')) {
    const line = collapseRepeatedHalves(normalizeLine(rawLine));
    if (PITCH_START.some((pattern) => pattern.test(line))) break;
    if (isFurniture(line, exact)) continue;
    // Photo captions are printed twice on these sites; a reader sees one.
    if (kept.length > 0 && kept[kept.length - 1] === line) continue;
    kept.push(line);
  }
  return kept.join('\n\n');
}

function normalizeLine(line: string): string {
  return line.replace(/[\u00a0\u2000-\u200b\u3000]/g, ' ').replace(/\s+/g, ' ').trim();
}

function isFurniture(line: string, exact: Set<string>): boolean {
  if (countLetters(line) < 3) return true; // blank lines, "|", stray single letters
  if (exact.has(line)) return true;
  if (line.length <= 80 && (BYLINE.test(line) || PHOTO_CREDIT.test(line))) return true;
  return FURNITURE.some((pattern) => pattern.test(line));
}

function countLetters(line: string): number {
  return (line.match(/[\p{L}\p{N}]/gu) ?? []).length;
}

/** "A caption. (Yonhap) A caption. (Yonhap)" -> "A caption. (Yonhap)". */
function collapseRepeatedHalves(line: string): string {
  const middle = Math.floor(line.length / 2);
  const left = line.slice(0, middle).trim();
  const right = line.slice(middle).trim();
  return left.length > 20 && left === right ? left : line;
}
