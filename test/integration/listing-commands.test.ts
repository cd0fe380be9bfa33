import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../helpers/app-harness.js';
import { removeImagesBuiltFor } from '../helpers/docker-cleanup.js';
import { buildTestImage, createTestContainer } from '../helpers/docker-objects.js';

const teamId = `TLISTING${Date.now()}`;
const suffix = Date.now().toString(36);

describe('/docker ps and images', () => {
  let harness: AppHarness;
  const unlabelled: string[] = [];
  const owned: string[] = [];

  beforeAll(async () => {
    harness = await startAppHarness();
    // More containers than one page holds, so that the listing pages.
    for (let index = 0; index < 25; index += 1) {
      const container = await createTestContainer(harness.docker, {
        name: `listtest-${index}-${suffix}`,
        labels: { 'slashdock.user': 'ULISTER', 'slashdock.team': teamId },
        running: false,
      });
      owned.push(container.id);
    }
    const foreign = await createTestContainer(harness.docker, {
      name: `listtest-foreign-${suffix}`,
      labels: {},
      running: false,
    });
    unlabelled.push(foreign.id);
    await buildTestImage(harness.docker, `listtest-image:${suffix}`, {
      'slashdock.user': 'UBUILDER',
      'slashdock.team': teamId,
    });
  });

  afterAll(async () => {
    await harness.stop();
    for (const id of unlabelled) {
      await harness.docker.getContainer(id).remove({ force: true });
    }
    await removeImagesBuiltFor(harness.docker, teamId);
  });

  /** Sends a command and returns its ephemeral response. */
  async function answerTo(text: string): Promise<string> {
    await harness.send(text, { teamId, userId: 'ULISTER' });
    await harness.app.jobs.idle();
    return String(harness.slack.callsTo('response_url').at(-1)?.args.text);
  }

  it('ps hides containers Slashdock did not start', async () => {
    const listing = await answerTo('ps -a');

    expect(listing).toContain('started by Slashdock');
    expect(listing).not.toContain(`listtest-foreign-${suffix}`);
  });

  it('ps --all-owners shows every container', async () => {
    let listing = await answerTo('ps -a --all-owners');
    for (let page = 2; !listing.includes(`listtest-foreign-${suffix}`); page += 1) {
      expect(listing).toContain('Next page');
      listing = await answerTo(`ps -a --all-owners --page ${page}`);
    }

    expect(listing).toContain(`listtest-foreign-${suffix}`);
  });

  it('ps pages a long listing', async () => {
    const pages = [await answerTo('ps -a')];
    while (pages.at(-1)?.includes('Next page') === true) {
      pages.push(await answerTo(`ps -a --page ${pages.length + 1}`));
    }

    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toContain(`(page 1 of ${pages.length}, rows 1–`);
    expect(pages[0]).toContain('Next page: `/docker ps -a --page 2`');
    for (const page of pages) {
      expect(page.length).toBeLessThanOrEqual(3_000);
    }
    for (const id of owned) {
      expect(pages.some((page) => page.includes(id.slice(0, 12)))).toBe(true);
    }
  });

  it('ps names owners as mentions', async () => {
    const listing = await answerTo('ps -a');

    expect(listing).toContain('@ULISTER');
    expect(listing).toContain('Started by: `ULISTER` <@ULISTER>');
  });

  it('ps rejects a page past the end', async () => {
    const answer = await answerTo('ps -a --page 999');

    expect(answer).toContain('Page 999 is past the end');
  });

  it('images shows only Slashdock images', async () => {
    const listing = await answerTo('images');

    expect(listing).toContain(`listtest-image:${suffix}`);
    expect(listing).toContain('Built by: `UBUILDER` <@UBUILDER>');
    expect(listing).not.toContain('busybox:latest');
  });

  it('images --all-owners adds other images', async () => {
    const listing = await answerTo('images --all-owners');

    expect(listing).toContain('busybox:latest');
  });
});
