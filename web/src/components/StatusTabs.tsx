import { href } from '../router';

/**
 * Tabs that filter a list by status, kept in the address (`?show=`) so Back and a shared link
 * return to the same view; the first view is the default and has no parameter.
 */
export function StatusTabs<View extends string>({
  label,
  path,
  views,
  current,
}: {
  label: string;
  path: string;
  views: Record<View, { tab: string }>;
  current: View;
}) {
  const keys = Object.keys(views) as View[];
  return (
    <nav aria-label={label} className="tabs">
      <ul>
        {keys.map((key) => (
          <li key={key}>
            <a
              href={href(path, { show: key === keys[0] ? undefined : key })}
              aria-current={key === current ? 'page' : undefined}
            >
              {views[key].tab}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
