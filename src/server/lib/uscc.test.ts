import { describe, expect, it } from 'vitest';
import { checkUscc, isValidOrgCode, makeUscc, orgCodeCheck, usccCheck } from './uscc';

describe('USCC (GB 32100) and organisation code (GB 11714)', () => {
  // DOMAIN.md §4.4: synthetic Chenzhou vectors that pass both checks.
  it.each([
    ['914310004652594268', '431000', '企业'],
    ['914310037798572934', '431003', '企业'],
    ['91431081525641417G', '431081', '企业'],
    ['914310001000004460', '431000', '企业'],
    ['9243100210000042XY', '431002', '个体工商户'],
  ])('%s passes both checks, region %s, category %s', (code, region, category) => {
    expect(checkUscc(code)).toEqual({
      code,
      shapeOk: true,
      orgCheckOk: true,
      usccCheckOk: true,
      regionCode: region,
      departmentName: '工商',
      categoryName: category,
    });
  });

  it('hand-worked: 914310001000004460 has USCC check 0 (sum ≡ 0 mod 31)', () => {
    // 9·1 + 1·3 + 4·9 + 3·27 + 1·19 + 0·26 + 0·16 + 0·17 + 1·20 + 0·29 + 0·25 + 0·13 + 0·8
    //   + 0·24 + 4·10 + 4·30 + 6·28 = 9+3+36+81+19+20+40+120+168 = 496 = 16·31 → check 0
    expect(usccCheck('91431000100000446')).toBe('0');
  });

  it.each([
    ['100000040', true], // r = 11 → '0'
    ['10000018X', true], // r = 10 → 'X'
    ['100000041', false],
    ['10000018A', false], // the Rockyzsu bug would accept this
    ['1000001', false],
  ])('organisation code %s → %s', (code, ok) => {
    expect(isValidOrgCode(code)).toBe(ok);
  });

  it('hand-worked organisation check: 10000018 → X', () => {
    // 1·3 + 0·7 + 0·9 + 0·10 + 0·5 + 0·8 + 1·4 + 8·2 = 23; 11 − 23 mod 11 = 11 − 1 = 10 → X
    expect(orgCodeCheck('10000018')).toBe('X');
  });

  it.each([
    ['91431000465259426', 'too short'],
    ['9143100046525942688', 'too long'],
    ['91431000465259426I', 'letter I is not in the set'],
    ['91A31000465259426X', 'region must be digits'],
    ['', 'empty'],
  ])('rejects the shape of %s (%s)', (code) => {
    expect(checkUscc(code)).toMatchObject({ shapeOk: false, orgCheckOk: false, usccCheckOk: false, regionCode: null });
  });

  it('tells which check fails', () => {
    expect(checkUscc('914310004652594269')).toMatchObject({ shapeOk: true, orgCheckOk: true, usccCheckOk: false });
    // Organisation code check broken (position 17), USCC check recomputed so only that fails.
    const first17 = '91431000465259425';
    const code = first17 + usccCheck(first17);
    expect(checkUscc(code)).toMatchObject({ shapeOk: true, orgCheckOk: false, usccCheckOk: true });
  });

  it('accepts lower case and spaces around, reporting the normalised code', () => {
    expect(checkUscc(' 91431081525641417g ')).toMatchObject({ code: '91431081525641417G', usccCheckOk: true });
  });

  it('makeUscc builds codes that pass both checks', () => {
    for (const body of ['46525942', '10000018', 'MA4L0001', '0A1B2C3D']) {
      const c = checkUscc(makeUscc('91', '431021', body));
      expect(c).toMatchObject({ shapeOk: true, orgCheckOk: true, usccCheckOk: true, regionCode: '431021' });
    }
  });
});
