import { explainMatch, rankNeedsForTechnology, rankTechnologiesForNeed, scoreFraction, weightedFactors, type NeedProfile, type TechnologyProfile } from '../../src/domain';

const clusters: Record<string, string> = { 'CN-BJ': 'JJJ', 'CN-TJ': 'JJJ', 'CN-HE': 'JJJ', 'CN-GD': 'GBA', 'CN-SC': 'CY' };
const clusterOf = (r: string) => clusters[r];

const need: NeedProfile = {
  demandId: 'need-tj-battery',
  field: 'new-energy',
  keywords: ['solid-state battery', 'electrolyte', 'fast charging'],
  minTrl: 7,
  acceptableModes: ['license', 'transfer'],
  region: 'CN-TJ',
};

// The obvious best is the Beijing solid-state battery at TRL 8 offered for licence.
const catalogue: TechnologyProfile[] = [
  { technologyId: 'tech-gd-wrong-field', field: 'biomedicine', keywords: ['electrolyte', 'fast charging'], trl: 9, transferModes: ['license'], region: 'CN-GD' },
  { technologyId: 'tech-tj-low-trl', field: 'new-energy', keywords: ['solid-state battery', 'electrolyte'], trl: 4, transferModes: ['license'], region: 'CN-TJ' },
  { technologyId: 'tech-bj-best', field: 'new-energy', keywords: ['Solid-State Battery', 'electrolyte', 'fast charging', 'anode'], trl: 8, transferModes: ['license', 'equity-in-kind'], region: 'CN-BJ' },
  { technologyId: 'tech-sc-wrong-mode', field: 'new-energy', keywords: ['solid-state battery', 'electrolyte', 'fast charging'], trl: 8, transferModes: ['co-development'], region: 'CN-SC' },
  { technologyId: 'tech-he-unrelated', field: 'new-energy', keywords: ['wind turbine'], trl: 9, transferModes: ['transfer'], region: 'CN-HE' },
];

describe('matching', () => {
  it('ranks the obvious best technology first and explains every factor', () => {
    const ranked = rankTechnologiesForNeed(need, catalogue, { clusterOf });
    expect(ranked.map((r) => r.candidate.technologyId)).toEqual(['tech-bj-best', 'tech-sc-wrong-mode', 'tech-tj-low-trl', 'tech-gd-wrong-field']);

    const best = ranked[0]!.explanation;
    expect(best.score).toBe(100);
    expect(best.factors.map((f) => [f.factor, f.points, f.max])).toEqual([
      ['field', 35, 35],
      ['keywords', 30, 30],
      ['trl', 20, 20],
      ['mode', 15, 15],
    ]);
    expect(best.commonKeywords).toEqual(['solid-state battery', 'electrolyte', 'fast charging']);
    expect(best.compatibleModes).toEqual(['license']);
    expect(best.factors.find((f) => f.factor === 'trl')!.reason).toBe('TRL 8 meets the required 7');
    expect(best.region).toEqual({
      need: 'CN-TJ',
      technology: 'CN-BJ',
      crossRegion: true,
      sameCluster: true,
      note: 'cross-region CN-BJ → CN-TJ within the JJJ cluster',
    });
  });

  it('explains the shortfalls of weaker candidates', () => {
    const lowTrl = explainMatch(need, catalogue[1]!, clusterOf);
    // field 35 + keywords round(30·2/3)=20 + trl 20−5·3=5 + mode 15
    expect(lowTrl.score).toBe(75);
    expect(lowTrl.factors.find((f) => f.factor === 'trl')!.reason).toBe('TRL 4 is 3 level(s) below the required 7');
    expect(lowTrl.region.crossRegion).toBe(false);

    const wrongMode = explainMatch(need, catalogue[3]!, clusterOf);
    expect(wrongMode.score).toBe(85);
    expect(wrongMode.factors.find((f) => f.factor === 'mode')!.reason).toBe(
      'offered as co-development; the enterprise accepts only license, transfer',
    );
    expect(wrongMode.region.note).toBe('cross-region CN-SC → CN-TJ');
  });

  it('never lets region change the score or filter a candidate out', () => {
    const far = { ...catalogue[2]!, technologyId: 'far', region: 'CN-GD' };
    const local = { ...catalogue[2]!, technologyId: 'local', region: 'CN-TJ' };
    expect(explainMatch(need, far, clusterOf).score).toBe(explainMatch(need, local, clusterOf).score);
    const ranked = rankTechnologiesForNeed(need, [local, far], { clusterOf });
    expect(ranked.map((r) => r.candidate.technologyId).sort()).toEqual(['far', 'local']);
  });

  it('drops a candidate without any common keyword even when its score passes the threshold', () => {
    const unrelated = explainMatch(need, catalogue[4]!, clusterOf);
    expect(unrelated.score).toBe(70);
    expect(unrelated.factors.find((f) => f.factor === 'keywords')!.reason).toBe('none of the 3 keywords in common');
    expect(rankTechnologiesForNeed(need, [catalogue[4]!], { clusterOf })).toEqual([]);
  });

  it('drops candidates under the threshold and honours the limit', () => {
    const ranked = rankTechnologiesForNeed(need, catalogue, { clusterOf, threshold: 80, limit: 1 });
    expect(ranked.map((r) => r.candidate.technologyId)).toEqual(['tech-bj-best']);
    // the wrong-field technology scores 0 + 20 + 20 + 15 = 55; a default threshold of 50 keeps it, 60 drops it
    expect(explainMatch(need, catalogue[0]!).score).toBe(55);
    expect(rankTechnologiesForNeed(need, [catalogue[0]!], { threshold: 60 })).toEqual([]);
  });

  it('renders the explanation as weighted factors in 0..1, region with weight 0', () => {
    const best = explainMatch(need, catalogue[2]!, clusterOf);
    const factors = weightedFactors(best);
    expect(factors.map((f) => [f.factor, f.weight, f.score])).toEqual([
      ['field', 0.35, 1],
      ['keywords', 0.3, 1],
      ['trl', 0.2, 1],
      ['mode', 0.15, 1],
      ['region', 0, 1],
    ]);
    expect(factors[4]!.detail).toContain('annotation only');
    expect(scoreFraction(explainMatch(need, catalogue[1]!, clusterOf))).toBe(0.75);
  });

  it('ranks needs for an arriving technology the same way', () => {
    const other: NeedProfile = { ...need, demandId: 'need-other', keywords: ['electrolyte'], acceptableModes: ['co-development'] };
    const ranked = rankNeedsForTechnology(catalogue[2]!, [other, need], { clusterOf });
    expect(ranked.map((r) => r.candidate.demandId)).toEqual(['need-tj-battery', 'need-other']);
  });
});
