import { BASE57_ALPHABET, newId } from './ids';

describe('newId', () => {
  it('is the prefix plus 12 base57 characters, and unique', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const id = newId('EG_');
      expect(id).toMatch(/^EG_[2-9A-HJ-NP-Za-km-z]{12}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(1000);
    expect(BASE57_ALPHABET).toHaveLength(57);
  });
});
