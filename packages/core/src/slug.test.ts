import { describe, expect, it } from 'vitest';
import { slugify } from './slug.ts';

describe('slugify', () => {
  it('folds accents, so spellings with and without them meet', () => {
    expect(slugify('José Ruiz')).toBe(slugify('Jose Ruiz'));
    expect(slugify('Benjamin Netanyahu')).toBe('benjamin-netanyahu');
  });

  it('keeps letters NFKD does not take apart', () => {
    expect(slugify('Łukasz Szumowski')).toBe('lukasz-szumowski');
    expect(slugify('Paweł Adamowicz')).toBe('pawel-adamowicz');
    expect(slugify('Øresund')).toBe('oresund');
    expect(slugify('Straße')).toBe('strasse');
  });

  it('gives a name without Latin letters a stable id of its own', () => {
    expect(slugify('Владимир Путин')).toMatch(/^[a-z0-9-]+$/);
    expect(slugify('Владимир Путин')).toBe(slugify('Владимир Путин'));
    expect(slugify('Владимир Путин')).not.toBe(slugify('Дмитрий Песков'));
  });
});
