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
  it('says what was received, when and under which reference, and repeats nothing typed into the form', () => {
    const typed = 'Besök https://phish.example/login <img src=x onerror=alert(1)>';
    const answers = centreApplication({ centreName: typed, assureQualityAssuredProcess: typed });
    const mail = receiptMail({ ...base, submittedAt: '2026-11-24T09:30:00Z' });
    for (const part of [mail.subject, mail.text, mail.html!]) {
      expect(part).not.toContain('phish.example');
      for (const value of Object.values(answers))
        if (typeof value === 'string' && value.length > 3) expect(part).not.toContain(value);
    }
    expect(mail.subject).toContain('K7F3-9QPA-2MXD');
    expect(mail.subject).toMatch(/^Bekräftelse/);
    expect(`${mail.subject} ${mail.text} ${mail.html}`).not.toMatch(/kvitto/i);
    expect(mail.text).toContain(survey.title.sv);
    expect(mail.text).toContain('24 november 2026 kl. 10:30');
    expect(mail.text).toContain('Svara på det här mejlet och ange referensnumret K7F3-9QPA-2MXD');
    expect(mail.text).toContain('bara till den e-postadress som står i ansökan');
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
    const mail = decisionMail({ ...base, decision: 'rejected', note: 'Saknar <styrgrupp> & beslut' });
    expect(mail.subject).toBe('Besked om er ansökan (K7F3-9QPA-2MXD): Avslagen / Rejected');
    expect(mail.html).toContain('Saknar &lt;styrgrupp&gt; &amp; beslut');
    expect(mail.text).toContain('Saknar <styrgrupp> & beslut');
  });

  it('links to the form only when changes are requested', () => {
    const note = 'Lägg till kurserna.';
    const requested = decisionMail({ ...base, decision: 'changes-requested', note });
    const approved = decisionMail({ ...base, decision: 'approved', note });
    expect(requested.html).toContain('href="https://skc.example/forms/centre-application"');
    expect(approved.html).not.toContain('/forms/');
  });
});
