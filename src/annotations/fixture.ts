// A small, valid annotation set used by the loader's tests: each test breaks one thing in it.
import type { SourceFile } from './resolve.js';

export const SAMPLE_REPORT = `Back To Top
Agency says 1,500 troops moved
Published: 1 Oct. 2024, 10:00
By Jane Roe
The agency said on Tuesday that about 1,500 troops moved to the port.
A spokesman denied it. The agency said it again.
A photo caption.
A photo caption.
You've read  of  free articles. Subscribe to continue.
Dear Reader, please pay.
`;

export function sampleFiles(): { catalog: Record<string, unknown>; report: Record<string, unknown> } {
  return {
    catalog: {
      entities: [
        { id: 'agency', kind: 'government_body', name: 'The agency', aliases: ['agency'], description: 'A spy agency.' },
        { id: 'port', kind: 'location', name: 'port', description: 'A port.' },
      ],
      topics: [{ id: 'troops', question: 'How many troops?', unit: 'troops' }],
      events: [{ id: 'move', kind: 'troop_transport', title: 'Troops move', start: '2024-09', locations: ['port'] }],
    },
    report: {
      article: {
        id: 'sample', file: 'sample.txt', title: 'Agency says 1,500 troops moved', publisher: 'Sample Daily',
        authors: ['Jane Roe'], published: { at: '2024-10-01T10:00+09:00', precision: 'minute' },
      },
      claims: [
        {
          id: 'agency-1500', quote: 'about 1,500 troops moved to the port', claimant: 'agency', text: 'About 1,500 troops moved.',
          stance: 'asserts', certainty: 'stated', claimed_on: '2024-09-30', topic: 'troops', events: ['move'],
          quantities: [{ value: 1500, unit: 'troops', approximate: true }], subjects: [{ entity: 'port', role: 'location' }],
        },
        {
          id: 'spokesman-denies', quote: 'denied it', claimant: null, text: 'A spokesman denied it.',
          stance: 'denies', certainty: 'stated', claimed_on: '2024-10',
        },
        {
          id: 'agency-again', quote: 'The agency said', prefix: 'denied it. ', claimant: 'agency', text: 'It said so again.',
          stance: 'asserts', certainty: 'stated', claimed_on: '2024',
        },
      ],
      relations: [{ from: 'agency-again', type: 'repeats', to: 'agency-1500' }],
    },
  };
}

export function asSourceFiles({ catalog, report }: ReturnType<typeof sampleFiles>): SourceFile[] {
  return [{ name: 'catalog.yaml', data: catalog }, { name: 'sample.yaml', data: report }];
}

export const readSample = (file: string) => (file === 'sample.txt' ? SAMPLE_REPORT : undefined);
