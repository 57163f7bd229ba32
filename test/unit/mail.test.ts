import { describe, expect, it } from 'vitest';
import { decisionMail } from '../../shared/views/mail/decision.ts';
import { answersCopy, receiptMail } from '../../shared/views/mail/receipt.ts';
import { centreApplication as survey } from '../../surveys/centre-application.ts';
import { centreApplication } from '../fixtures/answers.ts';

const base = {
  survey,
  responseId: 'K7F3-9QPA-2MXD',
  to: ['anna@example.se'],
  publicUrl: 'https://skc.example',
};

describe('receiptMail', () => {
  it('escapes every answer in the HTML part and keeps it verbatim in the text part', () => {
    const answers = centreApplication({ centreName: '<img src=x onerror=alert(1)> "AB" & Co' });
    const mail = receiptMail({ ...base, submittedAt: '2026-11-24T09:30:00Z', answers });
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt; &quot;AB&quot; &amp; Co');
    expect(mail.html).not.toContain('<img');
    expect(mail.text).toContain('<img src=x onerror=alert(1)> "AB" & Co');
    expect(mail.subject).toContain('K7F3-9QPA-2MXD');
  });

  it('shows options by label, matrix rows with their scale words, and each utbildning with its fields', () => {
    const sections = answersCopy(survey, centreApplication(), 'sv');
    const all = sections.flatMap((section) => section.answers);
    expect(
      all.find((answer) => answer.label === 'Vilken Teknikcollege-region hör centrumet till?')?.value,
    ).toBe('Teknikcollege Östra Småland');
    const matrix = all.find((answer) => answer.label.startsWith('Hur väl uppfyller'))!;
    expect(matrix.parts?.[0]?.value).toBe('3 – Uppfylls delvis');
    const courses = all.find((answer) => answer.label === 'Centrumets utbildningar')!;
    expect(courses.parts?.map((course) => course.label)).toEqual(['Utbildning 1', 'Utbildning 2']);
    expect(courses.parts?.[1]?.parts).toContainEqual({ label: 'Längd', value: '1' });
    expect(courses.parts?.[1]?.parts).toContainEqual({ label: 'Längden anges i', value: 'Dagar' });
    expect(all.find((answer) => answer.label.startsWith('Får vi kontakta'))?.value).toBe('Ja');
  });
});

describe('decisionMail', () => {
  it('states the new status in Swedish and English and escapes the note', () => {
    const mail = decisionMail({
      ...base,
      title: 'ATC <b>',
      decision: 'rejected',
      note: 'Saknar <styrgrupp> & beslut',
    });
    expect(mail.subject).toBe('Besked om er ansökan (K7F3-9QPA-2MXD): Avslagen / Rejected');
    expect(mail.html).toContain('Saknar &lt;styrgrupp&gt; &amp; beslut');
    expect(mail.html).toContain('ATC &lt;b&gt;');
    expect(mail.text).toContain('Saknar <styrgrupp> & beslut');
  });

  it('links to the form only when changes are requested', () => {
    const note = 'Lägg till kurserna.';
    const requested = decisionMail({ ...base, title: 'ATC', decision: 'changes-requested', note });
    const approved = decisionMail({ ...base, title: 'ATC', decision: 'approved', note });
    expect(requested.html).toContain('href="https://skc.example/forms/centre-application"');
    expect(approved.html).not.toContain('/forms/');
  });
});
