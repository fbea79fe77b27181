import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  commandHandlers,
  eventHandlers,
  globalShortcutHandlers,
  messageShortcutHandlers,
} from '../handlers/index.js';

// Slack's published manifest schema, vendored: see test/support/slack/manifest-schema/README.md.
const schemaPath = new URL('./support/slack/manifest-schema/manifest.schema.json', import.meta.url);

interface Manifest {
  features: {
    slash_commands: { command: string; should_escape?: boolean }[];
    shortcuts: { callback_id: string; type: 'global' | 'message' }[];
  };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean } };
  oauth_config: { scopes: { bot: string[] } };
}

const manifestText = readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8');
const manifest = parse(manifestText) as Manifest;

describe('manifest.yml', () => {
  it("is valid against Slack's manifest schema", () => {
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
    delete schema.$schema;
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(schema);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('declares every slash command a handler is registered for, with escaping on', () => {
    const declared = manifest.features.slash_commands;
    for (const command of Object.keys(commandHandlers)) {
      expect(declared.find((c) => c.command === command)?.should_escape, command).toBe(true);
    }
  });

  it('declares exactly the shortcuts a handler is registered for, each of its type', () => {
    const declared = manifest.features.shortcuts.map((s) => [s.callback_id, s.type]);
    const registered = [
      ...globalShortcutHandlers.map(([id]) => [id, 'global']),
      ...messageShortcutHandlers.map(([id]) => [id, 'message']),
    ];
    expect(declared.sort()).toEqual(registered.sort());
  });

  it('subscribes to every event a handler is registered for', () => {
    const subscribed = manifest.settings.event_subscriptions.bot_events;
    for (const event of Object.keys(eventHandlers)) expect(subscribed).toContain(event);
    expect(subscribed).toEqual(
      expect.arrayContaining(['reaction_added', 'reaction_removed', 'app_home_opened']),
    );
  });

  it('asks for no scope that reads messages, and explains every scope it asks for', () => {
    const scopes = manifest.oauth_config.scopes.bot;
    expect(scopes.filter((s) => s.endsWith(':history'))).toEqual([]);
    const lines = manifestText.split('\n');
    for (const scope of scopes) {
      const at = lines.findIndex((l) => l.trim() === `- ${scope}`);
      expect(lines[at - 1]?.trim().startsWith('#'), `${scope} has a comment above it`).toBe(true);
    }
  });
});
