import { stageOf, trlAfterValidation } from '../../src/domain';

describe('stage derived from TRL', () => {
  it.each([
    [1, 'research'],
    [3, 'research'],
    [4, 'development'],
    [6, 'development'],
    [7, 'commercialization'],
    [8, 'commercialization'],
    [9, 'industrialization'],
  ])('TRL %i is %s', (trl, stage) => {
    expect(stageOf(trl)).toBe(stage);
  });

  it.each([0, 10, 4.5, Number.NaN])('refuses %p', (trl) => {
    expect(() => stageOf(trl)).toThrow(RangeError);
  });
});

describe('TRL after a validation result', () => {
  it('a passed PoC raises to at least 4', () => {
    expect(trlAfterValidation(2, 'poc', true)).toBe(4);
  });
  it('a passed PoC honours a certified level inside development', () => {
    expect(trlAfterValidation(2, 'poc', true, 5)).toBe(5);
  });
  it('a PoC cannot certify past development', () => {
    expect(trlAfterValidation(3, 'poc', true, 8)).toBe(6);
  });
  it('a certified level below the floor still gives the floor', () => {
    expect(trlAfterValidation(1, 'poc', true, 2)).toBe(4);
  });
  it('a passed pilot raises to at least 7', () => {
    expect(trlAfterValidation(4, 'pilot', true)).toBe(7);
  });
  it('a pilot may certify industrialization but never beyond 9', () => {
    expect(trlAfterValidation(7, 'pilot', true, 9)).toBe(9);
    expect(trlAfterValidation(9, 'pilot', true, 9)).toBe(9);
  });
  it('never lowers the TRL', () => {
    expect(trlAfterValidation(8, 'poc', true)).toBe(8);
    expect(trlAfterValidation(9, 'pilot', true, 7)).toBe(9);
  });
  it('a failed validation changes nothing', () => {
    expect(trlAfterValidation(2, 'poc', false, 6)).toBe(2);
    expect(trlAfterValidation(5, 'pilot', false)).toBe(5);
  });
});
