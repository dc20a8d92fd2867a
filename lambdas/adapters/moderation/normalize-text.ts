/**
 * Turns text into the word lists the rule moderator matches against, undoing the cheap tricks
 * that hide a word from a naive comparison: full-width and stylised letters (NFKC), case,
 * accents, invisible characters, look-alike letters from other scripts, leetspeak and letters
 * spaced out with dots or dashes. Matching whole words afterwards (never substrings) is what
 * keeps "Essex" and "therapist" innocent.
 */

/** Letters from Cyrillic and Greek that look like Latin ones and that NFKC leaves alone. */
const lookAlikes: Record<string, string> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
  у: 'y',
  ѕ: 's',
  і: 'i',
  ј: 'j',
  ԁ: 'd',
  һ: 'h',
  ӏ: 'l',
  α: 'a',
  ε: 'e',
  ο: 'o',
  ρ: 'p',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  τ: 't',
  χ: 'x',
  υ: 'u',
};

/**
 * Digits and symbols standing in for letters. Applied to the second form only, so "1990" still reads as a number in the
 * first.
 */
const leet: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/** Spaced-out letters ("s.e.x", "s e x") are joined back when at least this many single characters stand in a row. */
const minSpelledOutRun = 3;

/**
 * Lowercase, NFKC, no accents, no invisible characters, look-alikes mapped. Kept as one string
 * (not yet split) so leetspeak can still see `@` and `$`.
 */
function canonical(text: string): string {
  const plain = text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    // Combining marks (accents) and format characters (zero-width joiners, soft hyphens, bidi
    // controls) go without a trace: "s\u200Bex" must read as one word.
    .replace(/[\p{M}\p{Cf}]/gu, '');
  return Array.from(plain, (char) => lookAlikes[char] ?? char).join('');
}

/** Splits on anything that is not a letter or a digit; punctuation and whitespace of any length are one boundary. */
function splitWords(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
}

function joinSpelledOut(words: string[]): string[] {
  const joined: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= minSpelledOutRun) joined.push(run.join(''));
    else joined.push(...run);
    run = [];
  };
  for (const word of words) {
    if ([...word].length === 1) {
      run.push(word);
    } else {
      flush();
      joined.push(word);
    }
  }
  flush();
  return joined;
}

/** The words of a rule phrase: the plain form, so a rule is written the way it reads. */
export function phraseWords(phrase: string): string[] {
  return splitWords(canonical(phrase));
}

/**
 * The forms a text is checked in: as written (canonical), and with leetspeak decoded and
 * spelled-out letters joined. A phrase found in either form counts.
 */
export function textForms(text: string): string[][] {
  const plain = canonical(text);
  const decoded = Array.from(plain, (char) => leet[char] ?? char).join('');
  return [splitWords(plain), joinSpelledOut(splitWords(decoded))];
}
