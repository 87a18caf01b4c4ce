import { describe, expect, it } from 'vitest';
import { tokenize, tokenizeWords } from './tokenize.js';

describe('tokenize', () => {
  it('lower-cases words and drops apostrophes inside words', () => {
    expect(tokenizeWords("Don't BUY it, it's junk")).toEqual(['dont', 'buy', 'it', 'its', 'junk']);
  });

  it('flags capitals and elongation', () => {
    const [a, b] = tokenize('TERRIBLE sooo');
    expect(a).toMatchObject({ text: 'terrible', isCaps: true, isElongated: false });
    expect(b).toMatchObject({ text: 'soo', squeezed: 'so', isElongated: true, isCaps: false });
  });

  it('does not call a single capital letter shouting', () => {
    expect(tokenize('I')[0]?.isCaps).toBe(false);
  });

  it('finds standalone emoticons and emoji', () => {
    const toks = tokenize('late again :( 😡👍 ok :-)');
    expect(toks.map((t) => `${t.kind}:${t.text}`)).toEqual([
      'word:late',
      'word:again',
      'emoticon::(',
      'emoji:😡',
      'emoji:👍',
      'word:ok',
      'emoticon::-)',
    ]);
  });

  it('keeps clause punctuation and splits hyphens', () => {
    expect(tokenize('tone-deaf, really!').map((t) => t.text)).toEqual([
      'tone',
      'deaf',
      ',',
      'really',
      '!',
    ]);
  });

  it('does not read a time or ratio as an emoticon', () => {
    expect(tokenize('at 10:30').map((t) => t.kind)).toEqual(['word', 'word', 'punct', 'word']);
  });

  it('returns nothing for empty or whitespace text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('  \n\t ')).toEqual([]);
  });

  it('keeps accented letters inside words', () => {
    expect(tokenizeWords('Le produit est arrivé cassé')).toEqual([
      'le',
      'produit',
      'est',
      'arrivé',
      'cassé',
    ]);
  });
});
