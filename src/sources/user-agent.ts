// User agent → browser / OS / device with ua-parser-js. Callers parse each distinct string once
// (there are few distinct agents among millions of events).
import { UAParser } from 'ua-parser-js';

export interface ParsedAgent {
  browser: string | null;
  browser_version: string | null;
  os: string | null;
  os_version: string | null;
  device_type: string;
}

/** Mobile Safari and Safari are one browser for analysis: the engine is the same. */
function browserFamily(name: string | undefined): string | null {
  if (!name) return null;
  if (name === 'Mobile Safari') return 'Safari';
  if (name === 'Mobile Chrome' || name === 'Chrome WebView' || name === 'Chrome Headless')
    return 'Chrome';
  if (name === 'Mobile Firefox') return 'Firefox';
  return name;
}

export function parseUserAgent(ua: string): ParsedAgent {
  const r = new UAParser(ua).getResult();
  return {
    browser: browserFamily(r.browser.name),
    browser_version: r.browser.major ?? null,
    os: r.os.name ?? null,
    os_version: r.os.version ?? null,
    device_type: r.device.type ?? 'desktop',
  };
}
