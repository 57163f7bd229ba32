/**
 * Filling a hosted form the way people do: with the keyboard alone (Tab to a field, type, Space
 * and arrow keys for choices, Enter on buttons), driven by the survey definition and its example
 * answers. A second filler sets the same answers directly, for the paths that test something
 * else (no JavaScript, reloads).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { FieldQuestion, Survey } from '../../shared/core/definition.ts';
import { fieldName } from '../../shared/views/pages/form.ts';
import type { Answers } from '../../shared/core/validation.ts';
import { tabTo } from './browser.ts';

/** A CSS selector for the form control(s) named `name`, optionally with one `value`. */
export function named(name: string, value?: string): string {
  return value === undefined ? `[name="${name}"]` : `[name="${name}"][value="${value}"]`;
}

type Step = { question: FieldQuestion; name: string; value: unknown };

/** Every answered field in page order; group items are numbered from 0. */
function steps(survey: Survey, answers: Answers): (Step | { addItem: string; index: number })[] {
  const out: (Step | { addItem: string; index: number })[] = [];
  for (const question of survey.sections.flatMap((section) => section.questions)) {
    const value = answers[question.id];
    if (value === undefined) continue;
    if (question.type === 'group') {
      (value as Record<string, unknown>[]).forEach((item, index) => {
        if (index > 0) out.push({ addItem: question.id, index });
        for (const field of question.fields) {
          if (item[field.id] !== undefined)
            out.push({
              question: field,
              name: fieldName([question.id, index, field.id]),
              value: item[field.id],
            });
        }
      });
    } else if (question.type === 'matrix') {
      for (const row of question.rows) {
        const rowValue = (value as Record<string, number>)[row.id];
        if (rowValue !== undefined)
          out.push({
            question: { ...question, type: 'likert' },
            name: fieldName([question.id, row.id]),
            value: rowValue,
          });
      }
    } else {
      out.push({ question, name: question.id, value });
    }
  }
  return out;
}

/** Values a radio group offers, in page order. */
function radioValues(question: FieldQuestion): string[] {
  switch (question.type) {
    case 'singleChoice':
      return question.options.map((option) => option.value);
    case 'likert':
      return Array.from({ length: question.scale.max - question.scale.min + 1 }, (_, i) =>
        String(question.scale.min + i),
      );
    case 'nps':
      return Array.from({ length: 11 }, (_, i) => String(i));
    case 'boolean':
      return ['true', 'false'];
    default:
      return [];
  }
}

/** `2026-10-15` typed into Chromium's date field, whose segments read mm/dd/yyyy here. */
function dateKeys(value: string): string {
  const [year, month, day] = value.split('-');
  return `${month}${day}${year}`;
}

/**
 * Fills every answer with the keyboard alone. Tab only moves forward, so fields are visited in
 * page order; a group's extra item is added with its "add" button, which (without JavaScript
 * too) brings the page back with focus in the new item.
 */
export async function fillWithKeyboard(page: Page, survey: Survey, answers: Answers): Promise<void> {
  for (const step of steps(survey, answers)) {
    if ('addItem' in step) {
      const first = named(fieldName([step.addItem, step.index, firstFieldOf(survey, step.addItem)]));
      if ((await page.locator(first).count()) === 0) {
        await tabTo(page, `button[value="add:${step.addItem}"]`);
        await page.keyboard.press('Enter');
        await page.waitForSelector(first);
        await expect.poll(() => page.evaluate((s) => document.activeElement?.matches(s), first)).toBe(true);
      }
      continue;
    }
    await fillField(page, step);
  }
}

function firstFieldOf(survey: Survey, groupId: string): string {
  const group = survey.sections.flatMap((section) => section.questions).find((q) => q.id === groupId);
  if (group?.type !== 'group') throw new Error(`${groupId} is not a group`);
  return group.fields[0]!.id;
}

async function fillField(page: Page, { question, name, value }: Step): Promise<void> {
  const keyboard = page.keyboard;
  switch (question.type) {
    case 'text':
    case 'email':
    case 'orgNumber':
    case 'integer':
    case 'number':
    case 'longText':
      await tabTo(page, named(name));
      await keyboard.press('ControlOrMeta+a');
      await keyboard.press('Delete');
      // Long answers arrive as one insertion (as pasted or dictated text does); the rest is typed.
      if (question.type === 'longText') await keyboard.insertText(String(value));
      else await keyboard.type(String(value));
      await expect.poll(() => page.inputValue(named(name))).toBe(String(value));
      return;
    case 'date':
      await tabTo(page, named(name));
      await keyboard.type(dateKeys(String(value)));
      await expect.poll(() => page.inputValue(named(name))).toBe(value);
      return;
    case 'consent':
      await tabTo(page, named(name));
      if (value === true && !(await page.isChecked(named(name)))) await keyboard.press('Space');
      await expect.poll(() => page.isChecked(named(name))).toBe(value === true);
      return;
    case 'multiChoice':
      for (const option of question.options) {
        const wanted = (value as string[]).includes(option.value);
        if (wanted === (await page.isChecked(named(name, option.value)))) continue;
        await tabTo(page, named(name, option.value));
        await keyboard.press('Space');
      }
      for (const option of question.options)
        expect(await page.isChecked(named(name, option.value))).toBe(
          (value as string[]).includes(option.value),
        );
      return;
    case 'singleChoice':
      if ((await page.locator(`select${named(name)}`).count()) > 0) {
        // A closed select moves one option per arrow key, as a screen-reader user would.
        await tabTo(page, named(name));
        for (let presses = 0; presses <= question.options.length; presses += 1) {
          if ((await page.inputValue(named(name))) === value) break;
          await keyboard.press('ArrowDown');
        }
        expect(await page.inputValue(named(name))).toBe(value);
        return;
      }
      return chooseRadio(page, name, radioValues(question), String(value));
    case 'likert':
    case 'nps':
    case 'boolean':
      return chooseRadio(page, name, radioValues(question), String(value));
    case 'matrix':
      throw new Error('a matrix is filled row by row');
  }
}

/** Tab into a radio group (lands on the checked or first radio), then Space or arrow keys. */
async function chooseRadio(page: Page, name: string, values: string[], value: string): Promise<void> {
  await tabTo(page, named(name));
  const from = await page.evaluate(() => (document.activeElement as HTMLInputElement).value);
  const steps = values.indexOf(value) - values.indexOf(from);
  if (steps === 0) await page.keyboard.press('Space');
  for (let i = 0; i < Math.abs(steps); i += 1) await page.keyboard.press(steps > 0 ? 'ArrowDown' : 'ArrowUp');
  expect(await page.isChecked(named(name, value)), `${name} = ${value}`).toBe(true);
}

/** Sets every answer directly (still through the page's controls, but without typing). */
export async function fillDirectly(page: Page, survey: Survey, answers: Answers): Promise<void> {
  for (const step of steps(survey, answers)) {
    if ('addItem' in step) {
      const first = named(fieldName([step.addItem, step.index, firstFieldOf(survey, step.addItem)]));
      if ((await page.locator(first).count()) === 0) {
        await page.locator(`button[value="add:${step.addItem}"]`).press('Enter');
        await page.waitForSelector(first);
      }
      continue;
    }
    const { question, name, value } = step;
    const control = page.locator(named(name));
    switch (question.type) {
      case 'consent':
        await control.setChecked(value === true);
        break;
      case 'multiChoice':
        for (const option of question.options)
          await page
            .locator(named(name, option.value))
            .setChecked((value as string[]).includes(option.value));
        break;
      case 'singleChoice':
        if ((await page.locator(`select${named(name)}`).count()) > 0)
          await control.selectOption(String(value));
        else await page.locator(named(name, String(value))).check();
        break;
      case 'likert':
      case 'nps':
      case 'boolean':
        await page.locator(named(name, String(value))).check();
        break;
      default:
        await control.fill(String(value));
    }
  }
}

/** The reference number on a receipt page. */
export async function referenceOf(page: Page): Promise<string> {
  const reference = (await page.locator('.reference').innerText()).trim();
  expect(reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  return reference;
}
