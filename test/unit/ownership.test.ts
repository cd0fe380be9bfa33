import { describe, expect, it } from 'vitest';
import { mentionUser } from '../../src/format/mention.js';
import { checkOwnership, ownershipRefusalText } from '../../src/policy/ownership.js';

const owned = { 'slashdock.user': 'UOWNER' };
const subject = {
  kind: 'Container' as const,
  label: '`web` (`0123456789ab`)',
  createdVerb: 'started',
  action: 'remove',
};

describe('checkOwnership', () => {
  it('allows the owner', () => {
    expect(checkOwnership(owned, 'UOWNER', []).allowed).toBe(true);
  });

  it('refuses another user', () => {
    expect(checkOwnership(owned, 'UOTHER', []).allowed).toBe(false);
  });

  it('allows an admin', () => {
    expect(checkOwnership(owned, 'UADMIN', ['UADMIN']).allowed).toBe(true);
  });

  it('refuses unlabelled objects to users', () => {
    expect(checkOwnership({}, 'UOWNER', ['UADMIN']).allowed).toBe(false);
  });

  it('allows unlabelled objects to admins', () => {
    expect(checkOwnership(null, 'UADMIN', ['UADMIN']).allowed).toBe(true);
  });

  it('treats an empty label as no owner', () => {
    expect(checkOwnership({ 'slashdock.user': '' }, '', []).ownerId).toBeUndefined();
  });

  it('returns the owner', () => {
    expect(checkOwnership(owned, 'UOTHER', []).ownerId).toBe('UOWNER');
  });
});

describe('ownershipRefusalText', () => {
  it('names the owner', () => {
    expect(ownershipRefusalText(subject, 'UOWNER', ['UA'])).toContain(
      'was started by <@UOWNER>, so only <@UOWNER> or a Slashdock admin can remove it.',
    );
  });

  it('lists admins as mentions', () => {
    expect(ownershipRefusalText(subject, 'UOWNER', ['UADMINA', 'UADMINB'])).toContain(
      'Admins: <@UADMINA>, <@UADMINB>.',
    );
  });

  it('says when no admins exist', () => {
    expect(ownershipRefusalText(subject, 'UOWNER', [])).toContain(
      'No admins are configured (SLASHDOCK_ADMINS).',
    );
  });

  it('explains unlabelled objects', () => {
    expect(ownershipRefusalText(subject, undefined, ['UA'])).toContain(
      'was not created by Slashdock, so only a Slashdock admin can remove it.',
    );
  });
});

describe('mentionUser', () => {
  it('mentions a user ID', () => {
    expect(mentionUser('U012AB3CD')).toBe('<@U012AB3CD>');
  });

  it('escapes a forged owner label', () => {
    expect(mentionUser('U1> <!channel')).toBe('`U1&gt; &lt;!channel`');
  });
});
