import { Children, type ReactNode } from 'react';

/**
 * A line of facts separated by "·" (outlet · date · byline · badges). Each separator sits at the
 * end of the item before it, outside any pill, so a wrapped line never starts with "·" and a
 * badge never holds a separator. Empty children (false, null) are skipped.
 */
export function MetaLine({
  as: Tag = 'p',
  className = '',
  children,
}: {
  as?: 'p' | 'span';
  className?: string;
  children: ReactNode;
}) {
  const items = Children.toArray(children);
  return (
    <Tag className={`meta ${className}`.trim()}>
      {items.map((item, i) => (
        <span className="meta-item" key={i}>
          {item}
          {i < items.length - 1 && (
            <span className="meta-sep" aria-hidden="true">
              ·
            </span>
          )}
        </span>
      ))}
    </Tag>
  );
}
