import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLAME_PHRASES, findBlame, sentences } from './blame.js';

const PEOPLE = ['Ana Lima', 'Bo Chen', 'Priya Natarajan'];

describe('findBlame', () => {
  it.each([
    ['Ana failed to restart the worker.', 'failed to'],
    ['Bo Chen forgot to flush the cache.', 'forgot'],
    ['Priya should have rolled back sooner.', 'should have'],
    ["Priya should've rolled back sooner.", "should've"],
    ['It was careless of Ana to deploy on Friday.', 'careless'],
    ['Bo was negligent with the config.', 'negligent'],
    ["Ana didn't bother to check the dashboard.", "didn't bother"],
    ['Ana didn’t bother to check the dashboard.', 'didn’t bother'],
    ['Bo did not bother to page anyone.', 'did not bother'],
    ['Bo ignored the warning.', 'ignored'],
    ['Ana neglected the runbook.', 'neglected'],
    ['The outage was human error by Bo.', 'human error'],
    ['Bo messed up the migration.', 'messed up'],
    ['Ana was supposed to watch the queue.', 'was supposed to'],
    ['Bo could have avoided this.', 'could have avoided'],
    ['It was his fault, said @bo.', 'his fault'],
    ['Bo is to blame.', 'to blame'],
    ['Sloppy work by Ana.', 'Sloppy'],
  ])('flags %j', (text, phrase) => {
    const [hint, ...rest] = findBlame(text, PEOPLE);
    expect(rest).toEqual([]);
    expect(hint?.phrase).toBe(phrase);
    expect(hint?.suggestion.length).toBeGreaterThan(20);
  });

  it.each([
    'The deploy failed to finish within its timeout.',
    'The health check should have caught this but its threshold was 10 minutes.',
    'Ana rolled back the deploy at 10:42.',
    'Bo Chen noticed the queue growing and paged the database team.',
    'Anabelle forgot nothing.', // a longer word that starts with a name is not the name
    'The careless default (retries: infinite) amplified the load.',
    '',
  ])('passes %j', (text) => {
    expect(findBlame(text, PEOPLE)).toEqual([]);
  });

  it('names the person and the whole sentence with its offsets', () => {
    const text = 'Detection was quick. Later Bo Chen forgot the flag! Then it recovered.';
    const [hint] = findBlame(text, PEOPLE);
    expect(hint).toMatchObject({ person: 'Bo Chen', phrase: 'forgot', sentence: 'Later Bo Chen forgot the flag!' });
    expect(text.slice(hint!.start, hint!.end)).toBe(hint!.sentence);
  });

  it('treats @mentions as people even when no name is given', () => {
    expect(findBlame('@ops-oncall forgot the handoff.', [])).toHaveLength(1);
  });

  it('looks for first names too, two-letter ones only as written', () => {
    expect(findBlame('Jo forgot it.', ['Jo Park'])).toHaveLength(1);
    expect(findBlame('so jo forgot it.', ['Jo Park'])).toEqual([]);
    expect(findBlame('jo park forgot it.', ['Jo Park'])).toHaveLength(1);
    expect(findBlame('ana FORGOT it.', ['Ana Lima'])).toHaveLength(1);
  });

  it('handles names with regex characters and non-Latin letters', () => {
    expect(findBlame('Zoë (ops) forgot it.', ['Zoë (ops)'])).toHaveLength(1);
    expect(findBlame('Łukasz forgot it.', ['Łukasz Nowak'])).toHaveLength(1);
  });

  it('checks each sentence and each line of a list on its own', () => {
    const text = '- Ana paged Bo\n- the cache failed to warm up\n- Bo forgot to warm it';
    const hints = findBlame(text, PEOPLE);
    expect(hints.map((h) => h.sentence)).toEqual(['- Bo forgot to warm it']);
  });

  it('never flags text that names nobody (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...BLAME_PHRASES, 'the service', 'deploy', 'at 10:02', '.', 'cache'), { maxLength: 12 }), (words) => {
        expect(findBlame(words.join(' '), PEOPLE)).toEqual([]);
      }),
    );
  });

  it('flags every phrase in the list next to a name (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BLAME_PHRASES), fc.constantFrom(...PEOPLE), (phrase, person) => {
        expect(findBlame(`Then ${person} ${phrase} the step.`, PEOPLE)).toHaveLength(1);
      }),
    );
  });
});

describe('sentences', () => {
  it('splits on sentence ends and line breaks, with offsets into the text', () => {
    const text = 'One. Two!\nThree? four';
    const s = sentences(text);
    expect(s.map((x) => x.text)).toEqual(['One.', 'Two!', 'Three?', 'four']);
    for (const x of s) expect(text.slice(x.start, x.end)).toBe(x.text);
  });
});
