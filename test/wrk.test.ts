// The wrk load path of the benchmark (`npm run bench -- --tool wrk`): its summary read into the same
// numbers autocannon's run gives. The text is what wrk 4.1 printed for a real run.
import { describe, expect, it } from 'vitest';
import { parseWrk } from '../bench/wrk.js';

const SUMMARY = `Running 1s test @ http://127.0.0.1:8765/
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.18ms    2.14ms    1.58s   61.73%
    Req/Sec   475.40    133.49   800.00     90.00%
  Latency Distribution
     50%  457.00us
     75%    5.53ms
     90%    6.74ms
     99%   10.15ms
  474 requests in 1.00s, 3.63MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:    473.86
Transfer/sec:      3.63MB
`;

describe('parseWrk', () => {
  it('reads the percentiles in their units, the rate, errors, non-2xx and bytes per response', () => {
    expect(parseWrk(SUMMARY)).toEqual({
      requests: 474, seconds: 1, req_per_s: 473.86,
      latency_ms: { p50: 0.457, p90: 6.74, p99: 10.15, mean: 4.18, max: 1580 },
      errors: 1, timeouts: 2, non_2xx: 4, status_codes: { '2xx': 470, other: 4 },
      bytes_per_response: Math.round((3.63 * 1024 ** 2) / 474),
    });
  });

  it('refuses output it cannot read instead of reporting zeros', () => {
    expect(() => parseWrk('unable to connect to 127.0.0.1:1 Connection refused')).toThrow(/wrk: no latency line/);
  });
});
