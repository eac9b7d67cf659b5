// The live totals' module (kifu-core) and the estimator's (kifu-estimator)
// are built from the same sources, each binding only its own view: a page of
// progress widgets never downloads the estimator. Both judge documents with
// the same validation, so every widget accepts or refuses a campaign alike.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { repoRoot, requireSite } from '../../build-scripts/lib/test-support.mjs';

let progressCore;
let estimatorCore;

before(async () => {
  const site = requireSite();
  const { loadCore, loadEstimatorCore } = await import(pathToFileURL(path.join(site, 'kifu', 'core.js')).href);
  progressCore = await loadCore({ wasmBinary: readFileSync(path.join(site, 'kifu', 'kifu-core.wasm')) });
  estimatorCore = await loadEstimatorCore({ wasmBinary: readFileSync(path.join(site, 'kifu', 'kifu-estimator.wasm')) });
});

const demoDir = path.join(repoRoot, 'web', 'campaigns', 'animal-center');
const demo = JSON.parse(readFileSync(path.join(demoDir, 'campaign.json'), 'utf8'));
const feedText = readFileSync(path.join(demoDir, 'feed.json'), 'utf8');
const withChange = (change) => {
  const campaign = structuredClone(demo);
  change(campaign);
  return JSON.stringify(campaign);
};

// The demo, and campaigns each broken in one place, the estimator's settings
// included (which the progress widgets do not draw but must judge alike).
const CAMPAIGNS = {
  'the demo campaign': JSON.stringify(demo),
  'a negative goal': withChange((c) => { c.goal = -1; }),
  'no feed': withChange((c) => { delete c.feed; }),
  'a point program with points 0': withChange((c) => { c.point_programs[0].points = 0; }),
  'a matching percent that is text': withChange((c) => { c.matching.percent = 'half'; }),
  'an impact unit without a label': withChange((c) => { delete c.impact_units[0].label; }),
  'not JSON': '{"schema_version": 1,',
};

describe('two modules, one validation', () => {
  for (const [name, text] of Object.entries(CAMPAIGNS)) {
    test(`${name}: both modules give the same verdict and diagnostics`, () => {
      assert.deepEqual(estimatorCore.validateCampaign(text), progressCore.validateCampaign(text));
      assert.deepEqual(estimatorCore.validateFeed(feedText, text), progressCore.validateFeed(feedText, text));
    });
  }

  test('the demo is accepted, and each broken campaign refused (so the cases above compare both verdicts)', () => {
    for (const [name, text] of Object.entries(CAMPAIGNS)) {
      assert.equal(progressCore.validateCampaign(text).ok, name === 'the demo campaign', name);
    }
  });
});

describe('each module binds its own view', () => {
  test('the progress module draws progress and holds no estimator', () => {
    assert.equal(progressCore.renderProgress({ campaignJson: CAMPAIGNS['the demo campaign'], feedJson: feedText }).ok, true);
    assert.throws(() => progressCore.renderEstimate({ campaignJson: CAMPAIGNS['the demo campaign'], feedJson: feedText }), TypeError);
  });

  test('the estimator module estimates and draws no progress', () => {
    assert.equal(estimatorCore.renderEstimate({ campaignJson: CAMPAIGNS['the demo campaign'], feedJson: feedText }).ok, true);
    assert.throws(() => estimatorCore.renderProgress({ campaignJson: CAMPAIGNS['the demo campaign'], feedJson: feedText }), TypeError);
  });
});
