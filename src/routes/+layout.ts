// The whole app is a static site: every page is prerendered, nothing runs on a server.
export const prerender = true;
export const ssr = true;
export const trailingSlash = 'never';
