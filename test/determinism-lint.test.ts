import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The engine and the models must be deterministic: randomness only from named streams, time only
 * from the simulated clock (docs/design.md#engine-principles). This fails on any use of the calls
 * below in src/engine or src/models, comments and string contents aside.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const CHECKED_FOLDERS = ['src/engine', 'src/models'];
const FORBIDDEN: { pattern: RegExp; why: string }[] = [
  { pattern: /\bMath\s*\.\s*random\b/, why: 'use ctx.random.stream(name)' },
  { pattern: /\bDate\s*\.\s*now\b/, why: 'use the simulated clock (sim.now)' },
  { pattern: /\bnew\s+Date\s*\(/, why: 'use the simulated clock (sim.now)' },
  { pattern: /\bperformance\s*\.\s*now\b/, why: 'use the simulated clock (sim.now)' },
];

function sourceFiles(folder: string): string[] {
  const absolute = path.join(ROOT, folder);
  let entries: string[];
  try {
    entries = readdirSync(absolute);
  } catch {
    return [];
  }
  return entries.sort().flatMap((name) => {
    const file = path.join(absolute, name);
    if (statSync(file).isDirectory()) return sourceFiles(path.join(folder, name));
    return /\.(ts|js|mjs|cjs)$/.test(name) ? [file] : [];
  });
}

/**
 * Blanks out comments and the contents of string literals (keeping line breaks, so line numbers
 * stay right). Template literals keep their `${...}` code. Regular-expression literals are rare
 * in this code and are treated as code.
 */
function codeOnly(source: string): string {
  let out = '';
  let i = 0;
  const templateDepth: number[] = []; // brace depth at which each open `${` returns to its template
  let braces = 0;
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === '"' || c === "'" || c === '`' || (c === '}' && templateDepth.length > 0 && templateDepth[templateDepth.length - 1] === braces)) {
      // A string literal, or the rest of a template after a `${...}` closes.
      const quote = c === '}' ? '`' : c;
      if (c === '}') templateDepth.pop();
      out += c;
      i++;
      let content = '';
      while (i < source.length && source[i] !== quote) {
        if (source[i] === '\\') {
          content += source.slice(i, i + 2);
          i += 2;
          continue;
        }
        if (quote === '`' && source[i] === '$' && source[i + 1] === '{') break;
        if (quote !== '`' && source[i] === '\n') break;
        content += source[i];
        i++;
      }
      out += blank(content);
      if (quote === '`' && source[i] === '$') {
        out += '${';
        i += 2;
        templateDepth.push(braces);
      } else if (i < source.length) {
        out += source[i];
        i++;
      }
    } else {
      if (c === '{') braces++;
      else if (c === '}') braces--;
      out += c;
      i++;
    }
  }
  return out;
}

function violations(file: string): string[] {
  const lines = codeOnly(readFileSync(file, 'utf8')).split('\n');
  const found: string[] = [];
  lines.forEach((line, index) => {
    for (const { pattern, why } of FORBIDDEN) {
      const match = pattern.exec(line);
      if (match) found.push(`${path.relative(ROOT, file)}:${index + 1}: ${match[0]} (${why})`);
    }
  });
  return found;
}

describe('determinism lint', () => {
  it('src/engine and src/models use no Math.random, Date.now, new Date( or performance.now', () => {
    const files = CHECKED_FOLDERS.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap(violations)).toEqual([]);
  });

  it('catches each forbidden call in code, and ignores comments and strings', () => {
    const code = [
      'const a = Math.random();',
      'const b = Date.now();',
      'const c = new Date(0);',
      'const d = performance.now();',
      '// Math.random() in a comment is fine',
      '/* Date.now() in a block comment',
      '   spanning lines, new Date() */',
      "const e = 'never use Math.random()';",
      'const f = `performance.now() ${x} text`;',
      'const g = `${Math.random()}`;',
    ].join('\n');
    const hits = codeOnly(code)
      .split('\n')
      .map((line, i) => (FORBIDDEN.some(({ pattern }) => pattern.test(line)) ? i + 1 : 0))
      .filter((n) => n > 0);
    expect(hits).toEqual([1, 2, 3, 4, 10]);
  });
});
