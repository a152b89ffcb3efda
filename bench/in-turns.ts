// Two servers loaded in turn, for the figures that compare two servers: claimtrail against the bare
// baseline (req/s), and one corpus size against another (p50, the "cost flat as the corpus grows"
// target). A shared VM's speed drifts by more than the margins being judged over the minutes between
// two scenario runs, even within a minute; loading the two in alternation, the first one first and then
// second (ABBA...), makes a drift slow both alike, and the median of the rounds' quotients is the figure.
import { load, settle, turnSeconds, type LoadResult, type LoadSettings } from './measure.js';
import type { Scenario } from './scenarios.js';
import { serverEnv, startServer, type Server } from './servers.js';

export const SETTLE_MAX_MS = 300_000;

/** A server and the requests it is loaded with (a scenario's paths, chosen per corpus). */
export interface Side { server: Server; paths: string[] }

export interface TurnSettings extends LoadSettings { rounds: number }

/** `rounds` rounds of `seconds` on each side, A first in even rounds and B first in odd ones: [A, B] per round. */
export async function inTurns(a: Side, b: Side, settings: TurnSettings, seconds: number): Promise<[LoadResult, LoadResult][]> {
  const turn = async ({ server, paths }: Side) => {
    const result = await load(server.url, paths, { ...settings, duration: seconds });
    await settle(server.url, SETTLE_MAX_MS);
    return result;
  };
  const rounds: [LoadResult, LoadResult][] = [];
  for (let i = 0; i < settings.rounds; i++) {
    if (i % 2 === 0) {
      const first = await turn(a);
      rounds.push([first, await turn(b)]);
    } else {
      const first = await turn(b);
      rounds.push([await turn(a), first]);
    }
  }
  return rounds;
}

/** The median of the finite values (NaN when there are none). */
export const median = (values: number[]) => {
  const sorted = values.filter(Number.isFinite).sort((x, y) => x - y);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** p50s of one scenario on the two corpora in one round. */
export interface FlatRound { smaller_p50: number; larger_p50: number }

export interface FlatInTurns {
  rounds: FlatRound[];
  /** The median of the rounds' larger / smaller p50; null when no round had responses on both sides. */
  ratio: number | null;
  /** False when a turn had a failed response or none at all. */
  ok: boolean;
  failure?: string;
}

/** Each server's turn when comparing corpus sizes: half the baseline's, since every scenario is compared, not two. */
export const flatTurnSeconds = (settings: Parameters<typeof turnSeconds>[0]) => turnSeconds(settings, 1);

const failures = (r: LoadResult) => r.non_2xx + r.errors + r.timeouts;

/** A scenario's rounds as stored: p50s, their median quotient, and what failed. */
export function flatRounds(turns: [LoadResult, LoadResult][]): FlatInTurns {
  const rounds = turns.map(([a, b]) => ({ smaller_p50: a.latency_ms.p50, larger_p50: b.latency_ms.p50 }));
  const ratio = median(rounds.map((r) => r.larger_p50 / r.smaller_p50));
  const loads = turns.flat();
  const failed = loads.reduce((n, r) => n + failures(r), 0);
  const problems = [
    failed > 0 && `${failed} failed responses`,
    loads.some((r) => r.requests === 0) && 'a turn without a response',
  ].filter((p): p is string => typeof p === 'string');
  return {
    rounds, ratio: Number.isFinite(ratio) ? Number(ratio.toFixed(3)) : null, ok: problems.length === 0 && Number.isFinite(ratio),
    ...(problems.length ? { failure: problems.join('; ') } : {}),
  };
}

/**
 * Every scenario both corpora have, on two fresh servers, each warmed up for the scenario and then
 * loaded in turn with the other; its p50 ratio is the median of the rounds' larger / smaller p50.
 */
export async function flatInTurns(
  smaller: { file: string; scenarios: Scenario[] }, larger: { file: string; scenarios: Scenario[] },
  settings: TurnSettings & { warmup: number },
): Promise<Record<string, FlatInTurns>> {
  const pairs = larger.scenarios.flatMap((l) => {
    const s = smaller.scenarios.find((x) => x.name === l.name);
    return s ? [[s, l] as const] : [];
  });
  const servers: Server[] = [];
  try {
    const small = await startServer('src/server.ts', serverEnv(smaller.file));
    servers.push(small);
    const large = await startServer('src/server.ts', serverEnv(larger.file));
    servers.push(large);
    const compared: Record<string, FlatInTurns> = {};
    for (const [s, l] of pairs) {
      for (const [server, paths] of [[small, s.paths], [large, l.paths]] as const) {
        if (settings.warmup > 0) await load(server.url, paths, { ...settings, duration: settings.warmup });
        await settle(server.url, SETTLE_MAX_MS);
      }
      const turns = await inTurns({ server: small, paths: s.paths }, { server: large, paths: l.paths }, settings, flatTurnSeconds(settings));
      const flat = compared[l.name] = flatRounds(turns);
      console.error(`  ${`${l.name} in turns`.padEnd(24)} ${flat.rounds.map((r) => (r.larger_p50 / r.smaller_p50).toFixed(2)).join(', ')}` +
        ` -> ${flat.ratio?.toFixed(2) ?? 'n/a'}x${flat.failure ? `  FAILED: ${flat.failure}` : ''}`);
    }
    return compared;
  } finally {
    for (const server of servers) await server.stop();
  }
}
