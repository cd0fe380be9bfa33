import { describe, expect, it } from 'vitest';
import {
  renderBuildStatus,
  renderProgressBar,
  type BuildStatus,
} from '../../src/build/progress-text.js';

const building: BuildStatus = {
  phase: 'building',
  requesterId: 'U123',
  source: 'github.com/acme/api@main',
  step: 4,
  totalSteps: 9,
  instruction: 'RUN npm ci',
  elapsedMs: 65_000,
};

describe('renderProgressBar', () => {
  it.each([
    ['zero', 0, '░░░░░░░░░░ 0%'],
    ['four of nine', 4 / 9, '▓▓▓▓░░░░░░ 44%'],
    ['one half', 0.5, '▓▓▓▓▓░░░░░ 50%'],
    ['almost done', 0.999, '▓▓▓▓▓▓▓▓▓░ 99%'],
    ['complete', 1, '▓▓▓▓▓▓▓▓▓▓ 100%'],
    ['rounding error', 29 / 100, '▓▓░░░░░░░░ 29%'],
    ['NaN from zero steps', 0 / 0, '░░░░░░░░░░ 0%'],
    ['below zero', -0.5, '░░░░░░░░░░ 0%'],
    ['above one', 1.5, '▓▓▓▓▓▓▓▓▓▓ 100%'],
  ])('%s', (_case, fraction, expected) => {
    expect(renderProgressBar(fraction)).toBe(expected);
  });

  it('uses custom cell count', () => {
    expect(renderProgressBar(0.5, 4)).toBe('▓▓░░ 50%');
  });

  it.each([0, -1, 2.5])('rejects %s cells', (cells) => {
    expect(() => renderProgressBar(0.5, cells)).toThrow(RangeError);
  });
});

describe('renderBuildStatus', () => {
  it('renders building status', () => {
    const lines = renderBuildStatus(building).split('\n');

    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      ':hammer_and_wrench: Building `github.com/acme/api@main` for <@U123> · 1m 05s',
    );
    expect(lines[1]).toBe('Step 4/9: `RUN npm ci`');
    expect(lines[2]).toBe('▓▓▓▓░░░░░░ 44%');
  });

  it('renders last step as complete bar', () => {
    const lines = renderBuildStatus({ ...building, step: 9 }).split('\n');

    expect(lines[2]).toBe('▓▓▓▓▓▓▓▓▓▓ 100%');
  });

  it('renders zero total steps', () => {
    const lines = renderBuildStatus({
      ...building,
      step: 0,
      totalSteps: 0,
      instruction: '',
    }).split('\n');

    expect(lines[1]).toBe('Waiting for the first step');
    expect(lines[2]).toBe('░░░░░░░░░░ 0%');
  });

  it('renders cloning status', () => {
    const text = renderBuildStatus({ ...building, phase: 'cloning', elapsedMs: 3_000 });

    expect(text).toBe(':arrow_down: Cloning `github.com/acme/api@main` for <@U123> · 3s');
  });

  it.each([
    ['position and length', { queuePosition: 2, queueLength: 3 }, 'Queued: position 2 of 3'],
    ['position only', { queuePosition: 2 }, 'Queued: position 2'],
    ['no position', {}, 'Queued'],
  ])('renders queue with %s', (_case, queue, expected) => {
    const status: BuildStatus = { ...building, phase: 'queued', elapsedMs: 12_000, ...queue };
    const lines = renderBuildStatus(status).split('\n');

    expect(lines[0]).toBe(
      ':hourglass_flowing_sand: Build of `github.com/acme/api@main` for <@U123> · 12s',
    );
    expect(lines[1]).toBe(expected);
  });

  it('escapes channel mention in instruction', () => {
    const text = renderBuildStatus({ ...building, instruction: 'RUN echo <!channel>' });

    expect(text).not.toContain('<!channel>');
    expect(text).toContain('Step 4/9: `RUN echo &lt;!channel&gt;`');
  });

  it('escapes backticks in instruction', () => {
    const text = renderBuildStatus({ ...building, instruction: 'RUN echo `id`' });

    expect(text).toContain("Step 4/9: `RUN echo 'id'`");
  });

  it('escapes source', () => {
    const text = renderBuildStatus({ ...building, source: 'acme/<!here>@main' });

    expect(text).toContain('`acme/&lt;!here&gt;@main`');
  });

  it('shows invalid requester as text', () => {
    const text = renderBuildStatus({ ...building, requesterId: 'U1>|<!channel' });

    expect(text).not.toContain('<!channel>');
    expect(text).toContain('for U1&gt;|&lt;!channel ·');
  });

  it('accepts enterprise user ID', () => {
    const text = renderBuildStatus({ ...building, requesterId: 'W0123ABC' });

    expect(text).toContain('for <@W0123ABC>');
  });

  it('clamps negative elapsed time', () => {
    const text = renderBuildStatus({ ...building, elapsedMs: -500 });

    expect(text).toContain('· 0ms');
  });
});
