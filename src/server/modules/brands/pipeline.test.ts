import { describe, expect, it } from 'vitest';
import { eligibilityBlocks, nextStages, STAGES } from './pipeline';

describe('the cultivation pipeline', () => {
  it('each stage leads to the next; 落选 is possible from 申报 to 公示; 认定 and 落选 end it', () => {
    expect(Object.fromEntries(STAGES.map((s) => [s, nextStages(s)]))).toEqual({
      candidate: ['cultivating'],
      cultivating: ['applied'],
      applied: ['recommended', 'rejected'],
      recommended: ['reviewing', 'rejected'],
      reviewing: ['publicised', 'rejected'],
      publicised: ['granted', 'rejected'],
      granted: [],
      rejected: [],
    });
  });

  it('blocks an enterprise with a recent failure, or with licences none of which is in force', () => {
    expect(eligibilityBlocks({ failuresSince: 0, licences: 0, licencesInForce: 0 })).toEqual([]);
    expect(eligibilityBlocks({ failuresSince: 1, licences: 2, licencesInForce: 1 })).toEqual(['recent_failure']);
    expect(eligibilityBlocks({ failuresSince: 0, licences: 2, licencesInForce: 0 })).toEqual(['licence_lapsed']);
    expect(eligibilityBlocks({ failuresSince: 2, licences: 1, licencesInForce: 0 })).toEqual(['recent_failure', 'licence_lapsed']);
  });
});
