import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { combineOperationTables, defineOperations } from '@shared/operations/define.js';
import {
  BUREAU_OPERATION_NAMES,
  deskOf,
  isDeskOperationName,
  isOperationName,
  OFFICER_OPERATION_NAMES,
  OPERATION_NAMES,
  operations,
} from '@shared/operations/index.js';
import { appOperations } from '@shared/operations/app.js';
import { projectOperations } from '@shared/operations/projects.js';

describe('combineOperationTables', () => {
  const a = defineOperations({ 'x.one': { input: z.object({}), output: z.number() } });
  const b = defineOperations({ 'x.two': { input: z.object({}), output: z.string() } });
  const clash = defineOperations({ 'x.one': { input: z.object({ other: z.string() }), output: z.boolean() } });

  it('combines tables with distinct names', () => {
    expect(Object.keys(combineOperationTables(a, b))).toEqual(['x.one', 'x.two']);
  });

  it('refuses a name defined twice, naming it', () => {
    expect(() => combineOperationTables(a, b, clash)).toThrow(/"x\.one" is defined twice/);
  });

  it('refuses the same table given twice', () => {
    expect(() => combineOperationTables(appOperations, appOperations)).toThrow(/defined twice/);
  });
});

describe('the operation table', () => {
  it('holds every domain table, each name once', () => {
    const fromDomains = [...Object.keys(appOperations), ...Object.keys(projectOperations)];
    expect(new Set(fromDomains).size).toBe(fromDomains.length);
    for (const name of fromDomains) expect(OPERATION_NAMES).toContain(name);
    expect(new Set(OPERATION_NAMES).size).toBe(OPERATION_NAMES.length);
  });

  it.each(OPERATION_NAMES)('%s has zod input and output schemas', (name) => {
    const spec = operations[name];
    expect(spec.input).toBeInstanceOf(z.ZodType);
    expect(spec.output).toBeInstanceOf(z.ZodType);
  });

  it('names are "domain.verb" and recognised by isOperationName', () => {
    for (const name of OPERATION_NAMES) {
      expect(name).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
      expect(isOperationName(name)).toBe(true);
    }
    expect(isOperationName('projects.drop')).toBe(false);
    expect(isOperationName('toString')).toBe(false);
    expect(isOperationName('__proto__')).toBe(false);
    expect(isOperationName(42)).toBe(false);
  });
});

describe('the two desks', () => {
  it("every name is one desk's: bureau.* the bureau's, the rest the officer's", () => {
    expect([...OFFICER_OPERATION_NAMES, ...BUREAU_OPERATION_NAMES].sort()).toEqual([...OPERATION_NAMES].sort());
    expect(BUREAU_OPERATION_NAMES).toContain('bureau.importMaster');
    for (const name of BUREAU_OPERATION_NAMES) expect(deskOf(name)).toBe('bureau');
    expect(isDeskOperationName('officer', 'bureau.summary')).toBe(false);
    expect(isDeskOperationName('bureau', 'bureau.summary')).toBe(true);
    expect(isDeskOperationName('bureau', 'projects.list')).toBe(false);
  });
});
