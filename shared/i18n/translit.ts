/**
 * Uzbek Latin → Cyrillic transliteration for personal names and place names stored in Latin.
 * Follows the 1995 alphabet correspondence; the apostrophe forms (o‘, g‘, ʼ) come in several
 * Unicode spellings in real data, so they are normalised first.
 */
const APOSTROPHES = /[‘’ʻʼ`´']/g;

// Longest match first: digraphs before single letters. "yo'" is "й"+"ў", not "ё"+"'".
const DIGRAPHS: Array<[string, string]> = [
  ["yo'", "йў"],
  ["o'", "ў"],
  ["g'", "ғ"],
  ["sh", "ш"],
  ["ch", "ч"],
  ["yo", "ё"],
  ["yu", "ю"],
  ["ya", "я"],
  ["ye", "е"],
];

const LETTERS: Record<string, string> = {
  a: "а",
  b: "б",
  d: "д",
  e: "е",
  f: "ф",
  g: "г",
  h: "ҳ",
  i: "и",
  j: "ж",
  k: "к",
  l: "л",
  m: "м",
  n: "н",
  o: "о",
  p: "п",
  q: "қ",
  r: "р",
  s: "с",
  t: "т",
  u: "у",
  v: "в",
  x: "х",
  y: "й",
  z: "з",
  c: "с",
  w: "в",
  "'": "ъ",
};

function matchCase(source: string, target: string): string {
  if (source === source.toLowerCase()) return target;
  // "Sh" at the start of a capitalised word → "Ш", "SH" in an all-caps word → "Ш" as well.
  return target.charAt(0).toUpperCase() + target.slice(1);
}

/** Transliterates Uzbek Latin text to Uzbek Cyrillic; characters outside the alphabet pass through. */
export function latinToCyrillic(text: string): string {
  const input = text.replace(APOSTROPHES, "'");
  let out = "";
  let i = 0;
  while (i < input.length) {
    const rest = input.slice(i);
    const lower = rest.toLowerCase();
    const digraph = DIGRAPHS.find(([latin]) => lower.startsWith(latin));
    if (digraph) {
      const [latin, cyr] = digraph;
      out += matchCase(rest.slice(0, latin.length), cyr);
      i += latin.length;
      continue;
    }
    const ch = rest[0]!;
    const lowerCh = ch.toLowerCase();
    // Word-initial "e" is written "э" in Uzbek Cyrillic (Ergash → Эргаш).
    if (lowerCh === "e" && (i === 0 || !/\p{L}/u.test(input[i - 1]!))) {
      out += matchCase(ch, "э");
    } else if (LETTERS[lowerCh] !== undefined) {
      out += matchCase(ch, LETTERS[lowerCh]!);
    } else {
      out += ch;
    }
    i += 1;
  }
  return out;
}
