import { describe, expect, it } from 'vitest';
import { formatBucket, safeHttpUrl } from './format.ts';

describe('format', () => {
  it('makes only http(s) links clickable (an ingested javascript: URL is not)', () => {
    expect(safeHttpUrl('https://news.example.org/a?b=1')).toBe('https://news.example.org/a?b=1');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,<script>1</script>')).toBeNull();
    expect(safeHttpUrl('not a url')).toBeNull();
    expect(safeHttpUrl(null)).toBeNull();
  });

  it('labels year buckets as the year', () => {
    expect(formatBucket('2024')).toBe('2024');
  });
});
