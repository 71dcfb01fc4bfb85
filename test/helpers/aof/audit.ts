import type { Command, Unit } from './resp.js';
import { around, isDistinctive, scan, type Scanned } from './text.js';

/**
 * The write-history audit (DESIGN §3): nobody holding Redis's append-only file or the logs, without
 * ANON_SECRET, may tie an anonymous act to the person who did it. It knows none of our key names: its
 * inputs are the people (every identifier Lark gives them), and per anonymous act the window of AOF
 * commands it wrote and the secrets it carried (an opinion's text, a receipt code).
 *
 * An act's specific tokens: the tokens of its content writes (the write units in its window that carry
 * one of its `content` markers; by default those that name nobody), minus every token also found in
 * another act's window, next to another actor, in the key of a command of its window that names its
 * actor (a message it sent them), among the act's `known` values (the event id that delivered it) or
 * among anyone's identifiers. Then no command and no log line may hold, anywhere in its text or in
 * the JSON inside it:
 *  (a) a specific token of an act together with an identifier of that act's actor;
 *  (b) a secret of an act together with an identifier of that act's actor;
 * and no content write (one holding a `content` marker) may name its actor.
 * What it cannot see: reads (they never reach the AOF or a replica), and a command that holds every
 * actor's token next to every actor (a token next to two actors is nobody's).
 */

export interface Person {
  /** How failures name them, e.g. "voter 3". */
  label: string;
  /** open_id, user_id, union_id, p2p chat_id, message ids of cards sent to them. */
  ids: Record<string, string | string[] | undefined>;
}

export interface Act {
  label: string;
  /** The `label` of the person who did it. */
  actor: string;
  /** Its window: the AOF commands with index in [from, to). */
  from: number;
  to: number;
  /** Values that must never sit next to the actor (opinion text, receipt code in every written form). */
  secrets?: string[];
  /**
   * Markers of its content writes (a ballot's chosen grades): a write unit of its window holding one is its
   * content, and must not name its actor. Default: the write units of its window that name nobody.
   */
  content?: string[];
  /** Values known to be the delivery's, not the act's (the event id, the callback token). */
  known?: string[];
}

export interface Finding {
  where: string;
  act: string;
  kind: 'specific token' | 'secret' | 'content';
  value: string;
  identity: string;
  context: string;
}

interface Line { where: string; scanned: Scanned }

export interface AuditInput { units: Unit[]; logs?: string[]; people: Person[]; acts: Act[] }

/** The findings, and per act the specific tokens it was judged by (a test checks the audit saw each act's writes). */
export interface Audit { findings: Finding[]; specific: Map<Act, Set<string>> }

export function auditWriteHistory(input: AuditInput): Finding[] {
  return analyseWriteHistory(input).findings;
}

export function analyseWriteHistory(input: AuditInput): Audit {
  const { units, people, acts } = input;
  const actors = new Set(acts.map((a) => a.actor));
  if (actors.size < 2) throw new Error('the audit needs anonymous acts by at least two people to tell what is specific to one');
  const idOwner = new Map<string, { person: string; kind: string }>();
  for (const p of people) {
    for (const [kind, v] of Object.entries(p.ids)) {
      for (const id of [v ?? []].flat()) if (id) idOwner.set(id, { person: p.label, kind });
    }
  }
  if (!idOwner.size) throw new Error('the audit needs the identifiers of the people');
  for (const a of acts) if (!people.some((p) => p.label === a.actor)) throw new Error(`act "${a.label}": unknown actor ${a.actor}`);

  const scannedUnits = units.map((u) => ({ unit: u, scanned: scan(u.commands.flat()) }));
  const lines: Line[] = [
    ...units.flatMap((u) => u.commands.map((c, i) => ({ where: describe(u, c, i), scanned: scan(c) }))),
    ...(input.logs ?? []).map((l, i) => ({ where: `log line ${i + 1}`, scanned: scan([l]) })),
  ];
  // Identifiers are found anywhere in the text (inside `x_ou_…_y` too), longest first.
  const idPattern = new RegExp([...idOwner.keys()].sort((x, y) => y.length - x.length).map(escapeRegExp).join('|'), 'g');
  const namesIn = (s: Scanned) => {
    const found = new Map<string, string[]>();
    for (const [t] of s.text.matchAll(idPattern)) {
      const o = idOwner.get(t)!;
      const seen = found.get(o.person) ?? [];
      if (!seen.includes(`${o.kind} ${t}`)) found.set(o.person, [...seen, `${o.kind} ${t}`]);
    }
    return found;
  };
  const named = lines.map((l) => ({ ...l, names: namesIn(l.scanned) }));
  const nearPerson = new Map<string, Set<string>>();
  for (const l of named) {
    for (const p of l.names.keys()) {
      const set = nearPerson.get(p) ?? new Set<string>();
      for (const t of l.scanned.tokens) set.add(t);
      nearPerson.set(p, set);
    }
  }
  const inWindow = (a: Act) => scannedUnits.filter((s) => s.unit.first >= a.from && s.unit.first < a.to);
  const windowTokens = new Map(acts.map((a) => {
    const set = new Set<string>();
    for (const s of inWindow(a)) for (const t of s.scanned.tokens) set.add(t);
    return [a, set] as const;
  }));

  const findings: Finding[] = [];
  const specificOf = new Map<Act, Set<string>>();
  for (const act of acts) {
    const window = inWindow(act);
    const markers = act.content ?? [];
    const content = window.filter((s) =>
      (markers.length ? markers.some((m) => s.scanned.text.includes(m)) : namesIn(s.scanned).size === 0));
    // The keys the act wrote about its actor (a job, a message record) are the delivery's, not its content.
    const ownKeys = new Set<string>();
    for (const s of window) {
      for (const c of s.unit.commands) if (namesIn(scan(c)).has(act.actor)) for (const t of scan([c[1] ?? '']).tokens) ownKeys.add(t);
    }
    const specific = new Set<string>();
    specificOf.set(act, specific);
    for (const s of content) {
      const names = namesIn(s.scanned);
      if (names.has(act.actor)) {
        const [marker] = markers.filter((m) => s.scanned.text.includes(m));
        findings.push({ where: `AOF write #${s.unit.first} (${s.unit.commands.length} command(s))`, act: act.label, kind: 'content',
          value: marker, identity: `${act.actor}'s ${names.get(act.actor)!.join(', ')}`, context: around(s.scanned.text, marker) });
        continue;
      }
      for (const t of s.scanned.tokens) {
        if (!isDistinctive(t) || idOwner.has(t) || ownKeys.has(t) || act.known?.includes(t)) continue;
        if (acts.some((o) => o !== act && windowTokens.get(o)!.has(t))) continue;
        if ([...actors].some((p) => p !== act.actor && nearPerson.get(p)?.has(t))) continue;
        specific.add(t);
      }
    }
    for (const l of named) {
      const ids = l.names.get(act.actor);
      if (!ids) continue;
      const identity = `${act.actor}'s ${ids.join(', ')}`;
      for (const t of specific) {
        if (l.scanned.text.includes(t)) {
          findings.push({ where: l.where, act: act.label, kind: 'specific token', value: t, identity, context: around(l.scanned.text, t) });
        }
      }
      for (const s of act.secrets ?? []) {
        if (s && l.scanned.text.includes(s)) {
          findings.push({ where: l.where, act: act.label, kind: 'secret', value: s, identity, context: around(l.scanned.text, s) });
        }
      }
    }
  }
  return { findings, specific: specificOf };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function describe(u: Unit, c: Command, i: number): string {
  const block = u.commands.length > 1 ? ` (command ${i + 1} of a MULTI/EXEC block of ${u.commands.length})` : '';
  return `AOF command #${u.first + (u.commands.length > 1 ? i + 1 : 0)} ${c[0]?.toUpperCase()} ${c[1] ?? ''}${block}`;
}

/** A readable report: which command or log line, which token or secret of which act, next to whose identifier. */
export function formatFindings(findings: Finding[], max = 20): string {
  const shown = findings.slice(0, max).map((f) =>
    `- ${f.where}: ${f.kind} ${JSON.stringify(f.value)} of "${f.act}" next to ${f.identity}\n    ${f.context}`);
  const more = findings.length > max ? [`… and ${findings.length - max} more`] : [];
  return [`${findings.length} link(s) between an anonymous act and its author:`, ...shown, ...more].join('\n');
}

/** Throws with the readable report when the history ties any act to its actor. */
export function assertNoLinks(input: AuditInput): void {
  const findings = auditWriteHistory(input);
  if (findings.length) throw new Error(formatFindings(findings));
}
