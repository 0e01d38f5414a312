import { describe, expect, it } from 'vitest';
import { activeFilterCount, contactListSearch, normalizeFilters } from './contact-query';

describe('contact list query', () => {
  it('drops empty values and duplicates so equal filters make one cache key', () => {
    expect(
      normalizeFilters({ q: '  ', tag: ['vip', ' vip', ''], customField: ['industry:SaaS', 'bad', 'industry:SaaS'] }),
    ).toEqual({ tag: ['vip'], customField: ['industry:SaaS'] });
    expect(normalizeFilters({ scoreMin: 0, scoreMax: Number.NaN })).toEqual({ scoreMin: 0 });
  });

  it('repeats list keys, keeps the sort, and adds the cursor and page size', () => {
    const search = contactListSearch(
      { filters: { q: 'ada', tag: ['vip', 'beta'], scoreMin: 40, lifecycleStage: 'lead' }, sort: 'score:desc' },
      { cursor: 'abc', limit: 200 },
    );
    const params = new URLSearchParams(search);
    expect(params.getAll('tag')).toEqual(['vip', 'beta']);
    expect(params.get('q')).toBe('ada');
    expect(params.get('scoreMin')).toBe('40');
    expect(params.get('lifecycleStage')).toBe('lead');
    expect(params.get('sort')).toBe('score:desc');
    expect(params.get('cursor')).toBe('abc');
    expect(params.get('limit')).toBe('200');
    expect(
      new URLSearchParams(contactListSearch({ filters: {}, sort: 'createdAt:desc' }, { cursor: null })).has('cursor'),
    ).toBe(false);
  });

  it('counts a score range once and each tag and custom field', () => {
    expect(activeFilterCount({ scoreMin: 1, scoreMax: 9, tag: ['a', 'b'], customField: ['k:v'], q: 'x' })).toBe(5);
    expect(activeFilterCount({})).toBe(0);
  });
});
