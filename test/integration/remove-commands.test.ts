import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../helpers/app-harness.js';
import { removeImagesBuiltFor } from '../helpers/docker-cleanup.js';
import {
  buildTestImage,
  containerExists,
  createTestContainer,
  imageExists,
} from '../helpers/docker-objects.js';

const teamId = `TREMOVE${Date.now()}`;
const suffix = Date.now().toString(36);
const confirmId = 'confirmation_confirm';
const cancelId = 'confirmation_cancel';

/** Labels of an object Slashdock made for `userId` under this file's team. */
function ownedBy(userId: string): Record<string, string> {
  return { 'slashdock.user': userId, 'slashdock.team': teamId };
}

describe('/docker stop, rm and rmi', () => {
  let harness: AppHarness;
  /** Containers made without Slashdock labels, which label-based cleanup would miss. */
  const unlabelled: string[] = [];

  beforeAll(async () => {
    harness = await startAppHarness({ env: { SLASHDOCK_ADMINS: 'UADMIN' } });
  });

  afterAll(async () => {
    await harness.stop();
    for (const id of unlabelled) {
      if (await containerExists(harness.docker, id)) {
        await harness.docker.getContainer(id).remove({ force: true });
      }
    }
    await removeImagesBuiltFor(harness.docker, teamId);
  });

  /** Sends a command as a user and waits until its job has ended. */
  async function send(text: string, userId: string): Promise<void> {
    await harness.send(text, { teamId, userId });
    await harness.app.jobs.idle();
  }

  /** Clicks a button of the newest prompt mentioning `textPart` and waits for the outcome. */
  async function click(actionId: string, textPart: string, userId: string): Promise<void> {
    const value = harness.slack.latestButtonValue(confirmId, textPart);
    expect(value).toBeDefined();
    await harness.click({ actionId, value: value ?? '', userId });
    await harness.app.jobs.idle();
  }

  /** Returns the newest status message text that mentions `textPart`. */
  function latestStatus(textPart: string): string {
    return (
      harness.slack
        .statusTexts()
        .filter((text) => text.includes(textPart))
        .at(-1) ?? ''
    );
  }

  /** Returns the newest ephemeral reply to a click. */
  function latestEphemeral(): string {
    return String(harness.slack.callsTo('response_url').at(-1)?.args.text);
  }

  it('stop asks, then stops a running container', async () => {
    const name = `rmtest-stop-${suffix}`;
    const container = await createTestContainer(harness.docker, {
      name,
      labels: ownedBy('UOWNER'),
    });

    await send(`stop -t 1 ${name}`, 'UOWNER');
    expect(latestStatus(name)).toContain(`Stop container \`${name}\``);
    expect((await container.inspect()).State.Running).toBe(true);

    await click(confirmId, name, 'UOWNER');
    expect(latestStatus(name)).toContain(`Stopped container \`${name}\``);
    expect((await container.inspect()).State.Running).toBe(false);
  });

  it('stop of a stopped container says so', async () => {
    const name = `rmtest-stopped-${suffix}`;
    await createTestContainer(harness.docker, {
      name,
      labels: ownedBy('UOWNER'),
      running: false,
    });

    await send(`stop ${name}`, 'UOWNER');

    expect(latestStatus(name)).toContain('is not running (created but never started)');
    expect(harness.slack.latestButtonValue(confirmId, `stopped-${suffix}`)).toBeUndefined();
  });

  it('rm without -f refuses a running container', async () => {
    const name = `rmtest-running-${suffix}`;
    const container = await createTestContainer(harness.docker, {
      name,
      labels: ownedBy('UOWNER'),
    });

    await send(`rm ${name}`, 'UOWNER');

    expect(latestStatus(name)).toContain('is running');
    expect(latestStatus(name)).toContain(`/docker rm -f ${name}`);
    expect(await containerExists(harness.docker, container.id)).toBe(true);
  });

  it('rm -f removes a running container', async () => {
    const name = `rmtest-force-${suffix}`;
    const container = await createTestContainer(harness.docker, {
      name,
      labels: ownedBy('UOWNER'),
    });

    await send(`rm -f ${name}`, 'UOWNER');
    expect(latestStatus(name)).toContain('With -f, Docker kills it first.');

    await click(confirmId, name, 'UOWNER');
    expect(latestStatus(name)).toContain(`Removed container \`${name}\``);
    expect(await containerExists(harness.docker, container.id)).toBe(false);
  });

  it('refuses removing another user’s container', async () => {
    const name = `rmtest-foreign-${suffix}`;
    const container = await createTestContainer(harness.docker, {
      name,
      labels: ownedBy('UOWNER'),
      running: false,
    });

    await send(`rm ${name}`, 'USTRANGER');

    const status = latestStatus(name);
    expect(status).toContain('was started by <@UOWNER>');
    expect(status).toContain('only <@UOWNER> or a Slashdock admin can remove it');
    expect(status).toContain('Admins: <@UADMIN>.');
    expect(harness.slack.latestButtonValue(confirmId, name)).toBeUndefined();
    expect(await containerExists(harness.docker, container.id)).toBe(true);
  });

  it('admin removes another user’s container', async () => {
    const name = `rmtest-admin-${suffix}`;
    const container = await createTestContainer(harness.docker, {
      name,
      labels: ownedBy('UOWNER'),
      running: false,
    });

    await send(`rm ${name}`, 'UADMIN');
    expect(latestStatus(name)).toContain('started by <@UOWNER>');

    await click(confirmId, name, 'UADMIN');
    expect(latestStatus(name)).toContain('Requested by <@UADMIN>.');
    expect(await containerExists(harness.docker, container.id)).toBe(false);
  });

  it('only admins touch unlabelled containers', async () => {
    const name = `rmtest-unlabelled-${suffix}`;
    const container = await createTestContainer(harness.docker, {
      name,
      labels: {},
      running: false,
    });
    unlabelled.push(container.id);

    await send(`rm ${name}`, 'UOWNER');
    expect(latestStatus(name)).toContain('was not created by Slashdock');
    expect(harness.slack.latestButtonValue(confirmId, name)).toBeUndefined();

    await send(`rm ${name}`, 'UADMIN');
    expect(latestStatus(name)).toContain('not created by Slashdock.\n');
    await click(confirmId, name, 'UADMIN');
    expect(latestStatus(name)).toContain(`Removed container \`${name}\``);
    expect(await containerExists(harness.docker, container.id)).toBe(false);
  });

  it('refuses a confirmation from another user', async () => {
    const name = `rmtest-guarded-${suffix}`;
    const container = await createTestContainer(harness.docker, {
      name,
      labels: ownedBy('UOWNER'),
      running: false,
    });
    await send(`rm ${name}`, 'UOWNER');

    await click(confirmId, name, 'USTRANGER');
    expect(latestEphemeral()).toContain('Only <@UOWNER> can confirm or cancel this request');
    expect(await containerExists(harness.docker, container.id)).toBe(true);

    await click(cancelId, name, 'UOWNER');
    expect(latestStatus(name)).toContain('Cancelled by <@UOWNER>');
    expect(await containerExists(harness.docker, container.id)).toBe(true);

    await click(confirmId, name, 'UOWNER');
    expect(latestEphemeral()).toContain('This request was cancelled');
    expect(await containerExists(harness.docker, container.id)).toBe(true);
  });

  it('second confirm click removes nothing more', async () => {
    const name = `rmtest-twice-${suffix}`;
    await createTestContainer(harness.docker, {
      name,
      labels: ownedBy('UOWNER'),
      running: false,
    });
    await send(`rm ${name}`, 'UOWNER');
    await click(confirmId, name, 'UOWNER');
    const statusCount = harness.slack.statusTexts().length;

    await click(confirmId, name, 'UOWNER');

    expect(latestEphemeral()).toContain('already confirmed and carried out');
    expect(harness.slack.statusTexts()).toHaveLength(statusCount);
  });

  it('unknown name says not found', async () => {
    await send(`rm rmtest-missing-${suffix}`, 'UOWNER');

    const status = latestStatus(`rmtest-missing-${suffix}`);
    expect(status).toContain(`No such container: "rmtest-missing-${suffix}"`);
    expect(status).toContain('/docker ps -a --all-owners');
  });

  it('ambiguous prefix lists the matches', async () => {
    // Container IDs are random; 17 containers always contain two with the
    // same first digit, and usually a handful suffice.
    const ids: string[] = [];
    let pair: [string, string] | undefined;
    for (let index = 0; pair === undefined && index < 17; index += 1) {
      const container = await createTestContainer(harness.docker, {
        name: `rmtest-prefix-${index}-${suffix}`,
        labels: ownedBy('UOWNER'),
        running: false,
      });
      const twin = ids.find((id) => id[0] === container.id[0]);
      pair = twin === undefined ? undefined : [twin, container.id];
      ids.push(container.id);
    }
    const [first, second] = pair ?? ['', ''];
    let prefix = '';
    while (first[prefix.length] === second[prefix.length]) {
      prefix += first[prefix.length] ?? '';
    }

    await send(`rm ${prefix}`, 'UOWNER');

    const status = latestStatus(`"${prefix}" matches`);
    expect(status).toContain(first.slice(0, 12));
    expect(status).toContain(second.slice(0, 12));
    expect(status).toContain('Give more digits of the ID');
  });

  it('rmi of an image in use names the containers', async () => {
    const tag = `rmtest-used:${suffix}`;
    await buildTestImage(harness.docker, tag, ownedBy('UOWNER'));
    const name = `rmtest-user-${suffix}`;
    await createTestContainer(harness.docker, { name, labels: ownedBy('UOWNER'), image: tag });

    await send(`rmi ${tag}`, 'UOWNER');
    expect(latestStatus(tag)).toContain(`Containers using it: \`${name}\``);
    await click(confirmId, tag, 'UOWNER');

    const status = latestStatus(tag);
    expect(status).toContain(`Docker refused to remove image \`${tag}\``);
    expect(status).toContain(`\`${name}\``);
    expect(status).toContain('running');
    expect(await imageExists(harness.docker, tag)).toBe(true);
  });

  it('rmi -f still refuses for a running container', async () => {
    const imageId = (await harness.docker.getImage(`rmtest-used:${suffix}`).inspect()).Id;
    const shortId = imageId.slice('sha256:'.length, 'sha256:'.length + 12);

    await send(`rmi -f ${shortId}`, 'UOWNER');
    await click(confirmId, shortId, 'UOWNER');

    const status = latestStatus(shortId);
    expect(status).toContain('Docker refused to remove image');
    expect(status).toContain('even with -f');
    expect(await imageExists(harness.docker, imageId)).toBe(true);
  });

  it('rmi -f of a tag keeps an image in use', async () => {
    const tag = `rmtest-used:${suffix}`;
    const imageId = (await harness.docker.getImage(tag).inspect()).Id;

    await send(`rmi -f ${tag}`, 'UOWNER');
    await click(confirmId, tag, 'UOWNER');

    const status = latestStatus(tag);
    expect(status).toContain(`Untagged: \`${tag}\``);
    expect(status).toContain(`containers use it: \`rmtest-user-${suffix}\``);
    expect(await imageExists(harness.docker, imageId)).toBe(true);
  });

  it('rmi accepts the sha256: form', async () => {
    const tag = `rmtest-digest:${suffix}`;
    const imageId = await buildTestImage(harness.docker, tag, ownedBy('UOWNER'));
    const query = imageId.slice(0, 'sha256:'.length + 12);

    await send(`rmi ${query}`, 'UOWNER');
    expect(latestStatus(imageId.slice(7, 19))).toContain(`Its tags: \`${tag}\``);
    await click(confirmId, imageId.slice(7, 19), 'UOWNER');

    expect(latestStatus(imageId.slice(7, 19))).toContain('Removed image');
    expect(await imageExists(harness.docker, imageId)).toBe(false);
  });

  it('rmi of an image Slashdock did not build needs an admin', async () => {
    await send('rmi busybox:latest', 'UOWNER');

    const status = latestStatus('busybox:latest');
    expect(status).toContain('was not created by Slashdock');
    expect(status).toContain('only a Slashdock admin can remove it');
    expect(await imageExists(harness.docker, 'busybox:latest')).toBe(true);
  });

  it('logs who removed what', () => {
    const removal = harness
      .logLines()
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((entry) => entry.msg === 'container removed' && entry.actor === 'UADMIN');

    expect(removal?.owner).toBe('UOWNER');
    expect(removal?.confirmationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(removal?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('/docker rm confirmation expiry', () => {
  let harness: AppHarness;

  beforeAll(async () => {
    harness = await startAppHarness({ env: { SLASHDOCK_CONFIRM_TIMEOUT: '1s' } });
  });

  afterAll(async () => {
    await harness.stop();
    await removeImagesBuiltFor(harness.docker, teamId);
  });

  it('expires an unanswered request', async () => {
    const name = `rmtest-expiry-${suffix}`;
    const container = await createTestContainer(harness.docker, {
      name,
      labels: ownedBy('UOWNER'),
      running: false,
    });
    await harness.send(`rm ${name}`, { teamId, userId: 'UOWNER' });
    await harness.app.jobs.idle();
    const value = harness.slack.latestButtonValue(confirmId, name) ?? '';

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await harness.app.jobs.idle();
    expect(harness.slack.statusTexts().at(-1)).toContain('Not confirmed within 1s');

    await harness.click({ actionId: confirmId, value, userId: 'UOWNER' });
    await harness.app.jobs.idle();
    expect(String(harness.slack.callsTo('response_url').at(-1)?.args.text)).toContain(
      'expired before it was confirmed',
    );
    expect(await containerExists(harness.docker, container.id)).toBe(true);
  });
});
