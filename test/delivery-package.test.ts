import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signFormFields } from '../src/letters/blocks/sign-modal.js';
import { campaignLetterId, type SignatureKind } from '../src/letters/model.js';
import { createAnonymousIds } from '../src/privacy/anonymous-id.js';
import { signViews } from '../src/slack/ids.js';
import { pdfInfo, pdfText, renderPage } from './support/poppler.js';
import { type Harness, startHarness, testRallySecret } from './support/rally.js';
import {
  addCoworkers,
  CHANNELS,
  dmChannelId,
  FILE_UPLOAD_FAULT_KEY,
  plainTextValue,
  type ResponseUrlPost,
  type StoredFile,
  selectedOptionValue,
  USERS,
} from './support/slack/index.js';

/*
 * The delivery package end to end: an organizer runs `/rally signatures`; Rally renders the letter as a
 * PDF and the named signers as CSV, uploads both to the organizer's direct messages through Slack's
 * upload flow (as the stand-in models it), and answers privately with a short summary.
 */

let h: Harness;
let inspector: Redis;
const organizer = USERS.alice;
const dm = dmChannelId(organizer);

const named = [
  { id: 'U0DNAMED01', realName: 'Zoë Łukasiewicz', role: 'Azure, infra' },
  { id: 'U0DNAMED02', realName: '王芳 🎉', role: 'Research 東京' },
  { id: 'U0DNAMED03', realName: '=HYPERLINK("https://evil.example","click")', role: '+1 for the walkout' },
];
const anonymous = [
  'Ann Hidden-Alpha',
  'Ari Hidden-Beta',
  'Abe Hidden-Gamma',
  'Ada Hidden-Delta',
  'Amy Hidden-Eps',
].map((realName, i) => ({ id: `U0DANON00${i + 1}`, realName }));
const waiting = { id: 'U0DWAIT001', realName: 'Walt Waiting-Omega', role: 'SecretRole-Omega' };

const formValues = (kind: SignatureKind, role?: string) => ({
  [signFormFields.mode]: { [signFormFields.mode]: selectedOptionValue(kind, kind, 'radio_buttons') },
  [signFormFields.threshold]: { [signFormFields.threshold]: selectedOptionValue('50') },
  [signFormFields.role]: { [signFormFields.role]: plainTextValue(role ?? null) },
});

const sign = (user: string, kind: SignatureKind, role?: string) =>
  h.slack.viewSubmission({
    user,
    callbackId: signViews.sign,
    privateMetadata: campaignLetterId,
    values: formValues(kind, role),
  });

const letterKey = (part: string) => `${h.rally.ctx.keys.prefix}:letter:${campaignLetterId}:${part}`;

/** Runs `/rally signatures` as the organizer; resolves with the private summary and the files shared. */
async function requestPackage(): Promise<{ summary: ResponseUrlPost; pdf: StoredFile; csv: StoredFile }> {
  const responsesBefore = h.standIn.responses().length;
  const filesBefore = new Set(h.standIn.files(dm).map((f) => f.id));
  const ack = await h.slack.command('signatures', { user: organizer });
  expect((ack.json as { text: string }).text).toContain('Preparing the signatures');
  const summary = await h.standIn.waitForResponse(
    (p) =>
      h.standIn.responses().indexOf(p) >= responsesBefore &&
      String((p.body as { text?: string }).text ?? '').startsWith('Signatures for delivery'),
    20_000,
  );
  const shared = h.standIn.files(dm).filter((f) => !filesBefore.has(f.id));
  const pdf = shared.find((f) => f.name.endsWith('.pdf'));
  const csv = shared.find((f) => f.name.endsWith('.csv'));
  if (!pdf?.bytes || !csv?.bytes)
    throw new Error(`expected a PDF and a CSV in ${dm}, got ${shared.map((f) => f.name)}`);
  return { summary, pdf, csv };
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(async () => {
  h = await startHarness({ env: { RALLY_ORGANIZERS: organizer } });
  inspector = new Redis(h.redis.url);
  addCoworkers(h.standIn.workspace, [...named, ...anonymous, waiting]);
  const res = await h.slack.command(`post letter <#${CHANNELS.general}|general>`, { user: organizer });
  expect(res.status).toBe(200);
  await h.standIn.waitForResponse(undefined, 10_000);
});

afterAll(async () => {
  inspector.disconnect();
  await h.stop();
});

beforeEach(async () => {
  const parts = ['signers', 'named', 'anonymous', 'conditional', 'legacy-anonymous'];
  await inspector.del(...parts.map(letterKey), `${h.rally.ctx.keys.prefix}:redraw:pending`);
});

describe('/rally signatures', () => {
  it("uploads the letter as a PDF and the named signers as CSV to the organizer's direct messages", async () => {
    for (const person of named) await sign(person.id, 'named', person.role);
    for (const person of anonymous) await sign(person.id, 'anonymous');
    const { summary, pdf, csv } = await requestPackage();

    // One message in the DM shares both files, through Slack's three steps.
    const share = h.standIn.messages(dm).filter((m) => m.files?.includes(pdf.id));
    expect(share).toHaveLength(1);
    expect(share[0]?.files).toEqual([pdf.id, csv.id]);
    expect(h.standIn.calls('conversations.open').at(-1)?.args.users).toBe(organizer);
    expect(pdf.completed && csv.completed).toBe(true);
    expect(pdf.title).toBe("End Microsoft's contract with ICE (letter with signatures)");

    const text = String((summary.body as { text: string }).text);
    expect(text).toContain('The letter as it will be delivered (PDF, 1 page) and the named signers (CSV)');
    expect(text).not.toContain('name,team or role');

    const page = flat(await pdfText(pdf.bytes as Buffer, { last: 1 }));
    expect(page).toContain("End Microsoft's contract with ICE");
    expect(page).toContain('To: Satya Nadella, chief executive of Microsoft');
    expect(page).toContain('We ask you to end Microsoft');
    // mrkdwn is read, not shown: the excerpt note is in italics, without its underscores.
    expect(page).toContain('Excerpts of the employees');
    expect(page).not.toContain('_Excerpts');
    expect(page).toContain('3 people signed with their name:');
    expect(page).toContain('Zoë Łukasiewicz — Azure, infra');
    expect(page).toContain('王芳 🎉 — Research 東京');
    expect(page).toContain('=HYPERLINK("https://evil.example","click") — +1 for the walkout');
    expect(page).toContain('5 more people signed without their names.');
    expect(await pdfInfo(pdf.bytes as Buffer)).toMatchObject({
      Pages: '1',
      Title: "End Microsoft's contract with ICE",
    });

    const picture = await renderPage(pdf.bytes as Buffer);
    expect(picture.png.subarray(1, 4).toString()).toBe('PNG');
    // A4 (210 × 297 mm) at 60 dpi, with text drawn on it.
    expect(picture.width).toBeGreaterThanOrEqual(496);
    expect(picture.width).toBeLessThanOrEqual(497);
    expect(picture.height).toBe(702);
    expect(picture.inked).toBeGreaterThan(0.005);

    const lines = csv.bytes?.toString('utf8').split('\r\n');
    expect(lines).toEqual([
      '\uFEFFname,team or role',
      `"'=HYPERLINK(""https://evil.example"",""click"")",'+1 for the walkout`,
      'Zoë Łukasiewicz,"Azure, infra"',
      '王芳 🎉,Research 東京',
      '',
    ]);
  });

  it('says only "a few" about fewer than RALLY_MIN_ANONYMOUS_VOTES signers without names', async () => {
    await sign(named[0]?.id as string, 'named', named[0]?.role);
    await sign(anonymous[0]?.id as string, 'anonymous');
    await sign(anonymous[1]?.id as string, 'anonymous');
    const { pdf, summary } = await requestPackage();
    const page = flat(await pdfText(pdf.bytes as Buffer));
    expect(page).toContain('1 person signed with their name:');
    expect(page).toContain('A few more people signed without their names.');
    expect(page).not.toMatch(/\d+ more (people|person) signed/);
    expect(String((summary.body as { text: string }).text)).toContain('fewer than 5 signed anonymously');
  });

  it('puts in neither file who signed anonymously or is waiting to show their name, nor any code', async () => {
    for (const person of anonymous) await sign(person.id, 'anonymous');
    await sign(waiting.id, 'conditional', waiting.role);
    await sign(named[0]?.id as string, 'named', named[0]?.role);
    const letterKeyValue = (await inspector.get(letterKey('key'))) ?? '';
    expect(letterKeyValue).not.toBe('');
    const { pdf, csv } = await requestPackage();
    const ids = createAnonymousIds(testRallySecret);
    const hidden = [...anonymous, waiting];
    const codes = hidden.flatMap((p) => [
      ids.of('letter', h.standIn.teamId, p.id, letterKeyValue),
      ids.of('letter', h.standIn.teamId, p.id),
    ]);
    const storedCodes = [
      ...(await inspector.smembers(letterKey('signers'))),
      ...(await inspector.hvals(letterKey('conditional'))),
    ];
    expect(storedCodes.length).toBeGreaterThan(0);
    const info = JSON.stringify(await pdfInfo(pdf.bytes as Buffer));
    const texts = [
      await pdfText(pdf.bytes as Buffer),
      info,
      csv.bytes?.toString('utf8') ?? '',
      // What is stored uncompressed in the PDF (its metadata, its structure).
      pdf.bytes?.toString('latin1') ?? '',
    ];
    for (const text of texts) {
      for (const person of hidden) {
        expect(text).not.toContain(person.id);
        expect(text).not.toContain(person.realName);
      }
      expect(text).not.toContain(waiting.role);
      for (const code of [...codes, ...storedCodes, letterKeyValue]) expect(text).not.toContain(code);
      expect(text).not.toMatch(/U0[A-Z0-9]{7,}/);
    }
    expect(flat(texts[0] as string)).toContain('6 more people signed without their names.');
  });

  it('sends the files once when the job is retried after sharing them', async () => {
    await sign(named[0]?.id as string, 'named', named[0]?.role);
    // The private summary fails after the files were shared: its response_url, then the direct message it
    // falls back to (which first waits for its turn in the conversation, running the job again), so the
    // job is retried.
    h.standIn.failNext('response_url', { kind: 'http', status: 500 }, 2);
    h.standIn.failNext('chat.postMessage', { kind: 'http', status: 500 });
    const completes = h.standIn.calls('files.completeUploadExternal').length;
    const uploads = h.standIn.calls('files.getUploadURLExternal').length;
    const { pdf } = await requestPackage();
    expect(h.standIn.calls('chat.postMessage').some((c) => c.status === 500)).toBe(true);
    expect(h.standIn.calls('files.completeUploadExternal').length - completes).toBe(1);
    expect(h.standIn.calls('files.getUploadURLExternal').length - uploads).toBe(2);
    expect(h.standIn.messages(dm).filter((m) => m.files?.includes(pdf.id))).toHaveLength(1);
  });

  it('starts the upload again when the bytes did not go through, and shares one copy', async () => {
    await sign(named[0]?.id as string, 'named', named[0]?.role);
    h.standIn.failNext(FILE_UPLOAD_FAULT_KEY, { kind: 'http', status: 503 });
    const shares = h.standIn.messages(dm).filter((m) => m.files).length;
    const { pdf, csv } = await requestPackage();
    expect(h.standIn.messages(dm).filter((m) => m.files).length - shares).toBe(1);
    expect(h.standIn.fileUploads().some((u) => u.status === 503)).toBe(true);
    expect(pdf.bytes?.subarray(0, 5).toString()).toBe('%PDF-');
    expect(csv.bytes?.length).toBeGreaterThan(0);
  });

  it('does not share the files again when Slack shared them but its answer was lost, and says so', async () => {
    await sign(named[0]?.id as string, 'named', named[0]?.role);
    h.standIn.failNext('files.completeUploadExternal', { kind: 'lost_response' });
    const shares = h.standIn.messages(dm).filter((m) => m.files).length;
    const before = h.standIn.responses().length;
    await h.slack.command('signatures', { user: organizer });
    const summary = await h.standIn.waitForResponse(
      (p) =>
        h.standIn.responses().indexOf(p) >= before &&
        JSON.stringify(p.body).includes('Signatures for delivery'),
      20_000,
    );
    const text = String((summary.body as { text: string }).text);
    expect(text).toContain('Slack did not confirm that it received the files');
    // The list comes as text instead, so nothing is lost.
    expect(text).toContain('Zoë Łukasiewicz,"Azure, infra"');
    expect(h.standIn.messages(dm).filter((m) => m.files).length - shares).toBe(1);
  });

  it('sends the list as text when Slack refuses the files', async () => {
    await sign(named[0]?.id as string, 'named', named[0]?.role);
    h.standIn.failNext('files.getUploadURLExternal', { kind: 'error', error: 'file_uploads_disabled' });
    const before = h.standIn.responses().length;
    await h.slack.command('signatures', { user: organizer });
    const summary = await h.standIn.waitForResponse(
      (p) =>
        h.standIn.responses().indexOf(p) >= before &&
        JSON.stringify(p.body).includes('Signatures for delivery'),
      20_000,
    );
    const text = String((summary.body as { text: string }).text);
    expect(text).toContain('Your workspace does not allow file uploads.');
    expect(text).toContain('name,team or role\nZoë Łukasiewicz,"Azure, infra"');
  });
});
