// Browsers and apps the demo's visitors use, with real user-agent strings. Safari (macOS + iOS)
// is about a third of traffic, as on a typical UK retail site.
import type { Random } from './random.js';

export interface Device {
  key: string;
  browser: 'Chrome' | 'Safari' | 'Firefox' | 'Edge' | 'App';
  isApp: boolean;
  weight: number;
  agents: readonly string[];
}

const CHROME = ['126.0.0.0', '127.0.0.0', '128.0.0.0', '129.0.0.0', '130.0.0.0'];
const SAFARI = ['17.5', '17.6', '18.0', '18.1'];
const IOS = ['17_5', '17_6', '18_0', '18_1'];
const FF = ['128.0', '130.0', '131.0'];

export const DEVICES: readonly Device[] = [
  {
    key: 'win-chrome',
    browser: 'Chrome',
    isApp: false,
    weight: 22,
    agents: CHROME.map(
      (v) =>
        `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v} Safari/537.36`,
    ),
  },
  {
    key: 'win-edge',
    browser: 'Edge',
    isApp: false,
    weight: 8,
    agents: CHROME.map(
      (v) =>
        `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v} Safari/537.36 Edg/${v.replace('.0.0.0', '.0.2592.87')}`,
    ),
  },
  {
    key: 'win-firefox',
    browser: 'Firefox',
    isApp: false,
    weight: 5,
    agents: FF.map(
      (v) => `Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:${v}) Gecko/20100101 Firefox/${v}`,
    ),
  },
  {
    key: 'mac-safari',
    browser: 'Safari',
    isApp: false,
    weight: 10,
    agents: SAFARI.map(
      (v) =>
        `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v} Safari/605.1.15`,
    ),
  },
  {
    key: 'mac-chrome',
    browser: 'Chrome',
    isApp: false,
    weight: 6,
    agents: CHROME.map(
      (v) =>
        `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v} Safari/537.36`,
    ),
  },
  {
    key: 'ios-safari',
    browser: 'Safari',
    isApp: false,
    weight: 22,
    agents: IOS.map(
      (v) =>
        `Mozilla/5.0 (iPhone; CPU iPhone OS ${v} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v.replace('_', '.')} Mobile/15E148 Safari/604.1`,
    ),
  },
  {
    key: 'android-chrome',
    browser: 'Chrome',
    isApp: false,
    weight: 15,
    agents: CHROME.map(
      (v) =>
        `Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v} Mobile Safari/537.36`,
    ),
  },
  {
    key: 'ios-app',
    browser: 'App',
    isApp: true,
    weight: 7,
    agents: [
      'NorthwindHome/5.2.1 CFNetwork/1496.0.7 Darwin/23.5.0',
      'NorthwindHome/5.3.0 CFNetwork/1498.700.2 Darwin/24.0.0',
    ],
  },
  {
    key: 'android-app',
    browser: 'App',
    isApp: true,
    weight: 5,
    agents: [
      'NorthwindHome/5.2.1 (Android 14; Pixel 7) okhttp/4.12.0',
      'NorthwindHome/5.3.0 (Android 14; SM-S911B) okhttp/4.12.0',
    ],
  },
];
const DEVICE_WEIGHTS = DEVICES.map((d) => d.weight);

export function pickDevice(rng: Random): number {
  return DEVICES.indexOf(rng.weighted(DEVICES, DEVICE_WEIGHTS));
}

export function deviceAt(index: number): Device {
  const d = DEVICES[index];
  if (!d) throw new RangeError(`no device ${index}`);
  return d;
}
