// The public contract: the JSON Schemas in web/schemas/v1/ accept every demo
// and sample document, refuse every document of the bad corpus
// (tests/data/schema/), and the core (`kifu validate --json`, native build)
// gives the same verdict on each. Where the core checks something a schema
// cannot say (rules across fields or records, the campaign a document is read
// with, byte lengths, number spellings JavaScript cannot tell apart), the
// document is listed below in `coreOnly` with the reason: the schema accepts
// it and the core refuses it, and the test checks exactly that.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

import { repoRoot } from '../../build-scripts/lib/test-support.mjs';

const kifuBin = path.join(repoRoot, 'build', 'native', 'src', 'cli', 'kifu');
const schemaDir = path.join(repoRoot, 'web', 'schemas', 'v1');
const corpusDir = path.join(repoRoot, 'tests', 'data', 'schema');
const demoDir = path.join(repoRoot, 'web', 'campaigns', 'animal-center');
const demoCampaign = path.join(demoDir, 'campaign.json');

// Documents the core refuses for a reason no JSON Schema can express.
const coreOnly = {
  campaign: {
    'end before start': 'compares two fields',
    'milestones not increasing': 'compares items of a list',
    'two programs with one id': 'uniqueness of one field across items',
    'a step not worth whole minor units': 'arithmetic across fields (step × amount / points)',
    'min not a multiple of the step': 'arithmetic across fields',
    'max_per_donation under twice the minimum less a step': 'arithmetic across fields',
    'two menu items at one price': 'uniqueness of one field across items',
    'cap_per_donor above cap_total': 'compares two fields',
    'title of 101 Japanese characters (303 bytes)': 'the limit is in UTF-8 bytes; maxLength counts characters',
    'goal written 1100000000.0': 'JSON.parse reads 1100000000.0 as the integer 1100000000',
    'goal of 2^63': 'JSON.parse rounds 2^63 to the double that 2^63-1 also rounds to',
    'a key given twice': 'JSON.parse keeps the last value; a schema never sees the first',
  },
  feed: {
    'donations fewer than donors': 'compares two fields',
    'channels not adding up to raised': 'a sum across fields',
    'raised written 1.826e8': 'JSON.parse reads 1.826e8 as the integer 182600000',
  },
  history: {
    'a day listed twice': 'order and uniqueness across rows',
    'a day before the campaign': 'needs the campaign definition',
    'through after the campaign': 'needs the campaign definition',
    'an event ending before it starts': 'compares two fields',
    'a scenario beyond 10^15': 'a product of two fields',
    "another campaign's id": 'needs the campaign definition',
    'a currency the campaign does not use': 'needs the campaign definition',
    'a day adding up beyond 10^13': 'a sum across the row',
  },
  record: {
    'a time outside the campaign': "needs the campaign's days and time zone",
    'a program the campaign does not have': "needs the campaign's point programs",
    'points that are not one donation under the program': "needs the program's rules",
    'a refund of an id never read': 'depends on the records before it',
    'a different donation under a used id': 'depends on the records before it',
    'a total past 2^63-1 (g-6 holds most of it)': 'depends on the records before it',
    'amount written 5000.0': 'JSON.parse reads 5000.0 as the integer 5000',
    'an id of 50 Japanese characters (150 bytes)': 'the limit is in UTF-8 bytes; maxLength counts characters',
  },
};

let validators;
let dir;

before(() => {
  if (!existsSync(kifuBin)) throw new Error(`${kifuBin} is missing: run build-scripts/build native first`);
  const ajv = new Ajv2020({ strict: true, strictRequired: false, strictTuples: false, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  validators = {};
  for (const kind of ['campaign', 'feed', 'history', 'record']) {
    validators[kind] = ajv.compile(JSON.parse(readFileSync(path.join(schemaDir, `${kind}.schema.json`), 'utf8')));
  }
  dir = mkdtempSync(path.join(os.tmpdir(), 'kifu-schemas-'));
});
after(() => dir && rmSync(dir, { recursive: true, force: true }));

let n = 0;
function scratch(text, ext = 'json') {
  n += 1;
  const p = path.join(dir, `doc-${n}.${ext}`);
  writeFileSync(p, text);
  return p;
}

function schemaAccepts(kind, text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, errors: 'not JSON' };
  }
  const validate = validators[kind];
  const ok = validate(doc);
  return { ok, errors: JSON.stringify(validate.errors) };
}

// The core's verdict through the real command: --json output and exit code agree.
function coreVerdict(kind, file, campaign) {
  const args = ['validate', file, '--as', kind, '--json'];
  if (campaign) args.push('--campaign', campaign);
  const r = spawnSync(kifuBin, args, { encoding: 'utf8' });
  assert.equal(r.signal, null, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(r.status, out.ok ? 0 : 1, `exit code for ok=${out.ok}: ${r.stderr}`);
  return out;
}

// Sets (or, for `raw`, writes verbatim) members named by JSON pointers.
function edited(base, { set = {}, raw = {}, remove = [] }) {
  const doc = structuredClone(base);
  const walk = (pointer) => {
    const keys = pointer.split('/').slice(1);
    const last = keys.pop();
    let at = doc;
    for (const k of keys) at = at[k];
    return [at, last];
  };
  for (const [pointer, value] of Object.entries(set)) {
    const [at, key] = walk(pointer);
    at[key] = value;
  }
  const tokens = [];
  for (const [pointer, text] of Object.entries(raw)) {
    const [at, key] = walk(pointer);
    at[key] = `@@raw${tokens.length}@@`;
    tokens.push(text);
  }
  for (const pointer of remove) {
    const [at, key] = walk(pointer);
    delete at[key];
  }
  let text = JSON.stringify(doc, null, 2);
  tokens.forEach((t, i) => {
    text = text.replace(`"@@raw${i}@@"`, t);
  });
  return text;
}

const bases = {
  campaign: JSON.parse(readFileSync(demoCampaign, 'utf8')),
  feed: JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'data', 'feed.json'), 'utf8')),
  history: JSON.parse(readFileSync(path.join(demoDir, 'history.json'), 'utf8')),
};
// A history is read against its campaign; feeds and definitions on their own.
const campaignFor = { history: demoCampaign };

const jsonFiles = (folder) =>
  readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join(folder, f));
const campaignDirs = readdirSync(path.join(repoRoot, 'web', 'campaigns')).map((d) => path.join(repoRoot, 'web', 'campaigns', d));
const goodDocuments = [
  ...campaignDirs.flatMap((d) => [
    ['campaign', path.join(d, 'campaign.json')],
    ['feed', path.join(d, 'feed.json'), path.join(d, 'campaign.json')],
    ...(existsSync(path.join(d, 'history.json')) ? [['history', path.join(d, 'history.json'), path.join(d, 'campaign.json')]] : []),
  ]),
  ['campaign', path.join(repoRoot, 'tests', 'data', 'campaign.json')],
  ['feed', path.join(repoRoot, 'tests', 'data', 'feed.json'), path.join(repoRoot, 'tests', 'data', 'campaign.json')],
  ...jsonFiles(path.join(repoRoot, 'tests', 'fuzz', 'corpus', 'campaign')).map((f) => ['campaign', f]),
  ...jsonFiles(path.join(repoRoot, 'tests', 'fuzz', 'corpus', 'feed')).map((f) => ['feed', f]),
];

describe('every demo and sample document passes the schema and the core', () => {
  for (const [kind, file, campaign] of goodDocuments) {
    test(`${kind}: ${path.relative(repoRoot, file)}`, () => {
      const text = readFileSync(file, 'utf8');
      const schema = schemaAccepts(kind, text);
      assert.ok(schema.ok, `schema refused it: ${schema.errors}`);
      const core = coreVerdict(kind, file, campaign);
      assert.ok(core.ok, `core refused it: ${JSON.stringify(core.errors)}`);
    });
  }
});

const badDocuments = JSON.parse(readFileSync(path.join(corpusDir, 'bad-documents.json'), 'utf8'));

describe('the schema and the core refuse the same bad documents', () => {
  for (const bad of badDocuments) {
    const reason = coreOnly[bad.kind][bad.why];
    test(`${bad.kind}: ${bad.why}${reason ? ` (core only: ${reason})` : ''}`, () => {
      const text = bad.text ?? edited(bases[bad.kind], bad);
      const core = coreVerdict(bad.kind, scratch(text), campaignFor[bad.kind]);
      assert.equal(core.ok, false, 'the core accepted it');
      const schema = schemaAccepts(bad.kind, text);
      assert.equal(schema.ok, Boolean(reason), reason ? `the schema refused a document listed as core only: ${schema.errors}` : 'the schema accepted it');
    });
  }

  test('every document listed as core only is in the corpus', () => {
    for (const [kind, list] of Object.entries(coreOnly)) {
      if (kind === 'record') continue;
      for (const why of Object.keys(list)) {
        assert.ok(badDocuments.some((b) => b.kind === kind && b.why === why), `${kind}: ${why}`);
      }
    }
  });
});

describe('records: the schema and kifu validate agree line by line', () => {
  const lines = (name) => readFileSync(path.join(corpusDir, name), 'utf8').trim().split('\n');
  const good = lines('records-good.jsonl');
  const bad = lines('records-bad.jsonl');
  let refusedLines;

  before(() => {
    // One file, the good records first: refunds and reused ids in the bad part
    // refer to donations read before them.
    const out = coreVerdict('records', scratch([...good, ...bad].join('\n') + '\n', 'jsonl'), demoCampaign);
    refusedLines = new Set(out.errors.map((e) => e.line));
    assert.equal(out.counts.read, good.length + bad.length);
  });

  good.forEach((line, i) => {
    const why = JSON.parse(line)._why;
    test(`accepted: ${why}`, () => {
      const schema = schemaAccepts('record', line);
      assert.ok(schema.ok, `schema refused it: ${schema.errors}`);
      assert.ok(!refusedLines.has(i + 1), 'the core refused it');
    });
  });

  bad.forEach((line, i) => {
    const why = JSON.parse(line)._why;
    const reason = coreOnly.record[why];
    test(`refused: ${why}${reason ? ` (core only: ${reason})` : ''}`, () => {
      assert.ok(refusedLines.has(good.length + i + 1), 'the core accepted it');
      const schema = schemaAccepts('record', line);
      assert.equal(schema.ok, Boolean(reason), reason ? `the schema refused a record listed as core only: ${schema.errors}` : 'the schema accepted it');
    });
  });

  test('every record listed as core only is in the corpus', () => {
    for (const why of Object.keys(coreOnly.record)) {
      assert.ok(bad.some((line) => JSON.parse(line)._why === why), why);
    }
  });
});
