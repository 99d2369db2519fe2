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
    const clean = { failuresSince: 0, licences: 0, licencesInForce: 0, lists: [], grantedWithinBar: false };
    expect(eligibilityBlocks(clean)).toEqual([]);
    expect(eligibilityBlocks({ ...clean, failuresSince: 1, licences: 2, licencesInForce: 1 })).toEqual(['recent_failure']);
    expect(eligibilityBlocks({ ...clean, licences: 2, licencesInForce: 0 })).toEqual(['licence_lapsed']);
    expect(eligibilityBlocks({ ...clean, failuresSince: 2, licences: 1, licencesInForce: 0 })).toEqual([
      'recent_failure',
      'licence_lapsed',
    ]);
  });

  it('blocks an enterprise on a credit list, and a winner within the re-application bar', () => {
    const clean = { failuresSince: 0, licences: 1, licencesInForce: 1, lists: [], grantedWithinBar: false };
    expect(eligibilityBlocks({ ...clean, lists: ['abnormal_operation'] })).toEqual(['abnormal_operation']);
    expect(eligibilityBlocks({ ...clean, lists: ['abnormal_operation', 'serious_dishonesty'] })).toEqual([
      'abnormal_operation',
      'serious_dishonesty',
    ]);
    expect(eligibilityBlocks({ ...clean, grantedWithinBar: true })).toEqual(['reapply_barred']);
    expect(eligibilityBlocks({ ...clean, failuresSince: 1, lists: ['serious_dishonesty'], grantedWithinBar: true })).toEqual([
      'recent_failure',
      'serious_dishonesty',
      'reapply_barred',
    ]);
  });
});
