import { html, type Html } from './html.js';

export const NAV = [
  { href: '/', label: 'Overview' },
  { href: '/registry', label: 'Registry' },
  { href: '/report', label: 'Report' },
] as const;

/** Every page's frame: skip link, navigation (current page marked), one stylesheet, no script. */
export function layout(title: string, body: Html, current?: string): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · followup</title>
<link rel="stylesheet" href="/dashboard/style.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top"><strong>followup</strong>
<nav aria-label="Dashboard"><ul>${NAV.map((n) => html`<li><a href="${n.href}"${n.href === current ? html` aria-current="page"` : ''}>${n.label}</a></li>`)}</ul></nav>
</header>
<main id="main">
${body}
</main>
</body>
</html>
`;
}
