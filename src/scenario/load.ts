import { readRegularFile } from '../files/read-regular-file.ts';
import { LineCounter, parseDocument, Scalar, YAMLMap, YAMLSeq, isNode, type Document, type ParsedNode } from 'yaml';
import type { Scenario } from './schema.ts';
import { validateScenario } from './validate.ts';
import { ScenarioError, type PathProblem, type Problem } from './problem.ts';
import { FILE } from './messages.ts';
import type { Override } from './override.ts';

export type { Override } from './override.ts';

/**
 * A top-level `sweep:` section (src/sweep/sweep-file.ts) is not part of the scenario: the scenario
 * is read without it, so a sweep file is also a scenario (its base point).
 */
export const SWEEP_KEY = 'sweep';

const labelOf = (o: Override) => o.label ?? `--set ${o.path}=${o.value}`;

export interface LoadOptions {
  /** Called with each warning of a valid scenario (an invalid one throws, warnings included). */
  onWarning?: (warning: Problem) => void;
  /** Called when the file has a `sweep:` section, which the scenario leaves out. */
  onSweepSection?: () => void;
}

/** A scenario file parsed as YAML, with what it takes to point at a line and column in it. */
export interface ScenarioSource {
  file: string;
  doc: Document;
  lines: LineCounter;
}

/** Reads, validates and fills in the defaults of a scenario file; throws ScenarioError with every problem. */
export function loadScenarioFile(file: string, overrides: Override[] = [], options: LoadOptions = {}): Scenario {
  return parseScenario(readScenarioText(file), file, overrides, options);
}

/** The text of a scenario (or sweep) file; throws ScenarioError, at the place it names, when it cannot be used. */
export function readScenarioText(file: string): string {
  const read = readCheckedText(file);
  if ('problem' in read) throw new ScenarioError([{ file, line: read.line ?? 1, col: read.col ?? 1, path: '', message: read.problem }]);
  return read.text;
}

/** Largest scenario file: the largest scenario in scenarios/ is a few KB; a timeline of 10,000 entries fits in 1 MB. */
export const MAX_SCENARIO_BYTES = 10 * 1000 * 1000;

/**
 * The text of a scenario file: a regular file (not a device such as /dev/zero, nor a FIFO, which is
 * opened without waiting for a writer), at most MAX_SCENARIO_BYTES, in valid UTF-8.
 */
function readCheckedText(file: string): { text: string } | { problem: string; line?: number; col?: number } {
  const read = readRegularFile(file, MAX_SCENARIO_BYTES);
  if ('bytes' in read) return decodeUtf8(read.bytes);
  switch (read.problem) {
    case 'not-found':
      return { problem: FILE.unreadable('no such file') };
    case 'folder':
      return { problem: FILE.unreadable('it is a folder') };
    case 'not-regular':
      return { problem: FILE.notRegular };
    case 'too-large':
      return { problem: FILE.tooLarge(read.size, MAX_SCENARIO_BYTES) };
    default:
      return { problem: FILE.unreadable(read.reason) };
  }
}

/** UTF-8 text, or where the first byte that is not UTF-8 is (line and column of the valid text before it). */
function decodeUtf8(bytes: Buffer): { text: string } | { problem: string; line: number; col: number } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    let end = 0;
    for (;;) {
      const next = nextUtf8End(bytes, end);
      if (next === undefined) break;
      end = next;
    }
    const before = bytes.subarray(0, end).toString('utf8').split('\n');
    return { problem: FILE.notUtf8(end), line: before.length, col: before[before.length - 1].length + 1 };
  }
}

/** The end of the valid UTF-8 character starting at `i`, or undefined if it is not one (RFC 3629 §4). */
function nextUtf8End(bytes: Buffer, i: number): number | undefined {
  if (i >= bytes.length) return undefined;
  const b = bytes[i];
  if (b < 0x80) return i + 1;
  const length = b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
  if (length === 0 || i + length > bytes.length) return undefined;
  // The second byte's range excludes overlong forms, surrogates and code points above U+10FFFF.
  const second = bytes[i + 1];
  const [low, high] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
  if (second < low || second > high) return undefined;
  for (let k = 2; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return undefined;
  return i + length;
}

/** Validates scenario text (YAML, or JSON, which is YAML too); `file` is only used in messages. */
export function parseScenario(text: string, file: string, overrides: Override[] = [], options: LoadOptions = {}): Scenario {
  return resolveScenario(parseScenarioSource(text, file), overrides, options);
}

/** Parses the YAML of a scenario file; throws ScenarioError on a syntax error or a file that is not a mapping. */
export function parseScenarioSource(text: string, file: string): ScenarioSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map((e) => ({
        file,
        line: e.linePos?.[0].line ?? 1,
        col: e.linePos?.[0].col ?? 1,
        path: '',
        message: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
      })),
    );
  }
  if (!(doc.contents instanceof YAMLMap)) throw new ScenarioError([{ file, line: 1, col: 1, path: '', message: FILE.notAMapping }]);
  return { file, doc, lines };
}

/** The scenario of a parsed file with the overrides applied, validated and with its defaults filled in. */
export function resolveScenario(source: ScenarioSource, overrides: Override[] = [], options: LoadOptions = {}): Scenario {
  const { doc, lines, file } = source;
  // Overrides change a copy; positions are looked up in the file as written.
  const target = doc.clone();
  if (target.has(SWEEP_KEY)) {
    target.delete(SWEEP_KEY);
    options.onSweepSection?.();
  }
  const overrideProblems: Problem[] = [];
  for (const o of overrides) {
    const problem = applyOverride(target, o);
    if (problem) overrideProblems.push(locateProblem(doc, lines, file, overrides, { path: problem.path, message: problem.message }, o));
  }

  const plain = toPlain(target);
  if (!plain.ok) throw new ScenarioError([...overrideProblems, { file, line: 1, col: 1, path: '', message: FILE.aliases(plain.reason) }]);
  const raw = plain.data;
  const { scenario, problems } = validateScenario(raw);
  const located = sortProblems([...overrideProblems, ...problems.map((p) => locateProblem(doc, lines, file, overrides, p))]);
  if (!scenario || overrideProblems.length > 0) throw new ScenarioError(located);
  for (const warning of located) options.onWarning?.(warning);
  return scenario;
}

/** A problem with a part of the file that is not the scenario (e.g. its `sweep:` section), at its line and column. */
export function locateInSource(source: ScenarioSource, p: PathProblem): Problem {
  return locateProblem(source.doc, source.lines, source.file, [], p);
}

/** The node at a path of the file as written (a YAML node, with its range), or undefined. */
export function nodeAt(source: ScenarioSource, path: readonly (string | number)[]): unknown {
  return getIn(source.doc, path);
}

/**
 * Plain data of a YAML document. An alias expands to a copy of its anchor's value: past 100 expansions
 * (yaml's resource-exhaustion guard, e.g. a "billion laughs" file) or with no anchor, it is a problem.
 */
function toPlain(doc: Document): { ok: true; data: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    if (error instanceof ReferenceError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** In file order (line, then column); problems at the same place keep the order they were found in. */
function sortProblems(problems: Problem[]): Problem[] {
  return problems.map((p, i) => ({ p, i })).sort((a, b) => a.p.line - b.p.line || a.p.col - b.p.col || a.i - b.i).map(({ p }) => p);
}

function locateProblem(doc: Document, lines: LineCounter, file: string, overrides: Override[], p: PathProblem, from?: Override): Problem {
  const path = [...p.path];
  const override = from ?? [...overrides].reverse().find((o) => comesFrom(doc, path, splitPath(o.path)));
  const at = (override ? findPosition(doc, lines, override.at ?? splitPath(override.path), false) : findPosition(doc, lines, path, p.atKey ?? false)) ?? { line: 1, col: 1 };
  const message = override ? `${p.message} ${FILE.fromOverride(labelOf(override))}` : p.message;
  return { file, line: at.line, col: at.col, path: path.join('.'), message, ...(p.severity ? { severity: p.severity } : {}), ...(p.suggestion ? { suggestion: p.suggestion } : {}) };
}

/**
 * Whether a problem at `path` concerns what the override set: the path lies under the override's,
 * or leads to it through keys the override created (an unknown key made by a misspelt --set path).
 */
function comesFrom(doc: Document, path: (string | number)[], overridePath: (string | number)[]): boolean {
  const same = (n: number) => path.slice(0, n).every((part, i) => String(part) === String(overridePath[i]));
  if (path.length >= overridePath.length) return same(overridePath.length);
  return path.length > 0 && same(path.length) && getIn(doc, path) === undefined;
}

/** Dotted path to keys; a part made of digits is a list index only where the file has a list. */
function splitPath(path: string): (string | number)[] {
  return path.split('.');
}

/** Sets the override in the document; returns the problem if the path cannot be set. */
function applyOverride(doc: Document, o: Override): PathProblem | undefined {
  const parts = splitPath(o.path);
  const valueDoc = parseDocument(o.value);
  if (valueDoc.errors.length > 0) return { path: parts, message: FILE.overrideValue(valueDoc.errors[0].message.split('\n')[0]) };

  // Walk the existing part of the path: lists take indexes, single values cannot hold keys.
  const keys: (string | number)[] = [];
  let node: unknown = doc.contents;
  for (const part of parts) {
    const at = keys.join('.') || '(the file)';
    if (node instanceof YAMLSeq) {
      if (!/^\d+$/.test(String(part))) return { path: parts, message: FILE.overrideKeyNotIndex(at, String(part)) };
      const index = Number(part);
      if (index > node.items.length) return { path: parts, message: FILE.overrideIndex(at, node.items.length) };
      keys.push(index);
      node = node.items[index];
    } else if (node instanceof YAMLMap) {
      keys.push(part);
      node = node.get(part, true);
    } else if (node === undefined || node === null) {
      keys.push(part); // new keys: setIn creates the mappings
    } else {
      return { path: parts, message: FILE.overrideThroughValue(at) };
    }
  }
  const value = toPlain(valueDoc);
  if (!value.ok) return { path: parts, message: FILE.overrideValue(value.reason) };
  doc.setIn(keys, doc.createNode(value.data));
  return undefined;
}

/** Line and column of a value (or of its key, for unknown or missing keys), else of the nearest ancestor. */
function findPosition(doc: Document, lines: LineCounter, path: readonly (string | number)[], atKey: boolean) {
  if (!atKey) {
    const node = getIn(doc, path);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]);
  }
  for (let n = path.length; n > 0; n--) {
    const parent = n === 1 ? doc.contents : getIn(doc, path.slice(0, n - 1));
    const key = path[n - 1];
    // A missing key: point at the mapping that lacks it.
    if (n === path.length && !atKey && parent instanceof YAMLMap && parent.range && getIn(doc, path) === undefined) return lines.linePos(parent.range[0]);
    if (parent instanceof YAMLMap) {
      const pair = parent.items.find((p) => p.key instanceof Scalar && String(p.key.value) === String(key));
      if (pair?.key instanceof Scalar && pair.key.range) return lines.linePos(pair.key.range[0]);
    }
    if (parent instanceof YAMLSeq && /^\d+$/.test(String(key))) {
      const item = parent.items[Number(key)];
      if (isNode(item) && item.range) return lines.linePos(item.range[0]);
    }
  }
  return undefined;
}

/** doc.getIn, reading digit parts as indexes where the node is a list. */
function getIn(doc: Document, path: readonly (string | number)[]): unknown {
  let node: unknown = doc.contents;
  for (const part of path) {
    if (node instanceof YAMLSeq) node = /^\d+$/.test(String(part)) ? node.items[Number(part)] : undefined;
    else if (node instanceof YAMLMap) node = node.get(String(part), true) ?? node.get(part, true);
    else return undefined;
  }
  return node as ParsedNode | undefined;
}
