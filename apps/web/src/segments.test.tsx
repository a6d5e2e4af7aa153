import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Highlighted } from './segments.tsx';

afterEach(cleanup);

describe('Highlighted', () => {
  it('marks matched segments with <mark> and keeps the rest as text', () => {
    const { container } = render(
      <p>
        <Highlighted
          segments={[
            { text: 'The ', match: false },
            { text: 'ceasefire', match: true },
            { text: ' holds', match: false },
          ]}
        />
      </p>,
    );
    expect(container.textContent).toBe('The ceasefire holds');
    const marks = container.querySelectorAll('mark');
    expect(marks).toHaveLength(1);
    expect(marks[0]!.textContent).toBe('ceasefire');
  });

  it('shows markup inside a segment as text, never as elements', () => {
    const hostile = '<script>window.pwned = 1</script><img src=x onerror="window.pwned=2">';
    const { container } = render(
      <p>
        <Highlighted
          segments={[
            { text: hostile, match: false },
            { text: '<b>bold</b>', match: true },
          ]}
        />
      </p>,
    );
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe(`${hostile}<b>bold</b>`);
    expect(container.querySelector('mark')!.textContent).toBe('<b>bold</b>');
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });
});
