import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The Compose Specification's JSON schema, as shipped (and used) by the dclint package (not an exported subpath). */
export const COMPOSE_SCHEMA_PATH = join(dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');

let validator: ValidateFunction | undefined;

export function composeSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(COMPOSE_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
}

/**
 * An Ajv validator for the Compose Specification (a draft-07 schema). Unknown keywords still fail to compile;
 * only the type-style checks are relaxed, because the schema uses union types (`"type": ["number", "string"]`).
 */
export function composeValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strictTypes: false });
    addFormats(ajv);
    // The file names the draft as https://json-schema.org/draft-07/schema; Ajv knows it by its canonical id.
    validator = ajv.compile({ ...composeSchema(), $schema: 'http://json-schema.org/draft-07/schema#' });
  }
  return validator;
}

export function validateCompose(document: unknown): { valid: boolean; errors: string[] } {
  const validate = composeValidator();
  const valid = validate(document) === true;
  return { valid, errors: valid ? [] : (validate.errors ?? []).map(describe) };
}

function describe(error: ErrorObject): string {
  const detail = error.params && 'additionalProperty' in error.params ? ` (${String(error.params['additionalProperty'])})` : '';
  return `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${detail}`;
}
