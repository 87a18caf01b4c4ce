import { describe, expect, it } from 'vitest';
import { NICKNAMES } from './nicknames.js';
import { normaliseFirstName, normaliseName } from './normalise-name.js';
import { soundex } from './phonetic-key.js';

describe('normaliseName', () => {
  it.each([
    ['  José   GARCÍA ', 'jose garcia'],
    ["O'Brien", 'o brien'],
    ['Müller-Lüdenscheidt', 'muller ludenscheidt'],
    ['Straße', 'strasse'],
    ['Søren', 'soren'],
    ['\tAnne\nMarie ', 'anne marie'],
    ['123', null],
    ['', null],
    [null, null],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseName(raw)).toBe(expected);
  });
});

describe('normaliseFirstName', () => {
  it.each([
    ['Bob', 'robert'],
    ['LIZ', 'elizabeth'],
    ['Bill', 'william'],
    ['Robert', 'robert'],
    ['Mary-Liz', 'mary elizabeth'],
    ['Zoë', 'zoe'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseFirstName(raw)).toBe(expected);
  });

  it('has about a hundred nickname pairs, all lower-case letters', () => {
    const entries = Object.entries(NICKNAMES);
    expect(entries.length).toBeGreaterThanOrEqual(100);
    for (const [nick, formal] of entries) {
      expect(nick).toMatch(/^[a-z]+$/);
      expect(formal).toMatch(/^[a-z]+$/);
    }
  });
});

describe('soundex', () => {
  it.each([
    ['Robert', 'R163'],
    ['Rupert', 'R163'],
    ['Rubin', 'R150'],
    ['Ashcraft', 'A261'],
    ['Ashcroft', 'A261'],
    ['Tymczak', 'T522'],
    ['Pfister', 'P236'],
    ['Honeyman', 'H555'],
    ['Lee', 'L000'],
    ["O'Brien", 'O165'],
  ])('%s → %s', (name, key) => {
    expect(soundex(name)).toBe(key);
  });

  it('is null without letters', () => {
    expect(soundex('')).toBeNull();
    expect(soundex('42')).toBeNull();
    expect(soundex(null)).toBeNull();
  });
});
