// @ts-check
// How a demo says what went wrong: the message, and a link to its fix.

/**
 * The site's Troubleshooting page, found from this file's own URL so that it
 * works under any base path. A page, not a file to bundle: `@vite-ignore` tells
 * a Vite build (templates/vite) to leave it alone instead of warning.
 */
const TROUBLESHOOTING = new URL(/* @vite-ignore */ '../../troubleshooting/', import.meta.url);

/** A thrown value's message. @param {unknown} cause */
export function errorMessage(cause) {
  return cause instanceof Error ? cause.message : String(cause);
}

/** The path of a Troubleshooting section, e.g. `/troubleshooting/#anchor`. @param {string} anchor */
export function troubleshootingUrl(anchor) {
  const url = new URL(`#${anchor}`, TROUBLESHOOTING);
  return url.pathname + url.hash;
}

/**
 * Shows `message` in `element`, followed by "How to fix this" when the
 * Troubleshooting page has a section for it.
 * @param {HTMLElement} element @param {string} message @param {string} [anchor]
 */
export function showRunError(element, message, anchor) {
  element.textContent = message;
  if (!anchor) return;
  const link = document.createElement('a');
  link.href = troubleshootingUrl(anchor);
  link.textContent = 'How to fix this';
  element.append(' ', link);
}
