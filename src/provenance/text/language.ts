import { LANGUAGE_CLASSES } from '../../records/vocabulary.js'

export { LANGUAGE_CLASSES }
export type LanguageClass = (typeof LANGUAGE_CLASSES)[number]

/** Only the start of a record is looked at: enough to tell prose from code, and cheap per record (256 characters: the dominant script and code shape show within a few lines, and --deep classifies every record). */
const WINDOW = 256

/**
 * Keywords that are rare in English prose: `def`, `elif`, `SELECT`, `println`, … Words that are also
 * ordinary English (`function`, `return`, `from`, `class`, `import`, `select`) are left out on
 * purpose; the symbols around them give code away instead.
 */
const KEYWORDS = new Set([
  // Python (not `self`, `None`, `True`: English words that start sentences)
  'def', 'elif', 'lambda', 'kwargs', 'nonlocal', '__init__', '__name__', '__main__',
  // JavaScript / TypeScript
  'const', 'var', 'typeof', 'undefined', 'null', 'async', 'await', 'console', 'instanceof',
  // C family, Java, Go, Rust
  'int', 'void', 'char', 'struct', 'bool', 'boolean', 'func', 'fn', 'impl', 'pub', 'mut', 'usize', 'println',
  'printf', 'namespace', 'std', 'nullptr', 'endif', 'ifdef', 'ifndef',
  // SQL, upper case only (lower-case `select`/`where` are English, and so are `AND`, `NOT`, `ON` in capitals)
  'SELECT', 'FROM', 'WHERE', 'INSERT', 'INTO', 'VALUES', 'UPDATE', 'DELETE', 'CREATE', 'JOIN', 'LIMIT', 'VARCHAR',
  'INTEGER', 'PRIMARY',
  // shell
  'echo', 'fi', 'esac', 'sudo', 'grep', 'chmod', 'mkdir',
])
/** The keywords' rolling hashes: words are hashed as they are scanned and sliced out only on a hit. */
const KEYWORD_HASHES = new Set([...KEYWORDS].map((word) => [...word].reduce((h, c) => wordHash(h, c.charCodeAt(0)), 0)))

function wordHash(h: number, code: number): number {
  return (Math.imul(h, 31) + code) | 0
}

interface Tally {
  /**
   * Letters per script, weighted by UTF-8 length: one Han character weighs as much as three ASCII
   * letters (roughly as much as it does in bytes and in tokens), so a Chinese sentence with a few
   * English product names stays Chinese.
   */
  latin: number
  han: number
  kana: number
  otherLetters: number
  nonSpace: number
  /** characters that are common in code and rare in prose: {}[]()<>=;|&$\^~`*_ */
  symbols: number
  /** `==`, `=>`, `->`, `::`, `&&`, `||`, `!=`, `+=`, `:=`, `</`, `/>`, JSON's `{"` and `":`, … and `name(` */
  operators: number
  keywords: number
  /** snake_case words and `a.b` member access */
  identifiers: number
  lines: number
  indentedLines: number
  /** lines whose last visible character is `;`, `{` or `}` */
  codeLineEnds: number
}

/**
 * One class per record: 'code' when the text looks like source code (density of code symbols,
 * keywords, identifiers and code-shaped lines), otherwise the script with the most letters
 * (weighted by UTF-8 length): Han → 'zh', Latin → 'en', anything else → 'other'. Han next to a
 * good share of Kana is Japanese and counts as 'other'. Null when the text has no letters.
 *
 * One pass over at most the first 2,000 UTF-16 units.
 */
export function classifyLanguage(text: string): LanguageClass | null {
  const t = tally(text)
  const letters = t.latin + t.han + t.kana + t.otherLetters
  if (letters === 0) return null
  if (looksLikeCode(t)) return 'code'
  // Japanese writes nouns in Han and grammar in Kana; Chinese has (almost) no Kana.
  const japanese = t.kana > 0 && t.kana * 4 >= t.han
  const zh = japanese ? 0 : t.han
  const other = t.otherLetters + t.kana + (japanese ? t.han : 0)
  if (zh >= t.latin && zh >= other) return 'zh'
  if (t.latin >= other) return 'en'
  return 'other'
}

/** Weighted score per visible character; prose scores about 0.01–0.04, code 0.15 and more. */
function codeScore(t: Tally): number {
  if (t.nonSpace === 0) return 0
  const lineShape = t.lines > 0 ? (2 * t.codeLineEnds + t.indentedLines) / t.lines : 0
  const perChar = (t.symbols + 2 * t.operators + 4 * t.keywords + t.identifiers) / t.nonSpace
  return perChar + 0.1 * lineShape
}

/** Tuned on the fixtures in test/provenance/text and 830 GitHub issue titles (4 titles such as
 * "has_any_role() should take an array" come out as code). */
const CODE_THRESHOLD = 0.15

function looksLikeCode(t: Tally): boolean {
  return codeScore(t) >= CODE_THRESHOLD
}

const TAB = 9
const NEWLINE = 10
const RETURN = 13
const SPACE = 32

/** Code symbols, indexed by char code: 1 = counts towards `symbols`. */
const SYMBOL = new Uint8Array(128)
for (const c of '{}[]()<>=;|&$\\^~`*_') SYMBOL[c.charCodeAt(0)] = 1
/** Two-character operators, indexed by `first * 128 + second`: a table, since it is read for every character. */
const OPERATOR = new Uint8Array(128 * 128)
for (const op of ['==', '!=', '=>', '->', '::', '&&', '||', '+=', '-=', ':=', '</', '/>', '<=', '>=', '${', '#!', '()', '[]', '{}', '/*', '*/', '++', '<<', '>>', '{"', '":', '"}', '["', '"]']) {
  OPERATOR[op.charCodeAt(0) * 128 + op.charCodeAt(1)] = 1
}

const OTHER_LETTER = /\p{L}/uy

function tally(text: string): Tally {
  const t: Tally = {
    latin: 0, han: 0, kana: 0, otherLetters: 0, nonSpace: 0, symbols: 0, operators: 0, keywords: 0,
    identifiers: 0, lines: 0, indentedLines: 0, codeLineEnds: 0,
  }
  const end = Math.min(text.length, WINDOW)
  let prev = NEWLINE
  let lineStart = true
  let lineIndent = 0
  let lastVisible = 0
  let lineHasText = false
  // The current ASCII word: start index, and whether it has an inner '_' (snake_case). camelCase is
  // no sign of code: iPhone, JavaScript and YouTube are prose.
  let wordStart = -1
  let wordShape = false
  let hash = 0
  for (let i = 0; i < end; i++) {
    let code = text.charCodeAt(i)
    if (code < 128) {
      const isWordChar = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95
      if (isWordChar) {
        if (wordStart < 0) {
          wordStart = i
          wordShape = false
          hash = 0
        } else if (code === 95 && prev !== 95) {
          wordShape = true
        }
        hash = wordHash(hash, code)
        if (code >= 48 && code <= 57) {
          // digits are neither letters nor symbols
        } else if (code !== 95) {
          t.latin++
        }
      } else if (wordStart >= 0) {
        endWord(text, wordStart, i, wordShape, hash, t)
        wordStart = -1
        // `name(` is a call or a definition; prose puts a space before '('.
        if (code === 40) t.operators++
        // `a.b` with a letter straight after the dot: member access (also "e.g.", "site.com")
        if (code === 46 && i + 1 < end && isAsciiLetter(text.charCodeAt(i + 1))) t.identifiers++
      }
      if (code === NEWLINE) {
        finishLine()
        lineStart = true
        lineIndent = 0
        prev = code
        continue
      }
      if (code === SPACE || code === TAB || code === RETURN) {
        if (lineStart) lineIndent += code === TAB ? 2 : 1
        prev = code
        continue
      }
      lineStart = false
      lineHasText = true
      lastVisible = code
      t.nonSpace++
      if (SYMBOL[code] === 1) t.symbols++
      if (prev < 128 && OPERATOR[prev * 128 + code] === 1) t.operators++
      prev = code
      continue
    }
    if (wordStart >= 0) {
      endWord(text, wordStart, i, wordShape, hash, t)
      wordStart = -1
    }
    lineStart = false
    lineHasText = true
    lastVisible = code
    prev = code
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < end) {
      code = text.codePointAt(i) ?? code
      i++
    }
    t.nonSpace++
    letter(code, i, text, t)
  }
  if (wordStart >= 0) endWord(text, wordStart, end, wordShape, hash, t)
  finishLine()
  return t

  function finishLine(): void {
    if (!lineHasText) return
    t.lines++
    if (lineIndent >= 2) t.indentedLines++
    if (lastVisible === 59 || lastVisible === 123 || lastVisible === 125) t.codeLineEnds++
    lineHasText = false
  }
}

function endWord(text: string, start: number, end: number, shaped: boolean, hash: number, t: Tally): void {
  if (shaped && end - start > 2) t.identifiers++
  if (KEYWORD_HASHES.has(hash) && KEYWORDS.has(text.slice(start, end))) t.keywords++
}

function isAsciiLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90)
}

/** Adds a non-ASCII code point to its script's letter count, weighted by UTF-8 length. */
function letter(cp: number, index: number, text: string, t: Tally): void {
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff)) {
    t.han += 3
  } else if (cp >= 0x20000 && cp <= 0x323af) {
    t.han += 4
  } else if ((cp >= 0x3040 && cp <= 0x30ff && cp !== 0x30fb) || (cp >= 0x31f0 && cp <= 0x31ff) || (cp >= 0xff66 && cp <= 0xff9d)) {
    t.kana += 3
  } else if ((cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7) || (cp >= 0x1e00 && cp <= 0x1eff)) {
    t.latin += 2
  } else if ((cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a)) {
    // full-width Latin, as in Chinese and Japanese typesetting
    t.latin += 3
  } else {
    OTHER_LETTER.lastIndex = cp > 0xffff ? index - 1 : index
    if (OTHER_LETTER.test(text)) t.otherLetters += cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4
  }
}
