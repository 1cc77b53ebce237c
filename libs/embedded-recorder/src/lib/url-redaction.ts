/** The page URL as logs may show it: origin and path, never the query (it carries the recorder's token). */
export function urlForLogs(pageUrl: string): string {
  try {
    const url = new URL(pageUrl);
    return `${url.origin}${url.pathname}`;
  } catch {
    return '(an invalid URL)';
  }
}

/**
 * `text` (an error message, a reason) with the page URL's query taken out: the full URL becomes its origin and
 * path, and every query value of it (the token above all) is replaced wherever it appears.
 */
export function redactUrls(text: string, pageUrl: string): string {
  let redacted = text.split(pageUrl).join(urlForLogs(pageUrl));
  try {
    for (const value of new URL(pageUrl).searchParams.values()) {
      // Short values (a layout name) are not secrets and would blank out ordinary words.
      if (value.length >= 16) redacted = redacted.split(value).join('[redacted]').split(encodeURIComponent(value)).join('[redacted]');
    }
  } catch {
    // Not a URL: nothing more to take out.
  }
  return redacted.replace(/([?&](?:token|access_token)=)[^&\s"']+/gi, '$1[redacted]');
}
