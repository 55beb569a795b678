import { setTimeout as sleep } from 'node:timers/promises';
import type { CaseDetail } from '@homeward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareCase } from '../src/cases/case-access.repository';
import type { MailConfig } from '../src/config';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import { freePort, SmtpSink, type ReceivedMail } from './support/smtp-sink';
import {
  api,
  createTestOrganisation,
  startTestServer,
  TODAY,
  type TestOrganisation,
  type TestServer,
  type TestUser,
} from './support/test-server';

const PUBLIC_URL = 'https://homeward.example.org';

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await sleep(50);
  }
}

describeOnEachEngine('notification e-mail: from the outbox, after commit, once, retried', (engine) => {
  let server: TestServer;
  let smtp: SmtpSink;
  let ngo: TestOrganisation;
  let department: TestOrganisation;
  let khmerOfficer: TestUser;
  let caseworker: TestUser;

  const mailTo = (user: TestUser) => smtp.received.filter((mail) => mail.to.includes(user.email));
  const newCase = async () =>
    (await api<CaseDetail>(server, 'POST', '/cases', { token: caseworker.token, body: aNewCase() })).body;
  const outboxOf = (caseId: string) =>
    server.db.kysely
      .selectFrom('email_outbox as m')
      .innerJoin('notification as n', 'n.id', 'm.notification_id')
      .select(['m.id', 'm.attempts', 'm.sent_at', 'm.last_error'])
      .where('n.case_id', '=', caseId)
      .execute();

  beforeAll(async () => {
    smtp = new SmtpSink(await freePort());
    const mail: MailConfig = {
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      from: 'Homeward <homeward@example.org>',
      publicUrl: PUBLIC_URL,
      pollMs: 50,
      retryBaseMs: 100,
      retryMaxMs: 400,
      leaseMs: 60_000,
      maxAttempts: 100,
    };
    server = await startTestServer(engine, { config: { mail } });
    ngo = await createTestOrganisation(server, { withUser: ['org_admin'] });
    department = await createTestOrganisation(server, { withUser: ['government_officer'], kind: 'government' });
    khmerOfficer = await department.addUser(['government_officer']);
    await server.db.kysely.updateTable('app_user').set({ locale: 'km' }).where('id', '=', khmerOfficer.id).execute();
    caseworker = await ngo.addUser(['caseworker']);
  });
  afterAll(async () => {
    await server.close();
    await smtp.stop();
  });

  describe('with the SMTP server down at first', () => {
    it('keeps the e-mail, tries again later, and sends it once when the server is back', async () => {
      const child = await newCase();
      const shared = await api(server, 'POST', `/cases/${child.id}/shares`, {
        token: caseworker.token,
        body: { organisationId: department.id, kind: 'referral' },
      });
      expect(shared.status).toBe(200);
      // Two failed attempts each, with the reason kept.
      const failing = await until('two failed attempts', async () => {
        const rows = await outboxOf(child.id);
        return rows.length === 2 && rows.every((row) => row.attempts >= 2 && row.last_error) ? rows : undefined;
      });
      expect(failing.every((row) => row.sent_at === null)).toBe(true);

      await smtp.start();
      await until('both e-mails', () => (smtp.received.length >= 2 ? true : undefined));
      const sent = await until('the outbox marked sent', async () => {
        const rows = await outboxOf(child.id);
        return rows.every((row) => row.sent_at !== null) ? rows : undefined;
      });
      // Several more polls: nothing is sent twice.
      await sleep(600);
      expect(smtp.received).toHaveLength(2);
      expect(mailTo(department.user)).toHaveLength(1);
      expect(mailTo(khmerOfficer)).toHaveLength(1);
      expect(new Set(smtp.received.map((mail) => mail.headers['message-id']))).toEqual(
        new Set(sent.map((row) => `<${row.id}@homeward.notification>`)),
      );
    });

    it('says only what waits, in the reader’s language, with a link and no child’s name or number', async () => {
      const [english] = mailTo(department.user) as [ReceivedMail];
      const [khmer] = mailTo(khmerOfficer) as [ReceivedMail];
      expect(english.from).toBe('homeward@example.org');
      expect(english.headers.subject).toBe('Homeward: something waits for you');
      expect(english.text).toContain('a case was shared with your department');
      expect(english.text).toContain(`${PUBLIC_URL}/waiting`);
      expect(khmer.headers.subject).toBe('Homeward៖ មានកិច្ចការកំពុងរង់ចាំអ្នក');
      expect(khmer.text).toContain('ករណីមួយត្រូវបានចែករំលែកជាមួយមន្ទីររបស់អ្នក');
      expect(khmer.text).toContain(`${PUBLIC_URL}/waiting`);
      const cases = await server.db.kysely.selectFrom('child_case').select('case_number').execute();
      for (const mail of [english, khmer]) {
        const all = JSON.stringify(mail);
        expect(all).not.toMatch(/Dara|Sok|ដារា|សុខ|Girl A/);
        for (const row of cases) expect(all).not.toContain(row.case_number);
      }
    });
  });

  describe('with the SMTP server up', () => {
    it('sends nothing before the write commits, and nothing for a write rolled back', async () => {
      const before = smtp.received.length;
      const rolledBack = await newCase();
      const failed = server.db.kysely.transaction().execute(async (trx) => {
        await shareCase(trx, caseworker.actor, rolledBack.id, {
          organisationId: department.id,
          kind: 'handover',
          id: crypto.randomUUID(),
          sharedOn: TODAY,
        });
        await sleep(400);
        throw new Error('a later step failed');
      });
      await expect(failed).rejects.toThrow('a later step failed');

      const committed = await newCase();
      await server.db.kysely.transaction().execute(async (trx) => {
        await shareCase(trx, caseworker.actor, committed.id, {
          organisationId: department.id,
          kind: 'handover',
          id: crypto.randomUUID(),
          sharedOn: TODAY,
        });
        // The loop polls every 50 ms meanwhile: an uncommitted notice is not its to see.
        await sleep(400);
        expect(smtp.received.length).toBe(before);
      });
      await until('the committed write’s e-mails', () => (smtp.received.length >= before + 2 ? true : undefined));
      await sleep(400);
      expect(smtp.received.length).toBe(before + 2);
      expect(await outboxOf(rolledBack.id)).toEqual([]);
      expect((await outboxOf(committed.id)).every((row) => row.sent_at !== null && row.attempts === 1)).toBe(true);
    });

    it('sends no e-mail about a notice already read in Homeward', async () => {
      // Delivery paused: the read comes first.
      await smtp.stop();
      const child = await newCase();
      await api(server, 'POST', `/cases/${child.id}/shares`, {
        token: caseworker.token,
        body: { organisationId: department.id, kind: 'referral' },
      });
      for (const user of [department.user, khmerOfficer]) {
        expect((await api(server, 'POST', '/notifications/read-all', { token: user.token })).status).toBe(200);
      }
      const before = smtp.received.length;
      await smtp.start();
      await until('the outbox emptied', async () => ((await outboxOf(child.id)).length === 0 ? true : undefined));
      expect(smtp.received.length).toBe(before);
    });
  });
});
