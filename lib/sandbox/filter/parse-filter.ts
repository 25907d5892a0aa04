/**
 * A recursive-descent parser for the Polis filter language. Written by hand:
 * the grammar is a dozen rules and a hand parser gives exact error positions.
 *
 *   expr       := and ('or' and)*
 *   and        := primary ('and' primary)*
 *   primary    := '(' expr ')' | path comparison
 *   comparison := ('eq'|'neq'|'gt'|'gte'|'lt'|'lte'|'like') (literal | path)
 *               | ('in'|'nin') (array | path)
 *               | 'between' literal ',' literal
 *   array      := '[' (literal (',' literal)*)? ']'
 *   literal    := string | number | 'true' | 'false' | 'nil'
 *
 * @example
 *   parseFilter('/data/successful eq true and distance gte 0.5');
 *   // { kind: 'and', left: { kind: 'compare', ... }, right: { ... } }
 */

export type Literal = string | number | boolean | null;

export type PathRef = { kind: 'path'; pointer: string; position: number };
export type LiteralRef = { kind: 'literal'; value: Literal; position: number };

export type CompareOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'like';

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'compare'; op: CompareOp; path: PathRef; value: LiteralRef | PathRef }
  | { kind: 'in' | 'nin'; path: PathRef; values: LiteralRef[] | PathRef }
  | { kind: 'between'; path: PathRef; low: LiteralRef; high: LiteralRef };

export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    /** Zero-based character offset of the offending token. */
    readonly position: number,
    readonly token: string,
  ) {
    super(message);
    this.name = 'FilterSyntaxError';
  }
}

type Token =
  | { type: 'punct'; text: '(' | ')' | '[' | ']' | ','; position: number }
  | { type: 'string'; text: string; value: string; position: number }
  | { type: 'number'; text: string; value: number; position: number }
  | { type: 'word'; text: string; position: number }
  | { type: 'path'; text: string; position: number }
  | { type: 'end'; text: ''; position: number };

const COMPARE_OPS = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like']);
const KEYWORDS = new Set([...COMPARE_OPS, 'and', 'or', 'in', 'nin', 'between', 'true', 'false', 'nil']);
const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const PATH = /\/?[A-Za-z_$][\w$-]*(?:\/[\w$~-]+)*/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if ('()[],'.includes(ch)) {
      tokens.push({ type: 'punct', text: ch as '(', position: i });
      i++;
      continue;
    }
    if (ch === '"') {
      const start = i;
      i++;
      while (i < source.length && source[i] !== '"') i += source[i] === '\\' ? 2 : 1;
      if (i >= source.length) throw new FilterSyntaxError(`unterminated string starting at position ${start}`, start, source.slice(start));
      const text = source.slice(start, i + 1);
      i++;
      let value: string;
      try {
        value = JSON.parse(text) as string;
      } catch {
        throw new FilterSyntaxError(`invalid escape in string ${text} at position ${start}`, start, text);
      }
      tokens.push({ type: 'string', text, value, position: start });
      continue;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(source);
    if (number && (ch === '-' || ch === '.' || /\d/.test(ch))) {
      tokens.push({ type: 'number', text: number[0], value: Number(number[0]), position: i });
      i += number[0].length;
      continue;
    }
    PATH.lastIndex = i;
    const path = PATH.exec(source);
    if (path) {
      const text = path[0];
      const isWord = !text.includes('/') && KEYWORDS.has(text.toLowerCase());
      tokens.push(isWord ? { type: 'word', text: text.toLowerCase(), position: i } : { type: 'path', text, position: i });
      i += text.length;
      continue;
    }
    throw new FilterSyntaxError(`unexpected character "${ch}" at position ${i}`, i, ch);
  }
  tokens.push({ type: 'end', text: '', position: source.length });
  return tokens;
}

/** How much of one filter the parser accepts; see lib/sandbox/limits.ts for the values and why. */
export type FilterLimits = { maxLength: number; maxTerms: number; maxDepth: number; maxValues: number };

const UNLIMITED: FilterLimits = { maxLength: Infinity, maxTerms: Infinity, maxDepth: Infinity, maxValues: Infinity };

/**
 * Parses one filter. The limits are checked while parsing, before the tree
 * (or the stack) grows past them; `used` carries terms and values counted by
 * earlier filters of the same request.
 */
export function parseFilter(source: string, limits: FilterLimits = UNLIMITED, used = { terms: 0, values: 0 }): FilterNode {
  if (source.length > limits.maxLength) {
    throw new FilterSyntaxError(`the filter is ${source.length} characters long; the limit is ${limits.maxLength}`, limits.maxLength, '');
  }
  const tokens = tokenize(source);
  let index = 0;
  let depth = 0;
  const peek = () => tokens[index]!;
  const next = () => tokens[index++]!;

  const fail = (token: Token, expected: string): never => {
    const found = token.type === 'end' ? 'end of filter' : `"${token.text}"`;
    throw new FilterSyntaxError(`unexpected ${found} at position ${token.position}; expected ${expected}`, token.position, token.text);
  };
  const isWord = (token: Token, word: string) => token.type === 'word' && token.text === word;
  const isPunct = (token: Token, text: string) => token.type === 'punct' && token.text === text;

  const path = (): PathRef => {
    const token = next();
    if (token.type !== 'path') return fail(token, 'an attribute path such as /data/campaignId');
    const pointer = token.text.startsWith('/') ? token.text : `/${token.text}`;
    return { kind: 'path', pointer, position: token.position };
  };

  const literal = (): LiteralRef => {
    const token = next();
    const at = token.position;
    if (token.type === 'string' || token.type === 'number') return { kind: 'literal', value: token.value, position: at };
    if (isWord(token, 'true')) return { kind: 'literal', value: true, position: at };
    if (isWord(token, 'false')) return { kind: 'literal', value: false, position: at };
    if (isWord(token, 'nil')) return { kind: 'literal', value: null, position: at };
    return fail(token, 'a value (a "string", a number, true, false or nil)');
  };

  const array = (): LiteralRef[] => {
    next(); // [
    const values: LiteralRef[] = [];
    if (isPunct(peek(), ']')) {
      next();
      return values;
    }
    for (;;) {
      if (++used.values > limits.maxValues) {
        const at = peek();
        throw new FilterSyntaxError(
          `too many values in in/nin lists at position ${at.position}; the limit is ${limits.maxValues} values per request`,
          at.position,
          at.text,
        );
      }
      values.push(literal());
      const token = next();
      if (isPunct(token, ']')) return values;
      if (!isPunct(token, ',')) fail(token, '"," or "]"');
    }
  };

  const comparison = (): FilterNode => {
    const start = peek();
    if (++used.terms > limits.maxTerms) {
      throw new FilterSyntaxError(
        `too many comparisons at position ${start.position}; the limit is ${limits.maxTerms} comparisons per request`,
        start.position,
        start.text,
      );
    }
    const left = path();
    const op = next();
    if (op.type === 'word' && COMPARE_OPS.has(op.text)) {
      const value = peek().type === 'path' ? path() : literal();
      return { kind: 'compare', op: op.text as CompareOp, path: left, value };
    }
    if (isWord(op, 'in') || isWord(op, 'nin')) {
      const kind = op.text as 'in' | 'nin';
      if (isPunct(peek(), '[')) return { kind, path: left, values: array() };
      if (peek().type === 'path') return { kind, path: left, values: path() };
      return fail(peek(), 'an array such as [1,"a"] or an attribute path');
    }
    if (isWord(op, 'between')) {
      const low = literal();
      const comma = next();
      if (!isPunct(comma, ',')) fail(comma, '"," between the two bounds');
      return { kind: 'between', path: left, low, high: literal() };
    }
    return fail(op, 'an operator (eq, neq, gt, gte, lt, lte, like, in, nin, between)');
  };

  const primary = (): FilterNode => {
    if (isPunct(peek(), '(')) {
      const open = next();
      // Refused before recursing, so deep nesting never reaches the stack's limit.
      if (++depth > limits.maxDepth) {
        throw new FilterSyntaxError(
          `parentheses nest too deep at position ${open.position}; the nesting limit is ${limits.maxDepth} levels`,
          open.position,
          '(',
        );
      }
      const node = expression();
      depth--;
      const close = next();
      if (!isPunct(close, ')')) fail(close, '")"');
      return node;
    }
    return comparison();
  };

  const conjunction = (): FilterNode => {
    let node = primary();
    while (isWord(peek(), 'and')) {
      next();
      node = { kind: 'and', left: node, right: primary() };
    }
    return node;
  };

  const expression = (): FilterNode => {
    let node = conjunction();
    while (isWord(peek(), 'or')) {
      next();
      node = { kind: 'or', left: node, right: conjunction() };
    }
    return node;
  };

  if (peek().type === 'end') fail(peek(), 'a filter expression');
  const tree = expression();
  if (peek().type !== 'end') fail(peek(), '"and", "or" or the end of the filter');
  return tree;
}
