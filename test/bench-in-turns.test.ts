// The rounds that load two servers in turn (bench/in-turns.ts), with the load itself stubbed: the order
// of the turns, which result is whose, and how a scenario's rounds become its ratio.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoadResult } from '../bench/measure.js';

const calls: string[] = [];
// Each call's p50 is its position in the sequence, so a result put on the wrong side shows.
vi.mock('../bench/measure.js', () => ({
  load: vi.fn(async (url: string) => {
    calls.push(url);
    return loadResult(calls.length);
  }),
  settle: vi.fn(async () => 0),
}));

const { flatRounds, inTurns, median } = await import('../bench/in-turns.js');

function loadResult(p50: number, extra: Partial<LoadResult> = {}): LoadResult {
  return {
    requests: 100, seconds: 1, req_per_s: 100, latency_ms: { p50, p90: p50, p99: p50, mean: p50, max: p50 },
    errors: 0, timeouts: 0, non_2xx: 0, status_codes: { 200: 100 }, bytes_per_response: 10, ...extra,
  };
}

const side = (url: string) => ({ server: { url, pid: 0, stop: async () => {} }, paths: ['/x'] });

describe('loading two servers in turn', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it('goes A B, B A, A B, B A and returns [A, B] for every round', async () => {
    const rounds = await inTurns(side('A'), side('B'), { connections: 1, duration: 1, rounds: 4 }, 1);
    expect(calls).toEqual(['A', 'B', 'B', 'A', 'A', 'B', 'B', 'A']);
    // A's turns were calls 1, 4, 5, 8; B's 2, 3, 6, 7.
    expect(rounds.map(([a, b]) => [a.latency_ms.p50, b.latency_ms.p50])).toEqual([[1, 2], [4, 3], [5, 6], [8, 7]]);
  });

  it('judges a scenario on the median of its rounds, and fails it on a failed or empty turn', () => {
    const round = (smaller: number, larger: number): [LoadResult, LoadResult] => [loadResult(smaller), loadResult(larger)];
    const rounds = [round(10, 11), round(10, 30), round(10, 12), round(10, 9)];
    expect(flatRounds(rounds)).toEqual({
      rounds: rounds.map(([a, b]) => ({ smaller_p50: a.latency_ms.p50, larger_p50: b.latency_ms.p50 })), ratio: 1.15, ok: true,
    });
    const failed = [...rounds, [loadResult(10), loadResult(10, { non_2xx: 2 })] as [LoadResult, LoadResult]];
    expect(flatRounds(failed)).toMatchObject({ ratio: 1.1, ok: false, failure: '2 failed responses' });
    const empty = [...rounds, [loadResult(10), loadResult(NaN, { requests: 0 })] as [LoadResult, LoadResult]];
    expect(flatRounds(empty)).toMatchObject({ ratio: 1.15, ok: false, failure: 'a turn without a response' });
    expect(flatRounds([[loadResult(NaN, { requests: 0 }), loadResult(5)]])).toMatchObject({ ratio: null, ok: false });
  });

  it('takes the median of the finite quotients only', () => {
    expect(median([1.3, NaN, 1.1, 1.2])).toBe(1.2);
    expect(median([NaN, 1.1, 1.2, 1.3, Infinity])).toBeCloseTo(1.2);
    expect(median([NaN])).toBeNaN();
  });
});
