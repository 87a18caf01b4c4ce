import { describe, expect, it } from 'vitest';
import { normaliseScore, scoreSentiment, scoreTokens } from './sentiment.js';
import { tokenize } from './tokenize.js';

const sum = (text: string): number => scoreTokens(tokenize(text)).sum;

describe('scoreSentiment', () => {
  it('labels plain positive, negative and neutral texts', () => {
    expect(scoreSentiment('I love this blender, it works great').label).toBe('positive');
    expect(scoreSentiment('The parcel never arrived and support was rude').label).toBe('negative');
    expect(scoreSentiment('The order number is 1234').label).toBe('neutral');
  });

  it('known answer: "good" alone is 2.5 / sqrt(2.5² + 15)', () => {
    const r = scoreSentiment('good');
    expect(r.score).toBeCloseTo(2.5 / Math.sqrt(2.5 * 2.5 + 15), 10);
    expect(r).toMatchObject({ label: 'positive', language: 'en', scored: true });
  });

  it('negation flips within three words and stops at punctuation', () => {
    expect(sum('not nice')).toBeCloseTo(-0.75 * 2.5, 10);
    expect(sum('never very good')).toBeLessThan(0);
    expect(sum('not bad')).toBeGreaterThan(0);
    expect(sum("doesn't make me happy")).toBeLessThan(0);
    expect(sum('no, good')).toBeCloseTo(2.5, 10);
    expect(sum('not one of the good ones')).toBeGreaterThan(0); // "good" is 4 words after "not"
  });

  it('intensifiers raise and dampeners lower the magnitude', () => {
    expect(sum('very good')).toBeCloseTo(2.5 * 1.3, 10);
    expect(sum('slightly good')).toBeCloseTo(2.5 * 0.5, 10);
    expect(Math.abs(sum('extremely bad'))).toBeGreaterThan(Math.abs(sum('bad')));
  });

  it('the clause after "but" outweighs the clause before it', () => {
    expect(scoreSentiment('The screen is great but the battery is terrible').label).toBe(
      'negative',
    );
    expect(scoreSentiment('Delivery was slow but the product is excellent').label).toBe('positive');
  });

  it('scores emoji and emoticons', () => {
    expect(scoreSentiment('my order 😡').label).toBe('negative');
    expect(scoreSentiment('arrived today 👍').label).toBe('positive');
    expect(scoreSentiment('still waiting :(').label).toBe('negative');
    expect(scoreSentiment('thanks :-)').score).toBeGreaterThan(scoreSentiment('thanks').score);
  });

  it('elongation and capitals add emphasis, but not when the whole text is shouted', () => {
    expect(sum('sooo goood')).toBeCloseTo(2.5 * 1.2 * 1.3, 10);
    expect(sum('this is GOOD')).toBeCloseTo(2.5 * 1.5, 10);
    expect(sum('THIS IS GOOD')).toBeCloseTo(2.5, 10);
  });

  it('uses the domain lexicon and phrases', () => {
    for (const t of [
      'my package never arrived',
      'what a waste of money',
      'the app crashes every time',
      'I was on hold for an hour',
      'order cancelled without notice',
      'it arrived broken',
      'delivery was late again',
      'I want a refund',
      'stopped working after a week',
    ]) {
      expect(scoreSentiment(t).label, t).toBe('negative');
    }
    expect(scoreSentiment('works great').label).toBe('positive');
    expect(sum('waste of money')).toBeCloseTo(-4, 10);
  });

  it('treats "like" as a preposition unless a subject precedes it', () => {
    expect(sum('looks like plastic')).toBe(0);
    expect(sum('feels like a toy')).toBe(0);
    expect(sum('I like it')).toBeGreaterThan(0);
  });

  it('dampens wishes: "would love it if" is not praise', () => {
    expect(sum('I would love it if it had a battery')).toBeLessThan(sum('I love it'));
  });

  it('does not score non-English texts as English', () => {
    const pt = scoreSentiment('O produto chegou quebrado e ninguém respondeu');
    expect(pt).toMatchObject({ scored: false, label: 'neutral', score: 0, language: 'pt' });
    const es = scoreSentiment('Muy malo, no funciona y el servicio es terrible');
    expect(es.scored).toBe(false);
    expect(es.language).toBe('es');
  });

  it('tells German and Spanish full of brand names from English by their function words', () => {
    const de = scoreSentiment(
      'Nicht zufrieden mit dem AeroBlend blender von Northwind, sieht ganz anders aus als auf den Fotos.',
    );
    expect(de).toMatchObject({ language: 'de', scored: false });
    const es = scoreSentiment('La tapa de mi batidora AeroBlend se rompió a los dos usos.');
    expect(es).toMatchObject({ language: 'es', scored: false });
    expect(scoreSentiment('The lid on my AeroBlend blender cracked after two uses').language).toBe(
      'en',
    );
  });

  it('reads backlash against an advert as negative', () => {
    for (const t of [
      'That new Northwind ad is so cringe. Yikes.',
      'Unfollowing @NorthwindHome after that advert. So out of touch.',
      'Who approved the #NorthwindMoments commercial? So cringe.',
      'Can we talk about the Northwind commercial? What were they thinking?',
    ]) {
      expect(scoreSentiment(t).label, t).toBe('negative');
    }
  });

  it('keeps short or English-looking texts as English', () => {
    expect(scoreSentiment('great').language).toBe('en');
    expect(scoreSentiment('super').scored).toBe(true);
    expect(scoreSentiment('Love my Echo!').language).toBe('en');
  });

  it('returns unscored neutral for empty text', () => {
    expect(scoreSentiment('')).toEqual({
      score: 0,
      label: 'neutral',
      language: 'en',
      scored: false,
    });
  });

  it('keeps the score inside (-1, 1)', () => {
    const r = scoreSentiment('AMAZING amazing amazing awesome!!!! 😍😍😍 best best best');
    expect(r.score).toBeGreaterThan(0.9);
    expect(r.score).toBeLessThan(1);
    expect(normaliseScore(-1e6)).toBeGreaterThan(-1);
  });
});
